import type { JobRecord, LeaseHandle } from '../store/index.js';

/** A leased job's handle: its id and the token of this lease. */
export function handle(job: JobRecord): LeaseHandle {
  return { id: job.id, token: job.leaseToken ?? '' };
}

import type { UpdateQueryBuilder } from 'kysely';
import type { DB } from '../schema.js';
import type { LeaseHandle } from '../types.js';

/** What every end of a lease clears: the job is no longer anyone's. */
export const LEASE_CLEARED = { lease_until: null, locked_by: null } as const;

/**
 * The condition of every operation that ends a lease (retry, defer, except): the job is still
 * running under this lease's token, so a worker whose lease expired and was taken changes nothing.
 */
export function whereLeaseHeld<O>(
  q: UpdateQueryBuilder<DB, 'jobs', 'jobs', O>,
  h: LeaseHandle,
): UpdateQueryBuilder<DB, 'jobs', 'jobs', O> {
  return q.where('id', '=', h.id).where('lease_token', '=', h.token).where('state', '=', 'running');
}

import type { Database, Statement } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { JobsTable } from '../schema.js';
import { toJobRecord } from '../common/rows.js';
import type { JobRecord, LeaseRequest } from '../types.js';

const cache = new WeakMap<Database, Statement>();

/**
 * Leases ready jobs of one lane in one statement. A job waits while an earlier job with the same
 * ordering key is ready or running, so one order's jobs run one at a time, in enqueue order.
 * The caller holds the connection inside BEGIN IMMEDIATE, so no other writer interleaves.
 */
export function leaseJobs(raw: Database, req: LeaseRequest, token: string): JobRecord[] {
  let stmt = cache.get(raw);
  if (!stmt) {
    stmt = raw.prepare(
      `update jobs set state = 'running', attempts = attempts + 1, lease_until = @until, lease_token = @token,
         locked_by = @worker, updated_at = @now
       where id in (
         select j.id from jobs j
         where j.state = 'ready' and j.lane = @lane and j.run_at <= @now
           and (j.ordering_key is null or not exists (
             select 1 from jobs p
             where p.ordering_key = j.ordering_key and p.id < j.id and p.state in ('ready', 'running')))
         order by j.priority desc, j.run_at, j.id
         limit @limit)
       returning *`,
    );
    cache.set(raw, stmt);
  }
  const rows = stmt.all({
    until: req.now + req.leaseMs,
    token,
    worker: req.workerId,
    now: req.now,
    lane: req.lane,
    limit: req.limit,
  }) as Selectable<JobsTable>[];
  return rows.map(toJobRecord).sort((a, b) => b.priority - a.priority || a.runAt - b.runAt || a.id - b.id);
}

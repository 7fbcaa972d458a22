import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../port.js';
import type { DB } from '../schema.js';
import type { LeaseHandle } from '../types.js';

/**
 * Extends the leases a worker still holds, by lease token; returns the ids extended. A handle
 * missing from the answer is a lease this worker no longer holds (recovered after it expired): the
 * worker must stop that job. Rows are locked in id order, the order every other multi-row writer
 * (completion, recovery) uses: updating them in scan order deadlocked against completions (issue
 * 16: "deadlock detected" 6 times in one run).
 */
export async function extendLeases(
  db: Kysely<DB>,
  dialect: Dialect,
  handles: LeaseHandle[],
  leaseUntil: number,
  now: number,
): Promise<number[]> {
  if (handles.length === 0) return [];
  const owned = (eb: ExpressionBuilder<DB, 'jobs'>) =>
    eb.or(handles.map((h) => eb.and([eb('id', '=', h.id), eb('lease_token', '=', h.token)])));
  let lock = db.selectFrom('jobs').select('id').where('state', '=', 'running').where(owned).orderBy('id');
  if (dialect === 'postgres') lock = lock.forUpdate();
  const rows = await db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', 'in', lock)
    .where('state', '=', 'running')
    .where(owned)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toApproval, type ApprovalRow, type ApprovalStatus } from './rows.js';

/**
 * Held changes of one status: pending ones oldest first (the order they should be decided in),
 * decided ones newest first. At most `limit` (the index on status, id serves both).
 */
export async function listApprovals(
  db: Kysely<DB>,
  f: { status: ApprovalStatus; kind?: string | undefined; limit: number },
): Promise<ApprovalRow[]> {
  let q = db.selectFrom('approvals').selectAll().where('status', '=', f.status);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  const rows = await q
    .orderBy('id', f.status === 'pending' ? 'asc' : 'desc')
    .limit(f.limit)
    .execute();
  return rows.map(toApproval);
}

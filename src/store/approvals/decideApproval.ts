import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toApproval, type ApprovalRow } from './rows.js';

/**
 * Records the decision on a pending change; null when it is no longer pending (another person
 * decided it first), so two deciders can never both apply it.
 */
export async function decideApproval(
  db: Kysely<DB>,
  d: {
    id: number;
    status: 'approved' | 'rejected';
    actor: string;
    userId: number | null;
    now: number;
    reason: string | null;
  },
): Promise<ApprovalRow | null> {
  const r = await db
    .updateTable('approvals')
    .set({
      status: d.status,
      decided_by: d.actor,
      decided_user_id: d.userId,
      decided_at: d.now,
      reason: d.reason,
    })
    .where('id', '=', d.id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return r ? toApproval(r) : null;
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toApproval, type ApprovalRow } from './rows.js';

/** Holds a change as pending until a second person decides it. */
export async function insertApproval(
  db: Kysely<DB>,
  a: { kind: string; target: string; change: unknown; actor: string; userId: number | null; now: number },
): Promise<ApprovalRow> {
  const r = await db
    .insertInto('approvals')
    .values({
      kind: a.kind,
      target: a.target,
      change_json: JSON.stringify(a.change),
      status: 'pending',
      requested_by: a.actor,
      requested_user_id: a.userId,
      requested_at: a.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApproval(r);
}

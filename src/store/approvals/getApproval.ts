import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toApproval, type ApprovalRow } from './rows.js';

/** One held change by id; null when there is none. */
export async function getApproval(db: Kysely<DB>, id: number): Promise<ApprovalRow | null> {
  const r = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toApproval(r) : null;
}

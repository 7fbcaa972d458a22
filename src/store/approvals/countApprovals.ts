import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ApprovalStatus } from './rows.js';

/** How many held changes have this status (the index on status, id serves it): the console's badge. */
export async function countApprovals(db: Kysely<DB>, status: ApprovalStatus): Promise<number> {
  const r = await db
    .selectFrom('approvals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { InboxRecord } from '../types.js';
import { toInboxRecord } from './rows.js';

export async function getInbox(db: Kysely<DB>, id: number): Promise<InboxRecord | null> {
  const r = await db.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toInboxRecord(r) : null;
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { inboxWorkFinished } from './retentionRules.js';

/** Empties the raw bodies of inbox messages received before `before` whose work is finished. */
export async function eraseInboxPayloads(
  db: Kysely<DB>,
  before: number,
  now: number,
  where?: { source?: string; ids?: number[] },
): Promise<number> {
  let q = db
    .updateTable('inbox')
    .set({ body: Buffer.alloc(0), payload_erased_at: now })
    .where('payload_erased_at', 'is', null)
    .where('received_at', '<', before)
    .where(inboxWorkFinished);
  if (where?.source) q = q.where('source', '=', where.source);
  if (where?.ids) q = where.ids.length ? q.where('id', 'in', where.ids) : q.where('id', '=', -1);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

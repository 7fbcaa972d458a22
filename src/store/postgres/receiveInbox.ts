import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import type { InboxMessage } from '../types.js';

/**
 * Stores a raw inbound message before anything acknowledges it. A repeated dedupe key is not
 * stored again: the original counts the duplicate, and the caller is told not to process it.
 */
export async function receiveInbox(
  db: Kysely<DB>,
  m: InboxMessage,
): Promise<{ id: number; duplicate: boolean }> {
  const inserted = await db
    .insertInto('inbox')
    .values({
      source: m.source,
      kind: m.kind,
      received_at: m.receivedAt,
      headers: JSON.stringify(m.headers),
      body: m.body,
      signature: m.signature,
      dedupe_key: m.dedupeKey,
      status: m.status,
      reason: m.reason ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), duplicate: false };
  const dup = await db
    .updateTable('inbox')
    .set({ duplicate_count: sql`duplicate_count + 1`, last_duplicate_at: m.receivedAt })
    .where('dedupe_key', '=', m.dedupeKey)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(dup.id), duplicate: true };
}

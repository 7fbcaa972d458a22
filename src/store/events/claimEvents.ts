import { sql, type Kysely } from 'kysely';
import type { StoredEvent } from '../../core/events/index.js';
import { toStoredEvent } from './eventRows.js';
import type { DB } from '../schema.js';

/**
 * Takes up to `limit` events not yet relayed, oldest first, and marks them relayed. Run it in the
 * transaction that enqueues their deliveries: a crash before commit leaves them unrelayed, so none
 * is lost. On PostgreSQL `for update skip locked` lets several relays run without taking the same
 * event; a sequence number is no cursor there (a later number can commit first), which is why the
 * outbox marks rows instead of remembering the last number seen.
 */
export async function claimEvents(
  db: Kysely<DB>,
  limit: number,
  now: number,
  dialect: 'sqlite' | 'postgres',
): Promise<StoredEvent[]> {
  let q = db
    .selectFrom('events')
    .select(['seq', 'event_id', 'type', 'subject', 'time', 'data'])
    .where('relayed_at', 'is', null)
    .orderBy('seq')
    .limit(limit);
  if (dialect === 'postgres') q = q.modifyEnd(sql`for update skip locked`);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('events')
    .set({ relayed_at: now })
    .where(
      'seq',
      'in',
      rows.map((r) => r.seq),
    )
    .execute();
  return rows.map(toStoredEvent);
}

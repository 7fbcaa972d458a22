import type { Kysely } from 'kysely';
import type { StoredEvent } from '../../core/events/index.js';
import { EVENT_COLUMNS, toStoredEvent } from './eventRows.js';
import type { DB } from '../schema.js';

/** Events by id, in the order of the outbox; unknown ids are left out. */
export async function getEvents(db: Kysely<DB>, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(EVENT_COLUMNS)
    .where('event_id', 'in', [...ids])
    .orderBy('seq')
    .execute();
  return rows.map(toStoredEvent);
}

import type { Kysely } from 'kysely';
import type { EventType, StoredEvent } from '../../core/events/index.js';
import type { DB } from '../schema.js';

/** Events by id, in the order of the outbox; unknown ids are left out. */
export async function getEvents(db: Kysely<DB>, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select(['event_id', 'type', 'subject', 'time', 'data'])
    .where('event_id', 'in', [...ids])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.event_id,
    type: r.type as EventType,
    subject: r.subject,
    time: Number(r.time),
    data: JSON.parse(r.data) as unknown,
  }));
}

/** Events of the outbox in order, after `afterSeq`, for `ferry events ls` and recovery. */
export async function listEvents(
  db: Kysely<DB>,
  f: { since?: number; types?: readonly string[]; limit: number },
): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').select(['event_id', 'type', 'subject', 'time', 'data']).orderBy('seq');
  if (f.since !== undefined) q = q.where('time', '>=', f.since);
  if (f.types?.length) q = q.where('type', 'in', [...f.types]);
  const rows = await q.limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.event_id,
    type: r.type as EventType,
    subject: r.subject,
    time: Number(r.time),
    data: JSON.parse(r.data) as unknown,
  }));
}

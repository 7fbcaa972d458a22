import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EventType } from '../../core/events/index.js';
import type { DB } from '../schema.js';

export interface NewEvent {
  type: EventType;
  subject: string;
  data: unknown;
  /** Epoch ms of the state change. */
  now: number;
}

/**
 * Writes an event to the outbox. Call it with the transaction that makes the state change, so the
 * event exists exactly when the change does (DESIGN.md §6): a rolled-back change publishes nothing.
 * Returns the event id (a UUID, the subscriber's dedupe key).
 */
export async function appendEvent(db: Kysely<DB>, e: NewEvent): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('events')
    .values({ event_id: id, type: e.type, subject: e.subject, time: e.now, data: JSON.stringify(e.data) })
    .execute();
  return id;
}

import type { Kysely } from 'kysely';
import { EventType } from '../../core/events/index.js';
import type { DB } from '../schema.js';
import { appendEvent } from './appendEvent.js';

/**
 * The lane that delivers events. Its own exceptions publish no event: an endpoint that is down
 * would otherwise be sent an "exception opened" for every delivery that failed to reach it, each of
 * which fails in turn, without end.
 */
export const EVENTS_LANE = 'events';

/**
 * Writes `exception.opened` / `exception.resolved` for an exception, in the caller's transaction.
 * The data names the failure and the business entities (order ref, SKU …), never the job's payload,
 * which may hold personal data the subscriber did not ask for.
 */
export async function publishExceptionEvent(
  db: Kysely<DB>,
  id: number,
  what: 'opened' | 'resolved',
  now: number,
): Promise<void> {
  const x = await db
    .selectFrom('exceptions')
    .select([
      'lane',
      'task',
      'code',
      'message',
      'impact',
      'partner',
      'entities',
      'status',
      'resolved_by',
      'resolution_note',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!x || x.lane === EVENTS_LANE) return;
  await appendEvent(db, {
    type: what === 'opened' ? EventType.exceptionOpened : EventType.exceptionResolved,
    subject: `exception/${id}`,
    now,
    data: {
      id,
      lane: x.lane,
      task: x.task,
      code: x.code,
      message: x.message,
      impact: x.impact,
      partner: x.partner,
      entities: JSON.parse(x.entities) as unknown,
      status: x.status,
      ...(what === 'resolved' ? { resolvedBy: x.resolved_by, resolution: x.resolution_note } : {}),
    },
  });
}

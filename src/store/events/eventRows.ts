import type { EventType, StoredEvent } from '../../core/events/index.js';

/** The columns an event is read back from. */
export const EVENT_COLUMNS = ['event_id', 'type', 'subject', 'time', 'data'] as const;

/** An outbox row as the flows see it. */
export function toStoredEvent(r: {
  event_id: string;
  type: string;
  subject: string;
  time: number;
  data: string;
}): StoredEvent {
  return {
    id: r.event_id,
    type: r.type as EventType,
    subject: r.subject,
    time: Number(r.time),
    data: JSON.parse(r.data) as unknown,
  };
}

import { CloudEvent } from 'cloudevents';
import { cloudEventType, type EventType } from './catalogue.js';

/** An event as the outbox keeps it. */
export interface StoredEvent {
  /** Unique per event: the subscriber's dedupe key and JetStream's `Nats-Msg-Id`. */
  id: string;
  type: EventType;
  /** `order/<ref>`, `exception/<id>`, `inventory/<channel>` … */
  subject: string;
  /** Epoch ms of the state change. */
  time: number;
  data: unknown;
}

/** A subscription's choice: the whole record, or only what names it (the subscriber reads the rest). */
export type PayloadMode = 'full' | 'thin';

/**
 * The CloudEvents 1.0 JSON envelope of an event. `source` is `/ferry/<environment>`, so a sandbox's
 * events can never pass for production's. A thin payload keeps the subject's id and drops the record.
 * The cloudevents library validates the envelope (id, source, type, specversion), so an event that
 * breaks the spec fails here, before any subscriber sees it.
 */
export function toCloudEvent(
  e: StoredEvent,
  environment: string,
  mode: PayloadMode,
): Record<string, unknown> {
  const ce = new CloudEvent({
    specversion: '1.0',
    id: e.id,
    source: `/ferry/${environment}`,
    type: cloudEventType(e.type),
    subject: e.subject,
    time: new Date(e.time).toISOString(),
    datacontenttype: 'application/json',
    data: mode === 'full' ? e.data : thin(e),
  });
  return ce.toJSON();
}

function thin(e: StoredEvent): Record<string, unknown> {
  const [kind, ...rest] = e.subject.split('/');
  return { [kind === 'order' ? 'ref' : 'id']: rest.join('/') };
}

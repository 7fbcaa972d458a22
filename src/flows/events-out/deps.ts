import type { Clock } from '../../core/clock.js';
import type { NatsPublisher } from '../../connectors/nats/port.js';
import type { WebhookSender } from '../../connectors/webhooks-out/port.js';

/** The lane every delivery runs on; its exceptions publish no event (see EVENTS_LANE in the store). */
export { EVENTS_LANE } from '../../store/events/index.js';
export const WEBHOOK_TASK = 'events.webhook';
export const NATS_TASK = 'events.nats';

/** What the events-out flow needs, compiled once from `events` in the configuration. */
export interface EventsOutDeps {
  /** `sandbox` or `production`: the events' `source` is `/ferry/<environment>`. */
  environment: string;
  sender: WebhookSender;
  /** The JetStream publisher when `events.nats` is configured. */
  nats: NatsPublisher | null;
  /** A signing secret's value by its name in the secret service. */
  revealSecret(name: string): Promise<string>;
  webhookRetryMs: readonly number[];
  natsRetryMs: readonly number[];
  /** An endpoint failing this long without one success is disabled, with an alert. */
  disableAfterMs: number;
  clock: Clock;
}

/** One delivery job: one event to one subscription. */
export interface DeliveryPayload {
  eventId: string;
  subscriptionId: number;
}

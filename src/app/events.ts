/**
 * Events out wired from `events` in the configuration: the delivery lane and tasks, the outbox relay,
 * and the JetStream subscription kept in step with `events.nats`.
 */
import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { AnyTask, EventBus, Queue } from '../engine/index.js';
import { compileLane, type LaneOptions } from '../engine/lanes.js';
import { natsPublisher } from '../connectors/nats/index.js';
import { webhookSender } from '../connectors/webhooks-out/index.js';
import {
  EVENTS_LANE,
  EventRelay,
  NATS_RETRY_MS,
  WEBHOOK_RETRY_MS,
  attemptsFor,
  natsPublishTask,
  webhookDeliveryTask,
  type EventsOutDeps,
} from '../flows/events-out/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import type { Store } from '../store/index.js';

/** The name of the subscription row that stands for the JetStream publisher. */
export const NATS_SUBSCRIPTION = 'nats';

/**
 * The delivery lane: two batches of 100 in flight; as many attempts as the webhook schedule has
 * steps, and a backoff ceiling of 1 s so the schedule's own waits (carried as retry-after) decide.
 */
export function eventsLane(config: FerryConfig) {
  const schedule = config.events.webhooks.retryScheduleMs ?? WEBHOOK_RETRY_MS;
  return {
    name: EVENTS_LANE,
    concurrency: 2,
    batchSize: 100,
    maxAttempts: Math.max(attemptsFor(schedule), attemptsFor(NATS_RETRY_MS)),
    backoff: { baseMs: 1000, capMs: 1000 },
  };
}

/** The compiled lanes with the delivery lane added when the configuration does not name one. */
export function withEventsLane(lanes: LaneOptions[], config: FerryConfig): LaneOptions[] {
  return lanes.some((l) => l.name === EVENTS_LANE) ? lanes : [...lanes, compileLane(eventsLane(config))];
}

export interface EventsWiring {
  tasks: AnyTask[];
  /** Keeps the JetStream subscription in step with the configuration, then starts the relay. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function wireEvents(
  config: FerryConfig,
  deps: {
    store: Store;
    clock: Clock;
    queue: Queue;
    events: EventBus;
    /** The secret service (absent without a key ring: webhook subscriptions then cannot sign). */
    secrets?: { reveal(name: string): Promise<string> };
  },
): EventsWiring {
  const ev = config.events;
  const nats = ev.nats
    ? natsPublisher({
        url: ev.nats.url,
        stream: ev.nats.stream,
        subjectPrefix: ev.nats.subjectPrefix,
        duplicateWindowMs: ev.nats.duplicateWindowMs,
        timeoutMs: ev.nats.timeoutMs,
      })
    : null;
  const sender = webhookSender({ timeoutMs: ev.webhooks.timeoutMs });
  const revealed = new Map<string, Promise<string>>();
  const out: EventsOutDeps = {
    environment: config.environment,
    sender,
    nats,
    revealSecret: (name) => {
      const secrets = deps.secrets;
      if (!secrets)
        throw new FerryError(
          'config_invalid',
          'webhook signing secrets are kept encrypted: set FERRY_KEYRING_FILE (or FERRY_KEYRING) for this process',
        );
      // A secret's name is new at every rotation, so a value cached by name is never stale.
      let v = revealed.get(name);
      if (!v) {
        v = secrets.reveal(name);
        revealed.set(name, v);
        v.catch(() => revealed.delete(name));
      }
      return v;
    },
    webhookRetryMs: ev.webhooks.retryScheduleMs ?? WEBHOOK_RETRY_MS,
    natsRetryMs: NATS_RETRY_MS,
    disableAfterMs: ev.webhooks.disableAfterDays * 86_400_000,
    clock: deps.clock,
  };
  const relay = new EventRelay(deps, { everyMs: ev.relayEveryMs });
  return {
    tasks: [webhookDeliveryTask(out), natsPublishTask(out)],
    async start() {
      await syncNatsSubscription(deps.store, config, deps.clock.now());
      relay.start();
    },
    async close() {
      await relay.stop();
      await sender.close();
      await nats?.close();
    },
  };
}

/**
 * The JetStream publisher is a subscription row like a webhook (so the relay, the delivery log and
 * recovery treat both alike), created or updated from `events.nats` at start and disabled when the
 * configuration drops it.
 */
export async function syncNatsSubscription(store: Store, config: FerryConfig, now: number): Promise<void> {
  const nats = config.events.nats;
  const row = await store.events.getSubscription(NATS_SUBSCRIPTION);
  if (!nats) {
    if (row?.enabled)
      await store.events.updateSubscription(
        row.id,
        { enabled: false, disabledReason: 'events.nats is not configured' },
        now,
      );
    return;
  }
  if (!row) {
    try {
      await store.events.insertSubscription({
        name: NATS_SUBSCRIPTION,
        kind: 'nats',
        url: nats.url,
        types: nats.types,
        payload: 'full',
        secretName: null,
        now,
      });
    } catch (e) {
      // Another process created it first (PostgreSQL, several processes starting together).
      if (!(await store.events.getSubscription(NATS_SUBSCRIPTION))) throw e;
    }
    return;
  }
  if (!row.enabled && row.disabledReason === 'events.nats is not configured')
    await store.events.updateSubscription(row.id, { enabled: true, disabledReason: null }, now);
}

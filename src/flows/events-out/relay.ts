import type { Clock } from '../../core/clock.js';
import type { EventBus, Queue } from '../../engine/index.js';
import { type Subscription } from '../../store/events/index.js';
import type { NewJob, Store } from '../../store/index.js';
import { EVENTS_LANE, NATS_TASK, WEBHOOK_TASK, type DeliveryPayload } from './deps.js';

export interface RelayOptions {
  /** How often the outbox is read. Default 200 ms: the floor of an event's delay to its subscribers. */
  everyMs?: number;
  /** Events turned into deliveries per transaction. Default 500. */
  batch?: number;
}

/** Whether a subscription wants this type (an empty list wants every type). */
export function wants(s: Subscription, type: string): boolean {
  return s.enabled && (s.types.length === 0 || s.types.includes(type));
}

/**
 * Moves events from the outbox to delivery jobs: one job per event and subscription, enqueued in
 * the transaction that marks the events relayed, so an event is either still in the outbox or has
 * its jobs, never neither. The job's idempotency key (event, subscription) keeps a relay that ran
 * twice from delivering twice. Each process runs one; on PostgreSQL they share the outbox by
 * `skip locked`.
 */
export class EventRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly everyMs: number;
  private readonly batch: number;

  constructor(
    private readonly deps: { store: Store; queue: Queue; clock: Clock; events: EventBus },
    opts: RelayOptions = {},
  ) {
    this.everyMs = opts.everyMs ?? 200;
    this.batch = opts.batch ?? 500;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.deps.events.emit('workerError', { error, where: 'event relay' }))
        .finally(() => {
          this.running = null;
        });
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Relays until the outbox is empty; returns the number of delivery jobs created. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.tick();
      total += r.jobs;
      if (r.events < this.batch) return total;
    }
  }

  /** One transaction: up to `batch` events claimed and their delivery jobs enqueued. */
  async tick(): Promise<{ events: number; jobs: number }> {
    const { store, queue, clock } = this.deps;
    const now = clock.now();
    return store.transaction(async (tx) => {
      const events = await tx.events.claimEvents(this.batch, now);
      if (events.length === 0) return { events: 0, jobs: 0 };
      const subs = (await tx.events.listSubscriptions()).filter((s) => s.enabled);
      const jobs: NewJob[] = [];
      for (const e of events)
        for (const s of subs) if (wants(s, e.type)) jobs.push(deliveryJob(e.id, s, `event:${e.id}:${s.id}`));
      if (jobs.length)
        await tx.jobs.enqueue(
          jobs.map((j) => queue.prepare(j, now)),
          now,
        );
      return { events: events.length, jobs: jobs.length };
    });
  }
}

/** The job that delivers one event to one subscription. */
export function deliveryJob(eventId: string, s: Subscription, idempotencyKey: string): NewJob {
  const payload: DeliveryPayload = { eventId, subscriptionId: s.id };
  return {
    lane: EVENTS_LANE,
    task: s.kind === 'nats' ? NATS_TASK : WEBHOOK_TASK,
    payload,
    idempotencyKey,
    partner: `events:${s.name}`,
  };
}

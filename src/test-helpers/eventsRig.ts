import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { systemClock, type Clock } from '../core/clock.js';
import { EventBus, LaneRegistry, Queue, Worker } from '../engine/index.js';
import { natsPublisher, type NatsPublisher } from '../connectors/nats/index.js';
import { webhookSender } from '../connectors/webhooks-out/index.js';
import {
  EVENTS_LANE,
  EventRelay,
  natsPublishTask,
  webhookDeliveryTask,
  type EventsOutDeps,
} from '../flows/events-out/index.js';
import { SecretService, parseKeyRing } from '../ops/secrets/index.js';

import type { Store } from '../store/index.js';

/** A key ring for tests: one key, the same for every rig of a test file (they share its database). */
const RING = parseKeyRing(
  JSON.stringify({ primary: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
  'test',
);
export function testKeyRing() {
  return RING;
}

export type ReceiverMode = 'up' | 'down' | 'redirect';

/**
 * A webhook subscriber on 127.0.0.1:0 that verifies every delivery's Standard Webhooks signature
 * with the secrets it is given, and counts what it received. `loseAckFor(n)` makes it take the next
 * n deliveries and answer 500 anyway (the subscriber processed them, Ferry never heard), which is
 * how duplicates reach a real subscriber.
 */
export class Receiver {
  mode: ReceiverMode = 'up';
  secrets: string[] = [];
  readonly received = new Map<string, number>();
  readonly bodies = new Map<string, Record<string, unknown>>();
  /** When each event id first arrived (epoch ms). */
  readonly firstAt = new Map<string, number>();
  /** Keep bodies (off for benchmarks: 10,000 parsed envelopes are memory, not evidence). */
  keepBodies = true;
  badSignatures = 0;
  signatureCounts: number[] = [];
  private lose = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) =>
        void this.handle(req).then(([code, extra]) => {
          res.writeHead(code, extra);
          res.end();
        }),
    );
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  loseAckFor(n: number): void {
    this.lose = n;
  }

  get duplicates(): number {
    let d = 0;
    for (const n of this.received.values()) d += n - 1;
    return d;
  }

  private async handle(req: IncomingMessage): Promise<[number, Record<string, string>?]> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.mode === 'down') return [503];
    if (this.mode === 'redirect') return [302, { location: 'http://127.0.0.1:1/elsewhere' }];
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = req.headers as Record<string, string>;
    this.signatureCounts.push((headers['webhook-signature'] ?? '').split(' ').length);
    const verifies = this.secrets.some((s) => {
      try {
        new Webhook(s).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    if (!verifies) {
      this.badSignatures++;
      return [401];
    }
    const id = headers['webhook-id']!;
    this.received.set(id, (this.received.get(id) ?? 0) + 1);
    if (!this.firstAt.has(id)) this.firstAt.set(id, Date.now());
    if (this.keepBodies) this.bodies.set(id, JSON.parse(body) as Record<string, unknown>);
    if (this.lose > 0) {
      this.lose--;
      return [500];
    }
    return [204];
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

export interface EventsRig {
  store: Store;
  queue: Queue;
  secrets: SecretService;
  clock: Clock;
  relay: EventRelay;
  worker: Worker;
  deps: EventsOutDeps;
  stop(): Promise<void>;
}

/** Store + events lane worker + relay, with a short retry schedule so an outage lasts milliseconds. */
export function startEventsRig(
  store: Store,
  o: {
    retryMs?: number[];
    disableAfterMs?: number;
    nats?: NatsPublisher | null;
    clock?: Clock;
    /** The delivery lane's concurrency and batch size (default 2 × 50). */
    lane?: { concurrency: number; batchSize: number };
    relayEveryMs?: number;
  } = {},
): EventsRig {
  const clock = o.clock ?? systemClock;
  const retryMs = o.retryMs ?? [20, 40, 80, 120, 160, 200, 250];
  const lanes = new LaneRegistry([
    {
      name: EVENTS_LANE,
      concurrency: 2,
      batchSize: 50,
      maxAttempts: retryMs.length + 1,
      backoff: { baseMs: 1, capMs: 1 },
      pollMs: 10,
    },
  ]);
  const queue = new Queue(store, lanes, clock);
  const events = new EventBus();
  const secrets = new SecretService(store, testKeyRing(), clock);
  const sender = webhookSender({ timeoutMs: 2000 });
  const deps: EventsOutDeps = {
    environment: 'sandbox',
    sender,
    nats: o.nats ?? null,
    revealSecret: (n) => secrets.reveal(n),
    webhookRetryMs: retryMs,
    natsRetryMs: retryMs,
    disableAfterMs: o.disableAfterMs ?? 86_400_000,
    clock,
  };
  const worker = new Worker({
    store,
    lanes,
    tasks: [webhookDeliveryTask(deps), natsPublishTask(deps)],
    clock,
    events,
  });
  const relay = new EventRelay({ store, queue, clock, events }, { everyMs: o.relayEveryMs ?? 10 });
  worker.start();
  relay.start();
  return {
    store,
    queue,
    secrets,
    clock,
    relay,
    worker,
    deps,
    async stop() {
      await relay.stop();
      await worker.stop(2000);
      await sender.close();
    },
  };
}

/** Writes `n` orders the way the flows do (insert, then accepted): 2n events in the outbox. */
export async function makeOrders(store: Store, n: number, prefix: string, now = Date.now()): Promise<void> {
  for (let i = 0; i < n; i++)
    await store.transaction(async (tx) => {
      const id = await tx.orders.insertOrder({
        ref: `${prefix}-${i}`,
        channel: 'shop',
        channelOrderId: `${prefix}${i}`,
        state: 'received',
        channelUpdatedAt: new Date(now).toISOString(),
        canonical: { ref: `${prefix}-${i}`, lines: [{ sku: 'SKU-1', quantity: 1 }] },
        now,
      });
      await tx.orders.transitionOrder(id, 'validated', now);
      await tx.orders.transitionOrder(id, 'accepted', now);
    });
}

export { natsPublisher };

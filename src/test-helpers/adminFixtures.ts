/** Seeds for the admin API tests: parked exceptions, an order with its history, raw messages. */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { buildHttp } from '../api/server.js';
import { adminServices, registerAdmin, type AdminOptions, type AdminServices } from '../api/admin/index.js';
import { storeDb } from './storeDb.js';

let seq = 0;

/** Parks one job in the exception queue and returns the exception id. */
export async function parkException(
  store: Store,
  now: number,
  e: {
    impact?: string;
    code?: string;
    orderingKey?: string;
    entities?: Record<string, string>;
    message?: string;
  } = {},
): Promise<number> {
  const lane = 'orders';
  const [job] = await store.jobs.enqueue(
    [
      {
        lane,
        task: 'order.accept',
        payloadJson: JSON.stringify({ n: ++seq }),
        maxAttempts: 1,
        runAt: now,
        priority: 0,
        ...(e.orderingKey ? { orderingKey: e.orderingKey } : {}),
        idempotencyKey: `park-${seq}-${now}`,
      },
    ],
    now,
  );
  const leased = await store.jobs.lease({ lane, limit: 100, leaseMs: 60_000, workerId: 'test', now });
  const mine = leased.find((j) => j.id === job!.id)!;
  for (const other of leased.filter((j) => j.id !== job!.id))
    await store.jobs.defer({ id: other.id, token: other.leaseToken! }, now, now);
  const id = await store.jobs.except(
    { id: mine.id, token: mine.leaseToken! },
    {
      code: e.code ?? 'mapping_missing',
      message: e.message ?? 'no Odoo product for SKU X-1',
      impact: e.impact ?? 'finance',
      partner: 'odoo',
      entities: e.entities ?? {},
    },
    [],
    now,
  );
  return id!;
}

/** One Shopify order with a webhook in the inbox, two events and Odoo ids. */
export async function seedOrder(
  store: Store,
  now: number,
  n: string,
): Promise<{ orderId: number; inboxId: number; ref: string }> {
  const ref = `eu-${n}`;
  const inbox = await store.inbox.receive({
    source: 'shopify:eu',
    kind: 'orders/create',
    receivedAt: now,
    headers: {},
    body: Buffer.from(JSON.stringify({ id: n })),
    signature: 'valid',
    dedupeKey: `eu:${n}:${now}`,
    status: 'accepted',
  });
  return store.transaction(async (tx) => {
    const orderId = await tx.orders.insertOrder({
      ref,
      channel: 'eu',
      channelOrderId: n,
      state: 'received',
      channelUpdatedAt: '2026-01-01T00:00:00Z',
      canonical: { n },
      now,
    });
    // A fixture's own state, outside the lifecycle on purpose.
    await storeDb(tx).updateTable('orders').set({ state: 'confirmed' }).where('id', '=', orderId).execute();
    await tx.orders.updateOrder(orderId, {
      odooId: 4200 + Number(n.slice(-2)),
      odooName: `S0${n}`,
      now,
    });
    await tx.orders.addOrderRefs(orderId, [
      `shopify:order:${n}`,
      `eu:name:#${n}`,
      `wms:east:tracking:1Z${n}`,
    ]);
    await tx.orders.appendOrderEvent({
      orderId,
      at: now,
      type: 'received',
      toState: 'received',
      source: `inbox:${inbox.id}`,
    });
    await tx.orders.appendOrderEvent({
      orderId,
      at: now + 1000,
      type: 'confirmed',
      fromState: 'received',
      toState: 'confirmed',
      source: 'odoo',
    });
    return { orderId, inboxId: inbox.id, ref };
  });
}

/** The HTTP app with the admin API registered, as `startFerry` builds it. */
export async function adminApp(
  store: Store,
  clock: Clock,
  extra: Partial<AdminOptions> = {},
): Promise<{ app: FastifyInstance; services: AdminServices }> {
  const app = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1024 * 1024 });
  const services = adminServices({ store, clock, laneNames: ['intake', 'orders'], ...extra });
  await registerAdmin(app, services);
  await app.ready();
  return { app, services };
}

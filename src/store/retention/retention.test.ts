import { expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../index.js';
import type { RetentionPolicy } from './index.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const POLICY: RetentionPolicy = {
  personalDataDays: 30,
  inboxDays: 90,
  jobsDays: 30,
  eventsDays: 365,
  deliveryLogDays: 90,
};

function canonical(id: string) {
  return {
    channel: 'shop-eu',
    channelOrderId: id,
    currency: 'EUR',
    taxesIncluded: true,
    customer: {
      channelCustomerId: '7001',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      isCompany: false,
      shippingAddress: {
        name: 'Ada Lovelace',
        street: '12 St James Sq',
        city: 'London',
        zip: 'SW1Y',
        countryCode: 'GB',
      },
    },
    lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: { amountMinor: 1250, currency: 'EUR' } }],
    note: 'ring twice, ask for Ada',
    createdAt: '2026-04-01T10:00:00Z',
    updatedAt: '2026-04-01T10:00:00Z',
  };
}

describeStores('retention', (fx) => {
  async function seed(store: Store) {
    const order = (id: string, state: string, ageDays: number) =>
      store.transaction((tx) =>
        tx.orders.insertOrder({
          ref: `shop-eu-${id}`,
          channel: 'shop-eu',
          channelOrderId: id,
          state,
          channelUpdatedAt: '2026-04-01T10:00:00Z',
          canonical: canonical(id),
          now: NOW - ageDays * DAY,
        }),
      );
    const oldShipped = await order('1', 'shipped', 40);
    const oldOpen = await order('2', 'accepted', 40);
    const recentShipped = await order('3', 'shipped', 10);
    const job = async (state: string, ageDays: number) => {
      const [r] = await store.jobs.enqueue(
        [{ lane: 'l', task: 't', payloadJson: '{}', priority: 0, runAt: 0, maxAttempts: 3 }],
        NOW - ageDays * DAY,
      );
      await storeDb(store)
        .updateTable('jobs')
        .set({ state, completed_at: state === 'completed' ? NOW - ageDays * DAY : null })
        .where('id', '=', r!.id)
        .execute();
      return r!.id;
    };
    const doneOld = await job('completed', 40);
    await job('completed', 10);
    const parked = await job('excepted', 40);
    const message = async (ageDays: number, jobId: number | null, dedupe: string) => {
      const r = await store.inbox.receive({
        source: 'shopify:shop-eu',
        kind: 'orders/create',
        receivedAt: NOW - ageDays * DAY,
        headers: {},
        body: Buffer.from(JSON.stringify({ id: 1, email: 'ada@example.com' })),
        signature: 'valid',
        status: 'accepted',
        dedupeKey: dedupe,
      });
      if (jobId !== null) await store.inbox.markInbox(r.id, 'processed', NOW, { jobId });
      return r.id;
    };
    const processed = await message(40, doneOld, 'a');
    const waiting = await message(40, parked, 'b');
    await message(100, null, 'c');
    await storeDb(store)
      .insertInto('order_events')
      .values([
        {
          order_id: oldShipped,
          at: NOW - 400 * DAY,
          type: 'state',
          from_state: null,
          to_state: 'received',
          source: null,
          detail: null,
        },
        {
          order_id: oldShipped,
          at: NOW - 40 * DAY,
          type: 'state',
          from_state: 'packed',
          to_state: 'shipped',
          source: null,
          detail: null,
        },
      ])
      .execute();
    return { oldShipped, oldOpen, recentShipped, processed, waiting };
  }

  it('erases personal data of finished orders first, deletes old records, keeps open work, and audits the purge', async () => {
    const store = await fx().open();
    const s = await seed(store);
    const counts = await store.transaction((tx) => tx.retention.purgeRetention(POLICY, NOW, 'cli:ops'));
    expect(counts).toEqual({
      ordersErased: 1,
      inboxPayloadsErased: 2,
      inbox: 1,
      jobs: 1,
      orderEvents: 1,
      warehouseEvents: 0,
      shadowWrites: 0,
      alerts: 0,
      inventoryPublications: 0,
      outboxEvents: 0,
      eventDeliveries: 0,
    });
    const orders = await storeDb(store)
      .selectFrom('orders')
      .select(['id', 'canonical'])
      .orderBy('id')
      .execute();
    const byId = new Map(
      orders.map((o) => [Number(o.id), JSON.parse(o.canonical) as ReturnType<typeof canonical>]),
    );
    const erased = byId.get(s.oldShipped)!;
    expect(erased.customer).toEqual({
      name: '[erased]',
      isCompany: false,
      shippingAddress: { countryCode: 'GB' },
    });
    expect(erased.note).toBeUndefined();
    // What accounting needs stays.
    expect(erased.lines).toEqual(canonical('1').lines);
    expect([erased.currency, erased.channelOrderId, erased.createdAt]).toEqual([
      'EUR',
      '1',
      '2026-04-01T10:00:00Z',
    ]);
    // An order still open keeps the address the warehouse needs; a recent one is not due yet.
    expect(byId.get(s.oldOpen)!.customer.email).toBe('ada@example.com');
    expect(byId.get(s.recentShipped)!.customer.email).toBe('ada@example.com');
    expect((await store.inbox.getInbox(s.processed))!.body.length).toBe(0);
    expect((await store.inbox.getInbox(s.waiting))!.body.toString()).toContain('ada@example.com');
    expect(await storeDb(store).selectFrom('jobs').select('state').orderBy('id').execute()).toEqual([
      { state: 'completed' },
      { state: 'excepted' },
    ]);
    const [audit] = await store.audit.listAudit({ action: 'retention.purge' });
    expect(audit).toMatchObject({ actor: 'cli:ops', after: { policy: POLICY, counts } });
    // A second purge finds nothing more to do.
    const again = await store.transaction((tx) => tx.retention.purgeRetention(POLICY, NOW, 'cli:ops'));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    await store.close();
  });

  it('finds a customer by e-mail exactly: LIKE wildcards in the address match only themselves', async () => {
    const store = await fx().open();
    const put = (id: string, email: string) =>
      store.transaction((tx) =>
        tx.orders.insertOrder({
          ref: `shop-us-${id}`,
          channel: 'shop-us',
          channelOrderId: id,
          state: 'shipped',
          channelUpdatedAt: '2026-04-01T10:00:00Z',
          canonical: {
            ...canonical(id),
            channel: 'shop-us',
            customer: { name: 'X', email, isCompany: false },
          },
          now: NOW,
        }),
      );
    await put('11', 'ADA_L@example.com');
    await put('12', 'adaxl@example.com');
    const r = await store.transaction((tx) =>
      tx.retention.handlePrivacyRequest(
        {
          channel: 'shop-us',
          source: 'shopify:shop-us',
          kind: 'data_request',
          inboxId: null,
          subject: { email: 'ada_l@example.com', orderIds: [] },
          receivedAt: NOW,
        },
        NOW,
      ),
    );
    expect((r.report.orders as { ref: string }[]).map((o) => o.ref)).toEqual(['shop-us-11']);
    await store.close();
  });
});

describeStores('retention: events out', (fx) => {
  it('deletes relayed events past the personal-data age and old delivery attempts; an event not yet relayed stays', async () => {
    const store = await fx().open();
    const at = (days: number) => NOW - days * DAY;
    for (const [days, relayed] of [
      [40, true],
      [10, true],
      [40, false],
    ] as const) {
      await store.events.appendEvent({
        type: 'order.shipped',
        subject: `order/R${days}${relayed}`,
        data: {},
        now: at(days),
      });
      if (relayed) await store.events.claimEvents(10, at(days));
    }
    await store.events.recordDeliveries(
      [100, 10].map((days) => ({
        subscriptionId: 1,
        eventId: 'e',
        attempt: 1,
        at: at(days),
        ok: true,
        status: 204,
        error: null,
        durationMs: 1,
      })),
    );
    const counts = await store.transaction((tx) => tx.retention.purgeRetention(POLICY, NOW, 'cli:ops'));
    expect([counts.outboxEvents, counts.eventDeliveries]).toEqual([1, 1]);
    const left = await store.events.listEvents({ limit: 10 });
    expect(left.map((e) => e.subject).sort()).toEqual(['order/R10true', 'order/R40false']);
    await store.close();
  });
});

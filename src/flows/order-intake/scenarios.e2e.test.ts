import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../app/index.js';
import { signShopifyWebhook } from '../../connectors/shopify/index.js';
import { systemClock } from '../../core/clock.js';
import { ExceptionService } from '../../engine/index.js';
import type { Distributor } from '../../sandbox/distributor.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { generateOrder, type ShopifySimulator } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores('order intake scenarios', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let shop: ShopifySimulator;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, { distributor: { products: 10 } });
    ({ dist, app } = rig);
    shop = dist.shops.get('shop-eu')!;
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const odooOrders = (ref: string) =>
    dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === ref);
  const state = async (ref: string) => (await app.store.orders.getOrderByRef(ref))?.state;
  const accepted = (id: number) =>
    waitFor(async () => (await state(`shop-eu-${id}`)) === 'accepted', `order ${id} accepted`, 20_000);

  it('1,000 orders with 30% duplicate, 10% out-of-order and 5% lost webhooks: exactly 1,000 Odoo orders after the poll', async () => {
    const base = 500_000;
    const deliveries = [];
    for (let i = 0; i < 1000; i++) {
      deliveries.push(shop.createOrder(generateOrder({ id: base + i, catalogue: dist.catalogue, lines: 3 })));
      if (i % 10 === 0) deliveries.push(shop.updateOrder(base + i, { note: `gift wrap ${i}` }));
    }
    const report = await shop.webhooks!.sendAll(deliveries, {
      duplicateRate: 0.3,
      outOfOrderRate: 0.1,
      dropRate: 0.05,
      seed: 11,
    });
    expect(report.dropped.length).toBeGreaterThan(0);
    await app.queue.enqueue({ lane: 'intake', task: 'shopify.poll', payload: { channel: 'shop-eu' } });
    const refs = () =>
      dist.odoo.core.db.where('sale.order', (o) => String(o.client_order_ref).startsWith('shop-eu:5'));
    await waitFor(
      () => refs().filter((o) => o.state === 'sale').length >= 1000,
      '1,000 confirmed Odoo orders',
      240_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const all = refs();
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((o) => o.client_order_ref)).size).toBe(1000);
    const notes = await app.store.orders.getOrderByRef(`shop-eu-${base + 10}`);
    expect((notes!.canonical as { note?: string }).note).toBe('gift wrap 10');
    expect(await app.store.exceptions.listExceptions({ status: 'open' })).toEqual([]);
  }, 300_000);

  it('refuses bad deliveries with the right status and a message naming the problem, stores them, and loses nothing else', async () => {
    const http = app.http!;
    const body = JSON.stringify(generateOrder({ id: 800_001, catalogue: dist.catalogue }));
    const headers = (b: string, over: Record<string, string> = {}) => ({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': signShopifyWebhook(b, shop.clientSecret),
      'x-shopify-shop-domain': shop.shopDomain,
      'x-shopify-webhook-id': `wh-${Math.random()}`,
      'x-shopify-event-id': `ev-${Math.random()}`,
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-api-version': '2026-04',
      ...over,
    });
    const post = (b: string | Buffer, h: Record<string, string>, channel = 'shop-eu') =>
      http.inject({ method: 'POST', url: `/webhooks/shopify/${channel}`, payload: b, headers: h });
    const cases = [
      {
        name: 'bad signature',
        res: await post(body, headers(body, { 'x-shopify-hmac-sha256': signShopifyWebhook(body, 'wrong') })),
        status: 401,
        says: /signature|HMAC/i,
      },
      {
        name: 'truncated JSON',
        res: await post(body.slice(0, 100), headers(body.slice(0, 100))),
        status: 400,
        says: /not valid JSON/,
      },
      {
        name: 'wrong content type',
        res: await post(body, headers(body, { 'content-type': 'text/plain' })),
        status: 415,
        says: /text\/plain/,
      },
      {
        name: 'unknown topic',
        res: await post(body, headers(body, { 'x-shopify-topic': 'carts/update' })),
        status: 202,
        says: /carts\/update/,
      },
      {
        name: 'unknown shop domain',
        res: await post(body, headers(body, { 'x-shopify-shop-domain': 'other.myshopify.com' })),
        status: 401,
        says: /other\.myshopify\.com/,
      },
      {
        name: 'unknown channel',
        res: await post(body, headers(body), 'nope'),
        status: 404,
        says: /no Shopify channel .{1,2}nope/,
      },
    ];
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    cases.push({ name: '10 MB body', res: await post(big, headers('x')), status: 413, says: /larger than/ });
    for (const c of cases) {
      expect(c.res.statusCode, c.name).toBe(c.status);
      expect(c.res.body, c.name).toMatch(c.says);
      const inboxId = (JSON.parse(c.res.body) as { inboxId?: number }).inboxId;
      if (c.status !== 413) expect(await app.store.inbox.getInbox(inboxId!), c.name).not.toBeNull();
    }
    const rejected = await storeDb(app.store)
      .selectFrom('inbox')
      .select(['status', 'reason'])
      .where('status', '=', 'rejected')
      .execute();
    expect(rejected.length).toBeGreaterThanOrEqual(6);
    // the good delivery still goes through
    const ok = await post(body, headers(body));
    expect(ok.statusCode).toBe(200);
    await accepted(800_001);
  }, 60_000);

  it('parks an order with an unknown SKU naming the line, and completes it after a mapping is added and it is replayed', async () => {
    const json = generateOrder({ id: 810_001, catalogue: dist.catalogue, lines: 2 });
    const items = json.line_items as { sku: string }[];
    const realSku = items[1]!.sku;
    items[1]!.sku = 'LEGACY-42';
    await shop.webhooks!.send(shop.createOrder(json));
    await waitFor(
      async () =>
        (await app.store.exceptions.listExceptions({ code: 'mapping_missing' })).some(
          (e) => (e.payload as { ref: string }).ref === 'shop-eu-810001',
        ),
      'mapping exception',
    );
    const [exc] = (await app.store.exceptions.listExceptions({ code: 'mapping_missing' })).filter(
      (e) => (e.payload as { ref: string }).ref === 'shop-eu-810001',
    );
    expect(exc!.message).toMatch(/rule sku-mapping: line \d+ SKU "LEGACY-42" has no Odoo product/);
    expect(exc!.impact).toBe('blocks-shipment');
    expect(await state('shop-eu-810001')).toBe('rejected');
    await app.store.transaction((tx) =>
      tx.mappings
        .appendMapping({
          kind: 'sku',
          scope: 'shop-eu',
          key: 'LEGACY-42',
          value: realSku,
          actor: 'test',
          now: Date.now(),
        })
        .then(() => undefined),
    );
    await new ExceptionService(app.store, systemClock).replay(exc!.id, 'test');
    await accepted(810_001);
    const row = await app.store.orders.getOrderByRef('shop-eu-810001');
    expect(row!.mappingVersion).not.toBeNull();
    expect(odooOrders('shop-eu:810001')).toHaveLength(1);
  }, 60_000);

  it('cancels in Odoo before shipment, and raises "cancelled after shipment" once shipped', async () => {
    await shop.webhooks!.send(shop.createOrder(generateOrder({ id: 820_001, catalogue: dist.catalogue })));
    await shop.webhooks!.send(shop.createOrder(generateOrder({ id: 820_002, catalogue: dist.catalogue })));
    await accepted(820_001);
    await accepted(820_002);
    await shop.webhooks!.send(shop.cancelOrder(820_001));
    await waitFor(async () => (await state('shop-eu-820001')) === 'cancelled', 'cancelled');
    expect(odooOrders('shop-eu:820001')[0]!.state).toBe('cancel');
    const shipped = await app.store.orders.getOrderByRef('shop-eu-820002');
    await app.store.transaction((tx) =>
      storeDb(tx).updateTable('orders').set({ state: 'shipped' }).where('id', '=', shipped!.id).execute(),
    );
    await shop.webhooks!.send(shop.cancelOrder(820_002));
    await waitFor(
      async () =>
        (await app.store.exceptions.listExceptions({ task: 'order.cancel' })).some(
          (e) => (e.payload as { ref: string }).ref === 'shop-eu-820002',
        ),
      'after-shipment exception',
    );
    const [exc] = (await app.store.exceptions.listExceptions({ task: 'order.cancel' })).filter(
      (e) => (e.payload as { ref: string }).ref === 'shop-eu-820002',
    );
    expect(exc!.message).toContain('cancelled after shipment');
    expect(await state('shop-eu-820002')).toBe('shipped');
    expect(odooOrders('shop-eu:820002')[0]!.state).toBe('sale');
  }, 60_000);

  it('applies an address change before release, raises a conflict after release, and ignores a stale update', async () => {
    await shop.webhooks!.send(shop.createOrder(generateOrder({ id: 830_001, catalogue: dist.catalogue })));
    await accepted(830_001);
    const older = structuredClone(shop.state.orders.get('830001')!) as Record<string, unknown>;
    const addr = { ...(older.shipping_address as object), address1: '1 New Street' };
    await shop.webhooks!.send(shop.updateOrder(830_001, { shipping_address: addr } as never));
    await waitFor(
      async () =>
        (
          (await app.store.orders.getOrderByRef('shop-eu-830001'))!.canonical as {
            customer: { shippingAddress: { street: string } };
          }
        ).customer.shippingAddress.street === '1 New Street',
      'address applied',
    );
    // a delivery of the older version arrives late: recorded and ignored
    await shop.webhooks!.send(shop.delivery('orders/updated', older));
    const row = await app.store.orders.getOrderByRef('shop-eu-830001');
    await waitFor(
      async () => (await app.store.orders.listOrderEvents(row!.id)).some((e) => e.type === 'stale_ignored'),
      'stale recorded',
    );
    expect(
      (
        (await app.store.orders.getOrderByRef('shop-eu-830001'))!.canonical as {
          customer: { shippingAddress: { street: string } };
        }
      ).customer.shippingAddress.street,
    ).toBe('1 New Street');
    await app.store.transaction((tx) =>
      storeDb(tx).updateTable('orders').set({ state: 'released' }).where('id', '=', row!.id).execute(),
    );
    await shop.webhooks!.send(
      shop.updateOrder(830_001, { shipping_address: { ...addr, address1: '2 Later Street' } } as never),
    );
    await waitFor(
      async () => (await app.store.exceptions.listExceptions({ code: 'conflict' })).length > 0,
      'conflict exception',
    );
    const [conflict] = await app.store.exceptions.listExceptions({ code: 'conflict' });
    expect(conflict!.message).toContain('after release to the warehouse');
    expect((await app.store.orders.listOrderEvents(row!.id)).map((e) => e.type)).toContain('conflict');
  }, 60_000);

  it('notices an order cancelled in Odoo and reflects it', async () => {
    await shop.webhooks!.send(shop.createOrder(generateOrder({ id: 840_001, catalogue: dist.catalogue })));
    await accepted(840_001);
    const so = odooOrders('shop-eu:840001')[0]!;
    dist.odoo.core.db.update('sale.order', so.id, { state: 'cancel' });
    await app.queue.enqueue({ lane: 'orders', task: 'odoo.order-poll', payload: {} });
    await waitFor(async () => (await state('shop-eu-840001')) === 'cancelled', 'cancelled from Odoo');
    const row = await app.store.orders.getOrderByRef('shop-eu-840001');
    const cancel = (await app.store.orders.listOrderEvents(row!.id)).find((e) => e.type === 'cancelled');
    expect(cancel!.source).toBe('odoo');
  }, 60_000);
});

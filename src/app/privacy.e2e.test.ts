/**
 * Shopify's mandatory privacy webhooks end to end: signed deliveries from the Shopify simulator
 * through Ferry's webhook route, the inbox and the maintenance lane, to the data report or the
 * erasure, on both stores.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from './index.js';
import type { Distributor } from '../sandbox/distributor.js';
import { generateOrder, type ShopifySimulator } from '../sandbox/shopify/index.js';
import { startRig, type Rig } from '../test-helpers/rig.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';
import { storeDb } from '../test-helpers/storeDb.js';

describeStores('Shopify privacy webhooks', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let shop: ShopifySimulator;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, { distributor: { products: 5 } });
    ({ dist, app } = rig);
    shop = dist.shops.get('shop-eu')!;
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const state = async (ref: string) => (await app.store.orders.getOrderByRef(ref))?.state;
  const requests = async () => app.store.retention.listPrivacyRequests();
  const shopFields = () => ({ shop_id: 954889, shop_domain: shop.shopDomain });

  it('reports, then erases, the personal data of one customer, keeping the accounting facts', async () => {
    const json = generateOrder({ id: 930_001, catalogue: dist.catalogue });
    const other = generateOrder({ id: 930_002, catalogue: dist.catalogue });
    await shop.webhooks!.send(shop.createOrder(json));
    await shop.webhooks!.send(shop.createOrder(other));
    await waitFor(async () => (await state('shop-eu-930001')) === 'accepted', 'order accepted', 20_000);
    await waitFor(async () => (await state('shop-eu-930002')) === 'accepted', 'other order accepted', 20_000);
    const email = json.customer!.email;
    const customer = { id: json.customer!.id, email, phone: null };

    await shop.webhooks!.send(
      shop.delivery('customers/data_request', {
        ...shopFields(),
        customer,
        orders_requested: [json.id],
        data_request: { id: 9999 },
      }),
    );
    await waitFor(async () => (await requests()).length === 1, 'data request handled', 20_000);
    const [report] = await requests();
    expect(report).toMatchObject({ channel: 'shop-eu', kind: 'data_request' });
    const data = report!.report as {
      orders: { ref: string; personalData: { email?: string } }[];
      rawMessages: unknown[];
    };
    expect(data.orders.map((o) => o.ref)).toEqual(['shop-eu-930001']);
    expect(data.orders[0]!.personalData.email).toBe(email);
    expect(data.rawMessages.length).toBeGreaterThan(0);

    // An open order keeps the address the warehouse needs; once cancelled it can be erased.
    await shop.webhooks!.send(shop.cancelOrder(930_001));
    await waitFor(async () => (await state('shop-eu-930001')) === 'cancelled', 'order cancelled', 20_000);
    await shop.webhooks!.send(
      shop.delivery('customers/redact', { ...shopFields(), customer, orders_to_redact: [json.id] }),
    );
    await waitFor(async () => (await requests()).length === 2, 'redaction handled', 20_000);
    const erased = await app.store.orders.getOrderByRef('shop-eu-930001');
    const c = erased!.canonical as { customer: Record<string, unknown>; lines: unknown[]; currency: string };
    expect(c.customer.name).toBe('[erased]');
    expect(c.customer.email).toBeUndefined();
    expect(JSON.stringify(c)).not.toContain(email);
    expect(c.lines.length).toBe(json.line_items.length);
    expect(c.currency).toBe(json.currency);
    const untouched = await app.store.orders.getOrderByRef('shop-eu-930002');
    expect((untouched!.canonical as { customer: { email?: string } }).customer.email).toBe(
      other.customer!.email,
    );
    // No raw message of that customer keeps the e-mail.
    const bodies = await storeDb(app.store).selectFrom('inbox').select(['kind', 'body']).execute();
    const leaking = bodies.filter(
      (b) => b.kind.startsWith('orders/') && Buffer.from(b.body).toString().includes(email),
    );
    expect(leaking).toEqual([]);
    const audit = await app.store.audit.listAudit({ action: 'privacy.' });
    expect(audit.map((a) => a.action).sort()).toEqual(['privacy.customer_redact', 'privacy.data_request']);
    expect(JSON.stringify(audit)).not.toContain(email);
  }, 90_000);

  it('a shop redaction erases every order of the shop', async () => {
    await shop.webhooks!.send(shop.delivery('shop/redact', shopFields()));
    await waitFor(
      async () => (await requests()).some((r) => r.kind === 'shop_redact'),
      'shop redaction handled',
      20_000,
    );
    const rows = await storeDb(app.store)
      .selectFrom('orders')
      .select(['ref', 'personal_data_erased_at'])
      .where('channel', '=', 'shop-eu')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.personal_data_erased_at === null)).toEqual([]);
  }, 60_000);

  it('a privacy webhook with a bad signature is refused and stored, not processed', async () => {
    const res = await fetch(`${app.url}/webhooks/shopify/shop-eu`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'customers/redact',
        'x-shopify-shop-domain': shop.shopDomain,
        'x-shopify-hmac-sha256': Buffer.alloc(32).toString('base64'),
        'x-shopify-webhook-id': 'forged-1',
      },
      body: JSON.stringify({ ...shopFields(), customer: { id: 1 }, orders_to_redact: [] }),
    });
    expect(res.status).toBe(401);
    expect((await requests()).filter((r) => r.kind === 'customer_redact')).toHaveLength(1);
  });
});

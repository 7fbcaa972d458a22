/**
 * Customer rules per channel, end to end: a web shop whose consumers are booked on one shared Odoo
 * partner and whose business buyers must already exist in Odoo. An order from an unknown business
 * waits in the exception queue naming the company; once the customer exists in Odoo, a replay
 * completes it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../app/index.js';
import { systemClock } from '../../core/clock.js';
import { ExceptionService } from '../../engine/index.js';
import type { Distributor } from '../../sandbox/distributor.js';
import { seedCustomer } from '../../sandbox/odoo/index.js';
import { generateOrder, type ShopifySimulator } from '../../sandbox/shopify/index.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';

describeStores('customer rules per channel', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let shop: ShopifySimulator;
  let rig: Rig;
  let shared = 0;
  beforeAll(async () => {
    rig = await startRig(fx().location, {
      distributor: { products: 10 },
      configure: (config, d) => {
        shared = seedCustomer(d.odoo.core, { name: 'Web shop consumers', ref: 'WEB-B2C' });
        return {
          ...config,
          channels: config.channels!.map((c) => ({
            ...c,
            rules: { customers: { b2c: 'shared', sharedPartnerId: shared, b2b: 'must-exist' } },
          })),
        };
      },
    });
    ({ dist, app } = rig);
    shop = dist.shops.get('shop-eu')!;
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const saleOrder = (ref: string) =>
    dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === ref)[0];
  const m2o = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const state = async (ref: string) => (await app.store.orders.getOrderByRef(ref))?.state;

  it('books a consumer order on the shared partner with its own delivery address', async () => {
    const json = generateOrder({ id: 830_001, catalogue: dist.catalogue });
    // the generator gives some buyers a company; this one is a consumer
    delete (json.billing_address as unknown as Record<string, unknown>).company;
    await shop.webhooks!.send(shop.createOrder(json));
    await waitFor(async () => (await state('shop-eu-830001')) === 'accepted', 'consumer order accepted');
    const so = saleOrder('shop-eu:830001')!;
    expect(m2o(so.partner_id)).toBe(shared);
    const delivery = dist.odoo.core.db.where('res.partner', (p) => p.id === m2o(so.partner_shipping_id))[0]!;
    expect(m2o(delivery.parent_id)).toBe(shared);
    expect(delivery.street).toBe((json.shipping_address as { address1: string }).address1);
  }, 60_000);

  it('parks an order from a business Odoo does not know, and completes it after the customer is added and the order replayed', async () => {
    const json = generateOrder({ id: 830_002, catalogue: dist.catalogue });
    (json.billing_address as unknown as Record<string, unknown>).company = 'Northwind Traders';
    const customerId = String((json.customer as { id: number }).id);
    await shop.webhooks!.send(shop.createOrder(json));
    const find = async () =>
      (await app.store.exceptions.listExceptions({ code: 'rule_failed' })).find(
        (e) => (e.payload as { ref: string }).ref === 'shop-eu-830002',
      );
    await waitFor(async () => (await find()) !== undefined, 'unknown-business exception');
    const exc = (await find())!;
    expect(exc.message).toContain('business customer "Northwind Traders"');
    expect(exc.message).toContain(`ref shop-eu:${customerId}`);
    expect(exc.impact).toBe('blocks-shipment');
    expect(await state('shop-eu-830002')).toBe('rejected');
    expect(saleOrder('shop-eu:830002')).toBeUndefined();

    const northwind = seedCustomer(dist.odoo.core, {
      name: 'Northwind Traders',
      ref: `shop-eu:${customerId}`,
    });
    await new ExceptionService(app.store, systemClock).replay(exc.id, 'test');
    await waitFor(async () => (await state('shop-eu-830002')) === 'accepted', 'business order accepted');
    expect(m2o(saleOrder('shop-eu:830002')!.partner_id)).toBe(northwind);
  }, 60_000);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../app/index.js';
import { generateOrder } from '../../sandbox/shopify/index.js';
import type { Distributor } from '../../sandbox/distributor.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';

describeStores('order intake end to end', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, { distributor: { products: 10 } });
    ({ dist, app } = rig);
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const salesTaxId = () => dist.odoo.core.db.where('account.tax', (t) => t.name === 'Sales Tax 8.25%')[0]!.id;
  const odooOrders = (ref: string) =>
    dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === ref);

  it('turns one signed webhook into exactly one confirmed Odoo order with its lines, prices, taxes and customer', async () => {
    const shop = dist.shops.get('shop-eu')!;
    const json = generateOrder({ id: 910001, catalogue: dist.catalogue, lines: 3 });
    const report = await shop.webhooks!.send(shop.createOrder(json));
    expect(report.delivered).toBe(true);
    await waitFor(
      () => odooOrders('shop-eu:910001').some((o) => o.state === 'sale'),
      'confirmed Odoo order',
      20_000,
    );
    const [so] = odooOrders('shop-eu:910001');
    const lines = dist.odoo.core.db.where(
      'sale.order.line',
      (l) =>
        (l.order_id as number[] | number) === so!.id ||
        (Array.isArray(l.order_id) && l.order_id[0] === so!.id),
    );
    const bySku = new Map(
      lines.map((l) => [
        dist.odoo.core.db.get(
          'product.product',
          Array.isArray(l.product_id) ? (l.product_id[0] as number) : (l.product_id as number),
        )?.default_code,
        l,
      ]),
    );
    for (const li of json.line_items as { sku: string; quantity: number; price: string }[]) {
      const l = bySku.get(li.sku);
      expect(l, `line for ${li.sku}`).toBeDefined();
      expect(l!.product_uom_qty).toBe(li.quantity);
      expect(l!.price_unit).toBeCloseTo(Number(li.price), 2);
      expect(l!.tax_id).toEqual([salesTaxId()]);
    }
    const partnerId = Array.isArray(so!.partner_id) ? so!.partner_id[0] : so!.partner_id;
    const partner = dist.odoo.core.db.get('res.partner', partnerId as number);
    const customer = json.customer as { email: string };
    expect(partner!.email).toBe(customer.email);
    const shipTo = json.shipping_address as { address1: string; city: string; zip: string };
    const deliveryId = Array.isArray(so!.partner_shipping_id)
      ? so!.partner_shipping_id[0]
      : so!.partner_shipping_id;
    expect(dist.odoo.core.db.get('res.partner', deliveryId as number)).toMatchObject({
      type: 'delivery',
      street: shipTo.address1,
      city: shipTo.city,
      zip: shipTo.zip,
    });
    await waitFor(
      async () => (await app.store.orders.getOrderByRef('shop-eu-910001'))?.state === 'accepted',
      'accepted in Ferry',
    );
    const row = await app.store.orders.getOrderByRef('shop-eu-910001');
    expect(row!.odooId).toBe(so!.id);
    const events = await app.store.orders.listOrderEvents(row!.id);
    expect(events.map((e) => e.type)).toEqual(['received', 'validated', 'accepted']);
    // a redelivery of the same event is a duplicate: still one order
    await shop.webhooks!.send(shop.delivery('orders/create', json), report.webhookId);
    await new Promise((r) => setTimeout(r, 300));
    expect(odooOrders('shop-eu:910001')).toHaveLength(1);
  }, 60_000);
});

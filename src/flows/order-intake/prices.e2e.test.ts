import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../app/index.js';
import type { Distributor } from '../../sandbox/distributor.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';

describeStores('price-tolerance rule', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, {
      distributor: { products: 4 },
      configure: (c) => ({
        ...c,
        channels: c.channels!.map((ch) => ({ ...ch, rules: { stock: 'backorder', priceTolerancePct: 5 } })),
      }),
    });
    ({ dist, app } = rig);
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it("accepts prices within the tolerance of Odoo's and parks one outside it, naming line, SKU and both prices", async () => {
    const shop = dist.shops.get('shop-eu')!;
    await shop.webhooks!.send(
      shop.createOrder(generateOrder({ id: 950_001, catalogue: dist.catalogue, lines: 2 })),
    );
    const cheap = generateOrder({ id: 950_002, catalogue: dist.catalogue, lines: 1 });
    const line = (
      cheap.line_items as {
        sku: string;
        price: string;
        price_set?: { shop_money: { amount: string }; presentment_money: { amount: string } };
      }[]
    )[0]!;
    const odooPrice = Number(dist.catalogue.find((c) => c.sku === line.sku)!.price);
    line.price = (odooPrice * 0.8).toFixed(2);
    if (line.price_set)
      line.price_set.shop_money.amount = line.price_set.presentment_money.amount = line.price;
    await shop.webhooks!.send(shop.createOrder(cheap));
    await waitFor(
      async () => (await app.store.orders.getOrderByRef('shop-eu-950001'))?.state === 'accepted',
      'order within tolerance accepted',
    );
    await waitFor(
      async () => (await app.store.exceptions.listExceptions({ code: 'rule_failed' })).length > 0,
      'price exception',
    );
    const [exc] = await app.store.exceptions.listExceptions({ code: 'rule_failed' });
    expect(exc!.message).toContain('rule price-tolerance');
    expect(exc!.message).toContain(
      `SKU "${line.sku}" price ${line.price} differs from Odoo's ${odooPrice.toFixed(2)}`,
    );
    expect(exc!.message).toContain('(tolerance 5%)');
    expect((await app.store.orders.getOrderByRef('shop-eu-950002'))!.state).toBe('rejected');
  }, 60_000);
});

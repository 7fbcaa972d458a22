import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { startInventoryRig, type InventoryRig } from '../../test-helpers/inventoryRig.js';

/**
 * A release and a shipment republish the SKUs they moved straight away. Odoo's stock poll is set
 * an hour apart and its cursor is checked unchanged, so the new value cannot have come from it.
 */
describeStores('inventory republished on release and shipment', (fx) => {
  let rig: InventoryRig;
  let sku: string;
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 1, stockPerProduct: 10, warehouses: ['wms'] },
      locations: { 'WH/Stock': 'odoo' },
    });
    sku = rig.dist.catalogue[0]!.sku;
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('a short shipment that closes its line shows the freed units on Shopify without waiting for the Odoo poll', async () => {
    expect(rig.shown(sku)).toBe(10);
    const rt = rig.app.inventory.runtime!;
    const cursor = JSON.stringify(rt.state.cursor);
    const shop = rig.dist.shops.get('shop-eu')!;
    const json = generateOrder({
      quantity: 3,
      id: 940001,
      catalogue: rig.dist.catalogue,
      lines: 1,
      shipping: null,
    });
    await shop.webhooks!.send(shop.createOrder(json));
    const ref = 'shop-eu-940001';

    // Accepted: the guard holds 3 in flight and the listing falls to 7 at once.
    await waitFor(() => rig.shown(sku) === 7, 'listing at 7 after acceptance', 15_000);
    // Released to the WMS: the release re-reads Odoo, whose reservation now carries the 3 units,
    // so the in-flight hold is let go (still 7 listed: counted once, not twice).
    await waitFor(() => rig.dist.wms!.order(ref) !== undefined, 'order at the WMS', 15_000);
    await waitFor(() => rt.state.heldOrders === 0, 'in-flight hold released by the release trigger', 15_000);
    expect(rig.shown(sku)).toBe(7);
    expect(rt.state.engine.explain(sku, 'shop-eu').locations[0]).toMatchObject({ onHand: 10, reserved: 3 });

    // The WMS ships 2 and will not ship the third: Odoo's delivery closes without a backorder and
    // its reservation goes, so 8 can be sold again.
    await rig.dist.wms!.ship(ref, { quantities: { [sku]: 2 }, backorder: false });
    await waitFor(
      async () => (await rig.app.store.orders.getOrderByRef(ref))?.state === 'shipped',
      'shipped',
    );
    await waitFor(() => rig.shown(sku) === 8, 'listing at 8 after the shipment', 15_000);
    expect(rt.state.engine.explain(sku, 'shop-eu').locations[0]).toMatchObject({ onHand: 8, reserved: 0 });
    expect(JSON.stringify(rt.state.cursor)).toBe(cursor);
    const row = await rig.app.store.orders.getOrderByRef(ref);
    const types = (await rig.app.store.orders.listOrderEvents(row!.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['accepted', 'released', 'shipped']));
  }, 60_000);
});

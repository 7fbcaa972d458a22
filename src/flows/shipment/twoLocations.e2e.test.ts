/**
 * End to end through the flows with the real Shopify client: a 60-line order that Shopify routed
 * to two locations and Ferry split across two warehouses (the X12 3PL holds half the SKUs, the
 * JSON WMS the other half). Each warehouse ships its half; Shopify ends with two fulfillments, one
 * per location, and every line fulfilled exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { setStockAt } from '../../sandbox/odoo/index.js';
import {
  fulfillments,
  itemsOf,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';

const L_EAST = 'gid://shopify/Location/1';
const L_WEST = 'gid://shopify/Location/2';

describeStores('a 60-line order over two Shopify locations and two warehouses', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(
      fx().location,
      ['x12-folder', 'wms'],
      {},
      { distributor: { products: 60, warehouseLocations: 'separate' } },
    );
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('ends with two fulfillments, one per location, every line fulfilled once', async () => {
    const id = 960001;
    const items = itemsOf(rig, id, 60);
    const west = new Set(items.slice(30).map((i) => i.sku));
    const odoo = rig.dist.odoo.core;
    for (const sku of west) {
      const product = odoo.db.where('product.product', (p) => p.default_code === sku)[0]!.id;
      setStockAt(odoo, product, rig.dist.locations!.east, 0);
      setStockAt(odoo, product, rig.dist.locations!.west, 500);
    }
    const o = await placeOrder(rig, id, 60);
    const shop = rig.dist.shops.get('shop-eu')!;
    // Shopify's order routing: the west half of the lines to the west location.
    shop.state.routeOrder(o.id, (line) => (line.sku !== null && west.has(line.sku) ? L_WEST : L_EAST));
    await waitFor(() => rig.dist.threePl!.orders.has(o.ref), `940 for ${o.ref}`, 60_000);
    await waitFor(() => rig.dist.wms!.order(o.ref) !== undefined, `WMS order ${o.ref}`, 60_000);

    await rig.dist.threePl!.ship(o.ref);
    await waitForState(rig, o.ref, 'shipped_partially', 60_000);
    await rig.dist.wms!.ship(o.ref);
    await waitForState(rig, o.ref, 'shipped', 60_000);

    const fs = fulfillments(rig, o.id);
    expect(fs).toHaveLength(2);
    const locationOf = (foId: string) => shop.state.fulfillmentOrders.get(foId)!.locationId;
    expect(fs.map((f) => [...new Set(f.lines.map((l) => locationOf(l.fulfillmentOrderId)))])).toEqual([
      [L_EAST],
      [L_WEST],
    ]);
    const carried = new Map<string, number>();
    for (const f of fs)
      for (const l of f.lines)
        carried.set(
          l.fulfillmentOrderLineItemId,
          (carried.get(l.fulfillmentOrderLineItemId) ?? 0) + l.quantity,
        );
    const lines = shop.state.fulfillmentOrdersOf(o.id).flatMap((fo) => fo.lines);
    expect(lines).toHaveLength(60);
    expect(lines.filter((l) => carried.get(l.id) !== l.totalQuantity || l.remainingQuantity !== 0)).toEqual(
      [],
    );
  }, 180_000);
});

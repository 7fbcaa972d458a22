import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { startInventoryRig, type InventoryRig } from '../../test-helpers/inventoryRig.js';

/**
 * Cancellations of orders already released to the JSON WMS put their units back on sale at once:
 * the customer's (the WMS and Odoo cancel), the warehouse's before anything shipped (the order is
 * cancelled in Odoo) and the warehouse's after a partial shipment (`cancelledRest:
 * cancel-backorder` cancels the Odoo backorder). Odoo's stock poll is an hour apart and its cursor
 * is checked unchanged, so each value that comes back came from the cancellation. One SKU a test.
 */
describeStores('inventory republished on cancellations of released orders', (fx) => {
  let rig: InventoryRig;
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 3, stockPerProduct: 10, warehouses: ['wms'] },
      locations: { 'WH/Stock': 'odoo' },
    });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const shop = () => rig.dist.shops.get('shop-eu')!;
  const wms = () => rig.dist.wms!;
  const state = async (ref: string) => (await rig.app.store.orders.getOrderByRef(ref))?.state;
  const reserved = (sku: string) =>
    rig.app.inventory.runtime!.state.engine.explain(sku, 'shop-eu').locations[0]!.reserved;

  /** Places an order of `qty` × catalogue item `i` and waits until the WMS holds it. */
  async function released(id: number, i: number, qty: number): Promise<{ sku: string; ref: string }> {
    const item = rig.dist.catalogue[i]!;
    const json = generateOrder({ quantity: qty, id, catalogue: [item], lines: 1, shipping: null });
    await shop().webhooks!.send(shop().createOrder(json));
    const ref = `shop-eu-${id}`;
    await waitFor(() => wms().order(ref) !== undefined, `order ${ref} at the WMS`, 15_000);
    // The release re-read Odoo: its reservation carries the units, the in-flight hold is gone.
    await waitFor(() => reserved(item.sku) === qty, `Odoo reservation of ${ref} read`, 15_000);
    expect(rig.shown(item.sku)).toBe(10 - qty);
    return { sku: item.sku, ref };
  }

  it('a customer cancellation of a released order shows its units again', async () => {
    const cursor = JSON.stringify(rig.app.inventory.runtime!.state.cursor);
    const { sku, ref } = await released(942001, 0, 3);
    await shop().webhooks!.send(shop().cancelOrder(942001));
    await waitFor(async () => (await state(ref)) === 'cancelled', 'cancelled');
    expect(wms().order(ref)!.status).toBe('cancelled');
    await waitFor(() => rig.shown(sku) === 10, 'listing back at 10', 15_000);
    expect(reserved(sku)).toBe(0);
    expect(JSON.stringify(rig.app.inventory.runtime!.state.cursor)).toBe(cursor);
  }, 60_000);

  it('a warehouse cancellation before anything shipped shows the units again', async () => {
    const cursor = JSON.stringify(rig.app.inventory.runtime!.state.cursor);
    const { sku, ref } = await released(942002, 1, 4);
    await wms().cancelByWarehouse(ref, 'damaged stock');
    await waitFor(async () => (await state(ref)) === 'cancelled', 'cancelled');
    await waitFor(() => rig.shown(sku) === 10, 'listing back at 10', 15_000);
    expect(reserved(sku)).toBe(0);
    expect(JSON.stringify(rig.app.inventory.runtime!.state.cursor)).toBe(cursor);
  }, 60_000);

  it('a warehouse cancelling the rest after a partial shipment shows the backorder units again', async () => {
    const cursor = JSON.stringify(rig.app.inventory.runtime!.state.cursor);
    const { sku, ref } = await released(942003, 2, 4);
    await wms().ship(ref, { quantities: { [sku]: 1 } });
    await waitFor(async () => (await state(ref)) === 'shipped_partially', 'shipped partially');
    // 9 on hand, 3 reserved by the open Odoo backorder.
    await waitFor(() => reserved(sku) === 3, 'backorder reservation read', 15_000);
    expect(rig.shown(sku)).toBe(6);

    await wms().cancelByWarehouse(ref, 'damaged stock');
    await waitFor(async () => (await state(ref)) === 'shipped', 'rest cancelled, order shipped');
    await waitFor(() => rig.shown(sku) === 9, 'listing at 9: the cancelled backorder freed 3', 15_000);
    expect(rig.app.inventory.runtime!.state.engine.explain(sku, 'shop-eu').locations[0]).toMatchObject({
      onHand: 9,
      reserved: 0,
    });
    expect(JSON.stringify(rig.app.inventory.runtime!.state.cursor)).toBe(cursor);
  }, 60_000);
});

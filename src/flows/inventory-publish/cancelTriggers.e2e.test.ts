import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { startInventoryRig, type InventoryRig } from '../../test-helpers/inventoryRig.js';

/**
 * A customer's cancellation of an accepted order puts its units back on sale at once. No warehouse
 * is configured, so nothing releases the order: its in-flight hold stays until something re-reads
 * Odoo. Odoo's stock poll is an hour apart and its cursor is checked unchanged, so the value that
 * comes back on Shopify came from the cancellation.
 */
describeStores('inventory republished on a customer cancellation', (fx) => {
  let rig: InventoryRig;
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 1, stockPerProduct: 10 },
      locations: { 'WH/Stock': 'odoo' },
    });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('Shopify orders/cancelled of an accepted order shows its units again without waiting for the Odoo poll', async () => {
    const sku = rig.dist.catalogue[0]!.sku;
    expect(rig.shown(sku)).toBe(10);
    const rt = rig.app.inventory.runtime!;
    const cursor = JSON.stringify(rt.state.cursor);
    const shop = rig.dist.shops.get('shop-eu')!;
    const json = generateOrder({
      quantity: 4,
      id: 941001,
      catalogue: rig.dist.catalogue,
      lines: 1,
      shipping: null,
    });
    await shop.webhooks!.send(shop.createOrder(json));
    const ref = 'shop-eu-941001';
    await waitFor(
      async () => (await rig.app.store.orders.getOrderByRef(ref))?.state === 'accepted',
      'accepted',
    );
    await waitFor(() => rig.shown(sku) === 6, 'listing at 6 after acceptance', 15_000);
    expect(rt.state.heldOrders).toBe(1);
    const so = () =>
      rig.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:941001')[0];
    expect(so()!.state).toBe('sale');

    await shop.webhooks!.send(shop.cancelOrder(941001));
    await waitFor(
      async () => (await rig.app.store.orders.getOrderByRef(ref))?.state === 'cancelled',
      'cancelled',
    );
    expect(so()!.state).toBe('cancel');
    await waitFor(() => rig.shown(sku) === 10, 'listing back at 10 after the cancellation', 15_000);
    expect(rt.state.heldOrders).toBe(0);
    expect(rt.state.engine.explain(sku, 'shop-eu').locations[0]).toMatchObject({ onHand: 10, reserved: 0 });
    expect(JSON.stringify(rt.state.cursor)).toBe(cursor);
  }, 60_000);
});

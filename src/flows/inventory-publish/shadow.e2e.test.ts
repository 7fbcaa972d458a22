import { afterAll, beforeAll, expect, it } from 'vitest';
import { SettingsService } from '../../api/admin/index.js';
import { systemClock } from '../../core/clock.js';
import { setStock } from '../../sandbox/odoo/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import {
  SHOP_LOCATION,
  itemOf,
  startInventoryRig,
  type InventoryRig,
} from '../../test-helpers/inventoryRig.js';

/**
 * Shadow mode of inventory publishing for one channel, set by an operator: Ferry computes and
 * records what it would send to Shopify and sends nothing; once the channel goes live, what was
 * held back is sent at the next publish instead of waiting for the scheduled resync.
 */
describeStores('inventory publishing in shadow mode per channel', (fx) => {
  let rig: InventoryRig;
  let settings: SettingsService;
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 1, stockPerProduct: 10 },
      locations: { 'WH/Stock': 'odoo' },
    });
    settings = new SettingsService(rig.app.store, systemClock, rig.app.lanes.names());
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const sets = () => rig.dist.shops.get('shop-eu')!.stats.byOperation.FerryInventorySetQuantities ?? 0;
  const odooStock = (sku: string, qty: number) => {
    const core = rig.dist.odoo.core;
    const product = core.db.where('product.product', (p) => p.default_code === sku)[0]!;
    setStock(core, product.id, 'WH', qty);
  };
  const refresh = (sku: string) =>
    rig.app.queue.enqueue({
      lane: INVENTORY_LANE,
      task: InventoryTask.refresh,
      payload: { skus: [sku], reason: 'release', ref: 'test' },
    });
  const shadowWrites = () => rig.shadowWrites();

  it('records what it would send to the shadowed channel and sends nothing; going live sends it', async () => {
    const sku = rig.dist.catalogue[0]!.sku;
    expect(rig.shown(sku)).toBe(10);
    await settings.setShadow('inventory-publish', 'shop-eu', true, 'test');
    await new Promise((r) => setTimeout(r, 1100)); // the flows re-read the settings once a second
    const before = sets();

    odooStock(sku, 4);
    await refresh(sku);
    await waitFor(async () => (await shadowWrites()).length === 1, 'the shadow write', 15_000);
    const [write] = await shadowWrites();
    expect(write!.partner).toBe('shopify:shop-eu');
    expect(write!.lane).toBe(INVENTORY_LANE);
    expect(JSON.parse(write!.payload)).toMatchObject({
      name: 'available',
      quantities: [
        { inventoryItemId: itemOf(sku), locationId: SHOP_LOCATION, quantity: 4, changeFromQuantity: 10 },
      ],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(sets()).toBe(before);
    expect(rig.shown(sku)).toBe(10);

    // Live again: the next publish (the minute's backstop, here enqueued) sends what was held back.
    await settings.setShadow('inventory-publish', 'shop-eu', false, 'test');
    await new Promise((r) => setTimeout(r, 1100));
    await rig.app.queue.enqueue({ lane: INVENTORY_LANE, task: InventoryTask.publish, payload: {} });
    await waitFor(() => rig.shown(sku) === 4, 'the held-back value on Shopify', 15_000);
    expect(sets()).toBe(before + 1);
    expect(await shadowWrites()).toHaveLength(1);
  }, 60_000);
});

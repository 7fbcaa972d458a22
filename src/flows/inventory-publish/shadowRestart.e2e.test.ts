import { afterAll, beforeAll, expect, it } from 'vitest';
import { SettingsService } from '../../api/admin/index.js';
import { systemClock } from '../../core/clock.js';
import { setStock } from '../../sandbox/odoo/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import { startInventoryRig, type InventoryRig } from '../../test-helpers/inventoryRig.js';
import { storeDb } from '../../test-helpers/storeDb.js';

/**
 * Which channels were in shadow mode lives only in memory. That is enough because a value computed
 * in shadow is never recorded as published: after a restart the stored value is still what the
 * channel really shows, and the start-up read recomputes every SKU against it. So a channel taken
 * out of shadow mode while Ferry was down gets the held-back value at start-up, not at the
 * scheduled resync (hourly here, and checked not to have run).
 */
describeStores('inventory shadow mode across a restart', (fx) => {
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

  const sets = () => rig.dist.shops.get('shop-eu')!.stats.byOperation.FerryInventorySetQuantities ?? 0;
  const shadowWrites = () => rig.shadowWrites();
  const resyncJobs = () =>
    storeDb(rig.app.store).selectFrom('jobs').select('id').where('task', '=', InventoryTask.resync).execute();

  it('a channel taken out of shadow mode while Ferry was down gets the held-back value at start-up', async () => {
    const sku = rig.dist.catalogue[0]!.sku;
    expect(rig.shown(sku)).toBe(10);
    const lanes = rig.app.lanes.names();
    await new SettingsService(rig.app.store, systemClock, lanes).setShadow(
      'inventory-publish',
      'shop-eu',
      true,
      'test',
    );
    await new Promise((r) => setTimeout(r, 1100)); // the flows re-read the settings once a second
    const before = sets();
    const core = rig.dist.odoo.core;
    const product = core.db.where('product.product', (p) => p.default_code === sku)[0]!;
    setStock(core, product.id, 'WH', 4);
    await rig.app.queue.enqueue({
      lane: INVENTORY_LANE,
      task: InventoryTask.refresh,
      payload: { skus: [sku], reason: 'release', ref: 'test' },
    });
    await waitFor(async () => (await shadowWrites()).length === 1, 'the shadow write', 15_000);
    expect(rig.shown(sku)).toBe(10);
    // Only the value Shopify really took is recorded: 10, from the first publish.
    expect(
      (await rig.app.store.inventory.listPublications({ channel: 'shop-eu', sku })).map((p) => p.value),
    ).toEqual([10]);
    const resyncsBefore = (await resyncJobs()).length;

    await rig.restart(async () => {
      // The operator turns shadow mode off while Ferry is down.
      const store = await fx().open();
      try {
        await new SettingsService(store, systemClock, lanes).setShadow(
          'inventory-publish',
          'shop-eu',
          false,
          'test',
        );
      } finally {
        await store.close();
      }
    });
    await waitFor(() => rig.shown(sku) === 4, 'the held-back value on Shopify after the restart', 15_000);
    expect(sets()).toBe(before + 1);
    // The record is written when the publish job commits, a moment after Shopify took the value.
    const published = () => rig.app.store.inventory.listPublications({ channel: 'shop-eu', sku });
    await waitFor(async () => (await published()).length === 2, 'the publication recorded', 15_000);
    expect((await published()).map((p) => p.value)).toEqual([4, 10]);
    expect(await resyncJobs()).toHaveLength(resyncsBefore);
  }, 60_000);
});

import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { describeStores } from '../../test-helpers/stores.js';
import { describeExplanation, explainPublished } from './explain.js';
import { pollOdooStock } from './odooStock.js';
import { publishChanges } from './publish.js';
import { resyncChannel } from './resync.js';
import { InventoryRuntime } from './runtime.js';
import { SHOP_LOCATION, itemOf, startRig, type Rig } from '../../test-helpers/inventoryRuntimeRig.js';

const WH = 'WH/Stock';
const EA = 'EA/Stock';
const ODOO_LOCS = [
  { location: WH, owner: 'odoo' },
  { location: EA, owner: 'odoo' },
  { location: '3PL-1', owner: 'wms:acme' },
];

async function pollAndPublish(rig: Rig) {
  await pollOdooStock(rig.rt, rig.odoo, (l) => rig.rt.deps.odooLocations.has(l));
  return publishChanges(rig.rt, rig.rt.state.engine.recompute());
}

const sets = (rig: Rig, channel: string) =>
  rig.shops.get(channel)!.stats.byOperation.FerryInventorySetQuantities ?? 0;

describeStores('inventory publish to Shopify', (fx) => {
  let store: Store;
  let rig: Rig | undefined;
  beforeAll(async () => {
    store = await fx().open();
    return () => store.close();
  });
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('applies buffers, percentages, maximum, zero-below, location sets per channel and owners per location', async () => {
    rig = await startRig(store, {
      warehouses: ['EA'],
      stock: { 'R-A': { WH: 10, EA: 4 }, 'R-B': { WH: 3 }, 'R-C': { WH: 20 } },
      locations: ODOO_LOCS,
      channels: [
        {
          channel: 'r-shop',
          version: 'shop-v7',
          locations: [WH, EA, '3PL-1'],
          rule: { bufferUnits: 2, percent: 50 },
          skus: { 'R-C': { maxUnits: 3 } },
        },
        { channel: 'r-amz', version: 'amz-v1', locations: [WH], rule: { zeroBelowUnits: 5 } },
      ],
    });
    const asOf = new Date().toISOString();
    const pushed = await rig.rt.receivePositions([
      { sku: 'R-A', location: '3PL-1', onHand: 6, reserved: 0, available: 6, asOf, source: 'wms:acme' },
      // Odoo's view of the WMS location, and a WMS claiming an Odoo location: both refused
      { sku: 'R-A', location: '3PL-1', onHand: 99, reserved: 0, available: 99, asOf, source: 'odoo' },
      { sku: 'R-B', location: WH, onHand: 99, reserved: 0, available: 99, asOf, source: 'wms:acme' },
    ]);
    expect(pushed.changed).toBe(1);
    expect(pushed.refused.map((r) => r.error.code)).toEqual(['ownership_violation', 'ownership_violation']);
    await pollAndPublish(rig);
    // r-shop: pool (10 + 4 + 6) − 2 = 18 → 50 % = 9; R-B (3 − 2) × 50 % = 0; R-C 9 capped at 3
    expect(['R-A', 'R-B', 'R-C'].map((s) => rig!.shown('r-shop', s))).toEqual([9, 0, 3]);
    // r-amz sells WH only: R-A 10; R-B 3 is below 5 → 0; R-C 20
    expect(['R-A', 'R-B', 'R-C'].map((s) => rig!.shown('r-amz', s))).toEqual([10, 0, 20]);
  });

  it('publishes only the values that changed, past the delta, batched to the configured size', async () => {
    rig = await startRig(store, {
      stock: { 'D-A': { WH: 10 }, 'D-B': { WH: 10 }, 'D-C': { WH: 10 } },
      locations: ODOO_LOCS,
      channels: [{ channel: 'd-shop', version: 'v1', locations: [WH], publishDeltaUnits: 3 }],
      batchSize: 2,
    });
    const [first] = await pollAndPublish(rig);
    expect(first).toMatchObject({ applied: 3, calls: 2 });
    rig.setOdooStock('D-A', 'WH', 8);
    // no wait: a write in the cursor's own second must still be seen (the poll overlaps)
    const [second] = await pollAndPublish(rig);
    expect(second).toMatchObject({ applied: 1, calls: 1 });
    expect(rig.shown('d-shop', 'D-A')).toBe(8);
    rig.setOdooStock('D-A', 'WH', 9); // +1 < delta 3: held back
    expect(await pollAndPublish(rig)).toEqual([]);
    expect(rig.shown('d-shop', 'D-A')).toBe(8);
    expect(sets(rig, 'd-shop')).toBe(3);
    const history = await explainPublished(store, 'D-B', 'd-shop');
    expect(history.history).toHaveLength(0); // D-B was sent once only
  });

  it('on a stale compare-and-set, re-reads and recomputes instead of overwriting', async () => {
    rig = await startRig(store, {
      stock: { 'C-A': { WH: 10 }, 'C-B': { WH: 6 } },
      locations: ODOO_LOCS,
      channels: [{ channel: 'c-shop', version: 'v1', locations: [WH] }],
    });
    await pollAndPublish(rig);
    expect(rig.shown('c-shop', 'C-A')).toBe(10);
    // someone edits the quantities in the Shopify admin
    const shop = rig.shops.get('c-shop')!;
    shop.state.setInventory(itemOf('C-A'), SHOP_LOCATION, 4, 4, 'C-A');
    shop.state.setInventory(itemOf('C-B'), SHOP_LOCATION, 5, 5, 'C-B');
    rig.setOdooStock('C-A', 'WH', 7);
    rig.setOdooStock('C-B', 'WH', 5);
    const [report] = await pollAndPublish(rig);
    expect(report).toMatchObject({ staleRounds: 1, calls: 2, applied: 1, alreadyShown: 1 });
    expect(rig.shown('c-shop', 'C-A')).toBe(7);
    const { latest } = await explainPublished(store, 'C-A', 'c-shop');
    expect(latest).toMatchObject({ value: 7, changeFrom: 4 }); // compared against what Shopify really showed
  });

  it('a full resync corrects drift on both sides and the record explains each value', async () => {
    rig = await startRig(store, {
      stock: { 'F-A': { WH: 10 }, 'F-B': { WH: 5 } },
      locations: ODOO_LOCS,
      channels: [{ channel: 'f-shop', version: 'f-v3', locations: [WH], rule: { bufferUnits: 1 } }],
    });
    await pollAndPublish(rig);
    rig.shops.get('f-shop')!.state.setInventory(itemOf('F-A'), SHOP_LOCATION, 50, 50, 'F-A');
    rig.setOdooStock('F-B', 'WH', 2); // no poll: the incremental path never sees it
    const r = await resyncChannel(rig.rt, 'f-shop');
    expect(r).toMatchObject({ drifted: 1, positionsChanged: 1 });
    expect([rig.shown('f-shop', 'F-A'), rig.shown('f-shop', 'F-B')]).toEqual([9, 1]);
    const { latest } = await explainPublished(store, 'F-B', 'f-shop');
    expect(latest).toMatchObject({ value: 1, changeFrom: 4, ruleVersion: 'f-v3' });
    const text = describeExplanation(latest!).join('\n');
    expect(text).toContain('rule version f-v3');
    expect(text).toContain(`${WH} [odoo]: on hand 2 − reserved 0 − in flight 0 = 2`);
    expect(text).toContain('pool 2 − buffer 1 = 1');

    // a restart reloads what each channel was told: nothing is published again
    const again = new InventoryRuntime(
      {
        locations: ODOO_LOCS,
        channels: [{ channel: 'f-shop', version: 'f-v3', locations: [WH], rule: { bufferUnits: 1 } }],
      },
      rig.rt.deps,
    );
    await again.load();
    expect(again.state.engine.publishedValue('f-shop', 'F-A')).toBe(9);
    await pollOdooStock(again, rig.odoo, (l) => again.deps.odooLocations.has(l));
    const before = sets(rig, 'f-shop');
    expect(await publishChanges(again, again.state.engine.recompute())).toMatchObject([{ applied: 0 }]);
    expect(sets(rig, 'f-shop')).toBe(before);
  });

  it('holds in-flight units against every channel until Odoo has the order, and refuses to guess before loading', async () => {
    rig = await startRig(store, {
      stock: { 'G-A': { WH: 3 } },
      locations: ODOO_LOCS,
      channels: [
        { channel: 'g-one', version: 'v1', locations: [WH] },
        { channel: 'g-two', version: 'v1', locations: [WH] },
      ],
    });
    expect(() => rig!.rt.guard.reserve('g-one', 'early', [{ sku: 'G-A', qty: 1 }])).toThrow(/not loaded/);
    await pollAndPublish(rig);
    expect(rig.rt.guard.reserve('g-one', 'o1', [{ sku: 'G-A', qty: 2 }])).toEqual([]);
    expect(rig.rt.guard.reserve('g-two', 'o2', [{ sku: 'G-A', qty: 2 }])).toEqual([{ sku: 'G-A', short: 1 }]);
    await publishChanges(rig.rt, rig.rt.state.engine.recompute());
    expect([rig.shown('g-one', 'G-A'), rig.shown('g-two', 'G-A')]).toEqual([0, 0]);
    rig.rt.guard.release('o2'); // rejected by its channel's rule
    await publishChanges(rig.rt, rig.rt.state.engine.recompute());
    expect([rig.shown('g-one', 'G-A'), rig.shown('g-two', 'G-A')]).toEqual([1, 1]);
    expect(rig.rt.state.heldOrders).toBe(1);
  });

  it('after a restart, publishes nothing until Odoo was read, instead of zeroing every listing', async () => {
    const config = {
      locations: [{ location: WH, owner: 'odoo' }],
      channels: [{ channel: 'z-shop', version: 'v1', locations: [WH] }],
    };
    rig = await startRig(store, { stock: { 'Z-A': { WH: 7 } }, ...config });
    await pollAndPublish(rig);
    expect(rig.shown('z-shop', 'Z-A')).toBe(7);
    const before = sets(rig, 'z-shop');

    // A new process (Odoo down at start-up, say): the stored values are loaded, no position yet.
    const rt = new InventoryRuntime(config, rig.rt.deps);
    await rt.load();
    expect(rt.ready).toBe(false);
    expect(await publishChanges(rt, rt.state.engine.recompute())).toEqual([]);
    expect(rig.shown('z-shop', 'Z-A')).toBe(7);

    // Odoo answers: the first read publishes the real value, once.
    rig.setOdooStock('Z-A', 'WH', 5);
    await pollOdooStock(rt, rig.odoo, (l) => rt.deps.odooLocations.has(l));
    await publishChanges(rt, rt.state.engine.recompute());
    expect(rig.shown('z-shop', 'Z-A')).toBe(5);
    expect(sets(rig, 'z-shop')).toBe(before + 1);
  });
});

import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedWmsHeaders } from '../../connectors/wms-rest/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { InventoryTask } from './deps.js';
import { startInventoryRig, type InventoryRig } from '../../test-helpers/inventoryRig.js';

/**
 * Stock positions pushed by warehouses reach the channel: the 3PL's X12 846 (SFTP folder) for
 * location WH01 and the JSON WMS's inventory event for W2, each owned by its warehouse; WH/Stock
 * stays Odoo's. shop-eu sells from all three.
 */
describeStores('warehouse stock positions end to end', (fx) => {
  let rig: InventoryRig;
  let sku: string;
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 1, stockPerProduct: 10, warehouses: ['x12-folder', 'wms'] },
      locations: { 'WH/Stock': 'odoo', WH01: 'wms:east-3pl', W2: 'wms:west-wms' },
    });
    sku = rig.dist.catalogue[0]!.sku;
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const stored = async (location: string) =>
    (await rig.app.store.inventory.loadPositions()).find((p) => p.sku === sku && p.location === location);
  const held = (location: string) =>
    rig.app.inventory
      .runtime!.state.engine.explain(sku, 'shop-eu')
      .locations.find((l) => l.location === location)!;
  const inventoryEvents = async (warehouse: string) =>
    (await rig.app.store.warehouseEvents.listWarehouseEvents({ warehouse, kind: 'inventory' })).length;

  /** Sends a signed inventory.snapshot webhook as the WMS would, e.g. a delivery that arrives late. */
  async function lateSnapshot(asOf: string, location: string, onHand: number, available: number) {
    const event = {
      id: `EV-late-${asOf}-${location}`,
      type: 'inventory.snapshot',
      occurred_at: asOf,
      data: {
        snapshot_id: `INV-late-${asOf}`,
        location,
        as_of: asOf,
        items: [{ sku, on_hand: onHand, available }],
      },
    };
    const body = JSON.stringify(event);
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await request(`${rig.app.url}/webhooks/wms/west-wms`, {
      method: 'POST',
      headers: signedWmsHeaders(rig.dist.env.FERRY_SIM_WMS_HOOK!, ts, event, body),
      body,
    });
    await res.body.text();
    expect(res.statusCode).toBeLessThan(300);
  }

  it('the 3PL 846 for WH01 is stored with its as-of and Shopify shows the new available quantity', async () => {
    expect(rig.shown(sku)).toBe(10);
    await rig.dist.threePl!.emitInventory([{ sku, available: 7, onHand: 9 }], 'WH01');
    await waitFor(() => rig.shown(sku) === 17, 'Shopify at 10 + 7', 15_000);
    const p = await stored('WH01');
    expect(p).toMatchObject({ source: 'wms:east-3pl', onHand: 9, reserved: 2 });
    // The 846 carries a date (BIA04) and no time: its as-of is that day in UTC.
    expect(p!.asOf).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  }, 30_000);

  it('the JSON WMS inventory event for W2 is stored with its as-of and Shopify shows the new available quantity', async () => {
    const before = Date.now();
    await rig.dist.wms!.emitInventory('W2', [{ sku, on_hand: 5, available: 4 }]);
    await waitFor(() => rig.shown(sku) === 21, 'Shopify at 10 + 7 + 4', 15_000);
    const p = await stored('W2');
    expect(p).toMatchObject({ source: 'wms:west-wms', onHand: 5, reserved: 1 });
    expect(Date.parse(p!.asOf)).toBeGreaterThanOrEqual(before - 1000);
  }, 30_000);

  it('a snapshot older than the one held does not overwrite it', async () => {
    const newer = (await stored('W2'))!.asOf;
    const events = await inventoryEvents('west-wms');
    await lateSnapshot(new Date(Date.parse(newer) - 3_600_000).toISOString(), 'W2', 50, 50);
    await waitFor(async () => (await inventoryEvents('west-wms')) > events, 'late snapshot processed');
    expect(held('W2')).toMatchObject({ onHand: 5, reserved: 1, asOf: newer });
    expect(await stored('W2')).toMatchObject({ onHand: 5, asOf: newer });
    expect(rig.shown(sku)).toBe(21);
  }, 30_000);

  it('the WMS cannot overwrite a location Odoo owns: refused, Odoo’s position kept, the refusal in the exception queue', async () => {
    const events = await inventoryEvents('west-wms');
    await rig.dist.wms!.emitInventory('WH/Stock', [{ sku, on_hand: 99, available: 99 }]);
    await waitFor(async () => (await inventoryEvents('west-wms')) > events, 'snapshot processed');
    expect(held('WH/Stock')).toMatchObject({ owner: 'odoo', onHand: 10 });
    expect(await stored('WH/Stock')).toBeUndefined();
    let raised: Awaited<ReturnType<typeof rig.app.store.exceptions.listExceptions>> = [];
    await waitFor(async () => {
      raised = await rig.app.store.exceptions.listExceptions({ task: InventoryTask.refused });
      return raised.length > 0;
    }, 'refusal raised');
    expect(raised[0]).toMatchObject({
      code: 'ownership_violation',
      impact: 'oversell-risk',
      partner: 'wms:west-wms',
    });
    expect(raised[0]!.message).toContain(
      `wms:west-wms does not own location WH/Stock (owner: odoo); position for ${sku} refused`,
    );
    expect(rig.shown(sku)).toBe(21);
  }, 30_000);
});

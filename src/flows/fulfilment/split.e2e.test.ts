import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { setStockAt } from '../../sandbox/odoo/index.js';
import {
  fulfillments,
  itemsOf,
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';

/**
 * Two warehouses holding different stock: the X12 3PL owns WH/Stock/East, the JSON WMS owns
 * WH/Stock/West; Odoo's one delivery from WH/Stock draws on both.
 */
describeStores('an order split across the X12 3PL and the JSON WMS', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(
      fx().location,
      ['x12-folder', 'wms'],
      { cancelledRest: 'keep-backorder' },
      { distributor: { warehouseLocations: 'separate' } },
    );
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const threePl = () => rig.dist.threePl!;
  const wms = () => rig.dist.wms!;
  const odoo = () => rig.dist.odoo.core;
  const productId = (sku: string) => odoo().db.where('product.product', (p) => p.default_code === sku)[0]!.id;
  const onHand = (sku: string, location: number) =>
    Number(
      odoo().db.where('stock.quant', (q) => q.product_id === productId(sku) && q.location_id === location)[0]
        ?.quantity ?? 0,
    );
  /** Moves all of `sku` from East to West (the WMS's location). */
  const stockAtWest = (sku: string, qty: number) => {
    setStockAt(odoo(), productId(sku), rig.dist.locations!.east, 0);
    setStockAt(odoo(), productId(sku), rig.dist.locations!.west, qty);
  };
  const placeSplit = async (id: number) => {
    const [east, west] = itemsOf(rig, id, 2);
    stockAtWest(west!.sku, 50);
    const o = await placeOrder(rig, id, 2);
    await waitFor(() => threePl().orders.has(o.ref), `940 for ${o.ref}`, 30_000);
    await waitFor(() => wms().order(o.ref) !== undefined, `WMS order ${o.ref}`, 30_000);
    return { o, east: east!, west: west! };
  };

  it('releases each line to the warehouse holding it; each ships its part; Odoo done, two Shopify fulfillments, shipped', async () => {
    const { o, east, west } = await placeSplit(950001);
    expect(
      threePl()
        .orders.get(o.ref)!
        .order.lines.map((l) => [l.sku, l.quantity]),
    ).toEqual([[east.sku, east.quantity]]);
    expect(
      wms()
        .order(o.ref)!
        .input.lines.map((l) => [l.sku, l.quantity]),
    ).toEqual([[west.sku, west.quantity]]);
    const releases = await rig.app.store.releases.listReleases(o.ref);
    expect(releases.map((r) => r.warehouse)).toEqual(['east-3pl', 'west-wms']);
    const [delivery] = odooPickings(rig, 'shop-eu:950001');
    expect(delivery!.state).toBe('assigned'); // reserved from East and West
    const eastBefore = onHand(east.sku, rig.dist.locations!.east);

    const fromEast = await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped_partially');
    expect(odooPickings(rig, 'shop-eu:950001').map((p) => p.state)).toEqual(['done', 'assigned']);
    expect(fulfillments(rig, o.id)).toHaveLength(1);

    const fromWest = await wms().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    expect(odooPickings(rig, 'shop-eu:950001').map((p) => p.state)).toEqual(['done', 'done']);
    expect(onHand(east.sku, rig.dist.locations!.east)).toBe(eastBefore - east.quantity);
    expect(onHand(west.sku, rig.dist.locations!.west)).toBe(50 - west.quantity);
    const fs = fulfillments(rig, o.id);
    expect(fs.map((f) => f.lines.reduce((n, l) => n + l.quantity, 0))).toEqual([
      east.quantity,
      west.quantity,
    ]);
    const eastTracking = [...fromEast.text.matchAll(/1ZSIM\d+/g)].map((m) => m[0]);
    expect(fs[0]!.trackingInfo.numbers).toEqual([...new Set(eastTracking)]);
    expect(fs[1]!.trackingInfo.numbers).toEqual(fromWest.packages.map((p) => p.tracking_number));
    const shop = rig.dist.shops.get('shop-eu')!;
    expect(shop.state.fulfillmentOrdersOf(o.id).every((fo) => fo.status === 'CLOSED')).toBe(true);
    const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
    expect((await rig.app.store.orders.listOrderEvents(row.id)).map((e) => e.type)).toEqual([
      'received',
      'validated',
      'accepted',
      'released',
      'shipped_partially',
      'shipped',
    ]);
  }, 90_000);

  it('the WMS cancelling its part before the 3PL shipped is left to a person: nothing of the order is cancelled', async () => {
    const { o } = await placeSplit(950002);
    await wms().cancelByWarehouse(o.ref, 'damaged stock');
    await waitFor(
      async () =>
        (await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'rule_failed' })).some(
          (e) => e.entities.orderRef === o.ref,
        ),
      'exception for the part cancelled',
    );
    const [exc] = (
      await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'rule_failed' })
    ).filter((e) => e.entities.orderRef === o.ref);
    expect(exc!.message).toContain('while another warehouse still ships the rest');
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('released');
    expect(odooPickings(rig, 'shop-eu:950002').map((p) => p.state)).toEqual(['assigned']);
    expect(rig.dist.shops.get('shop-eu')!.state.orders.get(o.id)!.cancelled_at ?? null).toBeNull();
  }, 60_000);

  it('the WMS cancelling its part after the 3PL shipped keeps the Odoo backorder by rule and asks a person', async () => {
    const { o } = await placeSplit(950003);
    await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped_partially');
    await wms().cancelByWarehouse(o.ref, 'lost in the aisle');
    const backorder = odooPickings(rig, 'shop-eu:950003')[1]!;
    await waitFor(
      async () =>
        (await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'rule_failed' })).some(
          (e) => e.entities.orderRef === o.ref,
        ),
      'exception for the kept backorder',
    );
    const [exc] = (
      await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'rule_failed' })
    ).filter((e) => e.entities.orderRef === o.ref);
    expect(exc!.message).toContain(`Odoo backorder ${String(backorder.name)} is kept`);
    expect(exc).toMatchObject({ impact: 'blocks-shipment', partner: 'wms:west-wms' });
    expect(odooPickings(rig, 'shop-eu:950003').map((p) => p.state)).toEqual(['done', 'assigned']);
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('shipped_partially');
    const releases = await rig.app.store.releases.listReleases(o.ref);
    expect(releases.map((r) => [r.warehouse, r.state])).toEqual([
      ['east-3pl', 'acknowledged'],
      ['west-wms', 'cancelled'],
    ]);
    const fos = rig.dist.shops.get('shop-eu')!.state.fulfillmentOrdersOf(o.id);
    expect(fos.map((fo) => fo.status)).toEqual(['IN_PROGRESS']);
  }, 60_000);
});

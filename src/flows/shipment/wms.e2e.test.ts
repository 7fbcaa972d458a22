import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { MappingService } from '../../api/admin/index.js';
import { systemClock } from '../../core/clock.js';
import {
  fulfillments,
  itemsOf,
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores('warehouse over the JSON WMS end to end', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['wms']);
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const wms = () => rig.dist.wms!;
  const heldByWms = (ref: string) =>
    waitFor(() => wms().order(ref) !== undefined, `WMS order ${ref}`, 30_000);

  it('Shopify order → Odoo confirmed → WMS order → signed shipment webhook → Odoo picking done → Shopify fulfillment with tracking', async () => {
    const o = await placeOrder(rig, 930001, 2);
    await heldByWms(o.ref);
    expect(
      wms()
        .order(o.ref)!
        .input.lines.map((l) => [l.sku, l.quantity]),
    ).toEqual(o.items.map((i) => [i.sku, i.quantity]));
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(o.ref))[0]?.state === 'acknowledged',
      'release acknowledged',
    );
    const shipment = await wms().ship(o.ref, { packages: 2 });
    await waitForState(rig, o.ref, 'shipped');
    const tracking = shipment.packages.map((p) => p.tracking_number);
    const [picking] = odooPickings(rig, 'shop-eu:930001');
    expect(picking).toMatchObject({ state: 'done', carrier_tracking_ref: tracking.join(', ') });
    const [f] = fulfillments(rig, o.id);
    expect(f!.trackingInfo).toMatchObject({ company: 'UPS', numbers: tracking });
    expect(f!.trackingInfo.urls).toHaveLength(2);
    expect(wms().deliveries.every((d) => d.status === 200)).toBe(true);
  }, 60_000);

  it('a duplicated webhook and a retried create never make a second order, shipment or fulfilment', async () => {
    // the WMS creates the order but the answer is lost: Ferry's retry gets the same order back
    wms().injectFaults({ status: 503, afterWork: true, match: 'POST /v1/orders' });
    const o = await placeOrder(rig, 930002, 1);
    await heldByWms(o.ref);
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(o.ref))[0]?.state === 'acknowledged',
      'release after retry',
      20_000,
    );
    expect(wms().state.duplicateCreates).toBe(1);
    wms().knobs.duplicates = true;
    await wms().ship(o.ref);
    wms().knobs.duplicates = false;
    await waitForState(rig, o.ref, 'shipped');
    await new Promise((r) => setTimeout(r, 1500)); // the poll sees the same event again
    expect(fulfillments(rig, o.id)).toHaveLength(1);
    expect(await rig.app.store.shipments.listShipments(o.ref)).toHaveLength(1);
    expect(odooPickings(rig, 'shop-eu:930002').filter((p) => p.state === 'done')).toHaveLength(1);
  }, 60_000);

  it('when webhooks are lost, the poll of the event list still brings the shipment, inventory and receipts', async () => {
    wms().knobs.webhooks = false;
    const o = await placeOrder(rig, 930003, 1);
    await heldByWms(o.ref);
    await wms().ship(o.ref);
    await wms().emitInventory('W2', [{ sku: o.items[0]!.sku, on_hand: 40, available: 35 }]);
    await wms().emitReceipt('RCV-1', [{ sku: o.items[0]!.sku, quantity: 5, damaged: 1 }]);
    await waitForState(rig, o.ref, 'shipped');
    await waitFor(
      async () =>
        (await rig.app.store.warehouseEvents.listWarehouseEvents({ warehouse: 'west-wms' })).length >= 2,
      'inventory and receipt recorded',
    );
    const [inv] = await rig.app.store.warehouseEvents.listWarehouseEvents({
      warehouse: 'west-wms',
      kind: 'inventory',
    });
    expect(inv!.payload).toEqual([
      expect.objectContaining({
        sku: o.items[0]!.sku,
        onHand: 40,
        available: 35,
        reserved: 5,
        source: 'wms:west-wms',
      }),
    ]);
    wms().knobs.webhooks = true;
  }, 60_000);

  it('a warehouse cancellation before anything shipped cancels the order in Odoo and on Shopify', async () => {
    const o = await placeOrder(rig, 930004, 1);
    await heldByWms(o.ref);
    await wms().cancelByWarehouse(o.ref, 'damaged stock');
    await waitForState(rig, o.ref, 'cancelled');
    const so = rig.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:930004')[0];
    expect(so!.state).toBe('cancel');
    expect((await rig.app.store.releases.listReleases(o.ref))[0]!.state).toBe('cancelled');
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('cancelled');
  }, 60_000);

  it('a warehouse cancellation after a partial shipment cancels the Odoo backorder and holds the rest on Shopify, once', async () => {
    const o = await placeOrder(rig, 930006, 2);
    const [first, second] = o.items;
    await heldByWms(o.ref);
    await wms().ship(o.ref, { quantities: { [first!.sku]: first!.quantity, [second!.sku]: 0 } });
    await waitForState(rig, o.ref, 'shipped_partially');
    const [done, backorder] = odooPickings(rig, 'shop-eu:930006');
    expect([done!.state, backorder!.backorder_id]).toEqual(['done', done!.id]);

    wms().knobs.duplicates = true; // the cancellation webhook arrives twice
    await wms().cancelByWarehouse(o.ref, 'damaged stock');
    wms().knobs.duplicates = false;
    await waitForState(rig, o.ref, 'shipped');
    expect(odooPickings(rig, 'shop-eu:930006').map((p) => p.state)).toEqual(['done', 'cancel']);
    const so = rig.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:930006')[0];
    expect(so!.state).toBe('sale');
    const fos = rig.dist.shops.get('shop-eu')!.state.fulfillmentOrdersOf(o.id);
    expect(fos.map((fo) => fo.status)).toEqual(['ON_HOLD']);
    expect(fos[0]!.holds).toEqual([
      expect.objectContaining({
        reason: 'INVENTORY_OUT_OF_STOCK',
        notifyMerchant: true,
        reasonNotes: expect.stringMatching(new RegExp(`damaged stock.*${String(backorder!.name)} cancelled`)),
      }),
    ]);
    expect(fulfillments(rig, o.id)).toHaveLength(1);
    expect((await rig.app.store.releases.listReleases(o.ref))[0]!.state).toBe('cancelled');
    const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
    const events = await rig.app.store.orders.listOrderEvents(row.id);
    expect(events.filter((e) => e.type === 'rest_cancelled')).toEqual([
      expect.objectContaining({ fromState: 'shipped_partially', toState: 'shipped' }),
    ]);
    const open = await rig.app.store.exceptions.listExceptions({ status: 'open' });
    expect(open.filter((e) => e.entities.orderRef === o.ref)).toEqual([]);
  }, 60_000);

  it('a shipment line the WMS cancelled settles by the cancelledRest rule: backorder cancelled, rest held on Shopify', async () => {
    const o = await placeOrder(rig, 930007, 2);
    const [first, second] = o.items;
    await heldByWms(o.ref);
    wms().knobs.duplicates = true; // the shipment webhook arrives twice
    const shipment = await wms().ship(o.ref, {
      quantities: { [second!.sku]: 0 },
      cancel: [second!.sku],
    });
    wms().knobs.duplicates = false;
    expect(shipment.lines.map((l) => l.status)).toEqual(['complete', 'cancelled']);
    await waitForState(rig, o.ref, 'shipped');
    const [done, backorder, ...more] = odooPickings(rig, 'shop-eu:930007');
    expect(more).toEqual([]);
    expect([done!.state, backorder!.state, backorder!.backorder_id]).toEqual(['done', 'cancel', done!.id]);
    const fos = rig.dist.shops.get('shop-eu')!.state.fulfillmentOrdersOf(o.id);
    expect(fos.map((fo) => fo.status)).toEqual(['ON_HOLD']);
    expect(fos[0]!.holds).toEqual([
      expect.objectContaining({
        reason: 'INVENTORY_OUT_OF_STOCK',
        reasonNotes: expect.stringContaining(`${second!.sku} cancelled by the warehouse`),
      }),
    ]);
    const [f, ...moreF] = fulfillments(rig, o.id);
    expect(moreF).toEqual([]);
    expect(f!.lines.reduce((n, l) => n + l.quantity, 0)).toBe(first!.quantity);
    expect((await rig.app.store.releases.listReleases(o.ref)).map((r) => r.state)).toEqual(['cancelled']);
    const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
    const events = await rig.app.store.orders.listOrderEvents(row.id);
    expect(events.slice(-2).map((e) => [e.type, e.toState])).toEqual([
      ['shipped_partially', 'shipped_partially'],
      ['rest_cancelled', 'shipped'],
    ]);
    const open = await rig.app.store.exceptions.listExceptions({ status: 'open' });
    expect(open.filter((e) => e.entities.orderRef === o.ref)).toEqual([]);
  }, 60_000);

  it('a webhook with a bad signature is refused and stored, never processed', async () => {
    const res = await fetch(`${rig.app.url}/webhooks/wms/west-wms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wms-event-id': 'EVX',
        'x-wms-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-wms-signature': 'bad',
      },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const rows = await storeDb(rig.app.store)
      .selectFrom('inbox')
      .select(['status'])
      .where('source', '=', 'wms:west-wms')
      .where('status', '=', 'rejected')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("sends the WMS's own item numbers where a SKU mapping exists and reads its shipment back as Ferry's SKUs", async () => {
    const [mapped, plain] = itemsOf(rig, 930005, 2);
    await new MappingService(rig.app.store, systemClock).set(
      { kind: 'sku', scope: 'west-wms', key: mapped!.sku },
      `W-${mapped!.sku}`,
      'test',
    );
    const o = await placeOrder(rig, 930005, 2);
    await heldByWms(o.ref);
    expect(
      wms()
        .order(o.ref)!
        .input.lines.map((l) => l.sku),
    ).toEqual([`W-${mapped!.sku}`, plain!.sku]);
    await wms().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    const [s] = await rig.app.store.shipments.listShipments(o.ref);
    const notice = s!.notice as { shipment: { lines: { sku: string }[] } };
    expect(notice.shipment.lines.map((l) => l.sku)).toEqual(o.items.map((i) => i.sku));
    expect(odooPickings(rig, 'shop-eu:930005').map((p) => p.state)).toEqual(['done']);
    expect(fulfillments(rig, o.id)).toHaveLength(1);
  }, 60_000);
});

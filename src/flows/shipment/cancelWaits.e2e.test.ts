import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExceptionService } from '../../engine/index.js';
import { JumpClock, describeStores, waitFor } from '../../test-helpers/stores.js';
import {
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';
import { storeDb } from '../../test-helpers/storeDb.js';

/**
 * The cancellation task's guard: a warehouse cancellation that arrives while a shipment of that
 * warehouse is recorded but not in Odoo waits for it. Deciding at once would take the order for
 * unshipped and cancel it whole, on Shopify too, though part of it left the warehouse.
 */
describeStores('a warehouse cancellation while its earlier shipment is not yet in Odoo', (fx) => {
  const clock = new JumpClock();
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['wms'], {}, { clock });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('waits and retries, then settles the rest by rule once the shipment is synced', async () => {
    const wms = rig.dist.wms!;
    const odoo = rig.dist.odoo.core.db;
    const store = rig.app.store;
    const db = storeDb(store);
    const o = await placeOrder(rig, 930101, 2);
    const [, second] = o.items;
    await waitFor(() => wms.order(o.ref) !== undefined, 'WMS order', 30_000);
    // Someone cancels the delivery in Odoo by mistake: the shipment cannot sync and is parked.
    const [delivery] = odooPickings(rig, 'shop-eu:930101');
    const state = delivery!.state;
    odoo.update('stock.picking', delivery!.id, { state: 'cancel' });
    await wms.ship(o.ref, { quantities: { [second!.sku]: 0 } });
    const parked = async () =>
      (await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'rule_failed' })).filter(
        (e) => e.entities.orderRef === o.ref,
      );
    await waitFor(async () => (await parked()).length === 1, 'shipment parked', 30_000);
    const [shipment] = await store.shipments.listShipments(o.ref);
    expect(shipment!.odooDoneAt).toBeNull();

    await wms.cancelByWarehouse(o.ref, 'damaged stock');
    const cancelJob = () =>
      db
        .selectFrom('jobs')
        .select(['state', 'attempts', 'errors'])
        .where('task', '=', 'shipment.warehouse-cancelled')
        .executeTakeFirst();
    // Failed at least once and waiting for its retry, or finished (which the guard must prevent:
    // checked below). The row is kept as seen: the retry may be running by the time it is re-read.
    let seen: Awaited<ReturnType<typeof cancelJob>>;
    const settledOrRetried = async () => {
      const j = await cancelJob();
      const waitingForRetry = j?.state === 'ready' && JSON.parse(j.errors).length >= 1;
      if (j && (waitingForRetry || !['ready', 'running'].includes(j.state))) seen = j;
      return seen !== undefined;
    };
    await waitFor(settledOrRetried, 'cancellation retried', 30_000);
    const waiting = seen!;
    expect(waiting.state).toBe('ready');
    const [attempt] = JSON.parse(waiting.errors) as { code: string; message: string; retryable: boolean }[];
    expect(attempt).toMatchObject({ code: 'conflict', retryable: true });
    expect(attempt!.message).toContain(`its shipment ${shipment!.shipmentId} is not synced to Odoo yet`);
    // nothing cancelled meanwhile: not in Odoo, not on Shopify, not in Ferry
    const so = odoo.where('sale.order', (r) => r.client_order_ref === 'shop-eu:930101')[0]!;
    expect(so.state).toBe('sale');
    expect(rig.dist.shops.get('shop-eu')!.state.orders.get(o.id)?.cancelled_at ?? null).toBeNull();
    expect((await store.orders.getOrderByRef(o.ref))!.state).toBe('released');
    expect((await store.releases.listReleases(o.ref)).map((r) => r.state)).not.toContain('cancelled');

    // The delivery is restored and the parked shipment replayed: it syncs, then the cancellation
    // (its retry brought forward) settles the rest: backorder cancelled, Shopify held.
    odoo.update('stock.picking', delivery!.id, { state });
    await new ExceptionService(rig.app.store, clock).replay((await parked())[0]!.id, 'test');
    await waitForState(rig, o.ref, 'shipped_partially');
    clock.jump(15 * 60_000);
    await waitForState(rig, o.ref, 'shipped');
    const [done, backorder, ...more] = odooPickings(rig, 'shop-eu:930101');
    expect(more).toEqual([]);
    expect([done!.state, backorder!.state]).toEqual(['done', 'cancel']);
    expect(odoo.get('sale.order', so.id)!.state).toBe('sale');
    const fos = rig.dist.shops.get('shop-eu')!.state.fulfillmentOrdersOf(o.id);
    expect(fos.map((fo) => fo.status)).toEqual(['ON_HOLD']);
    const row = (await store.orders.getOrderByRef(o.ref))!;
    expect((await store.orders.listOrderEvents(row.id)).map((e) => e.type)).toEqual([
      'received',
      'validated',
      'accepted',
      'released',
      'shipped_partially',
      'rest_cancelled',
    ]);
  }, 90_000);
});

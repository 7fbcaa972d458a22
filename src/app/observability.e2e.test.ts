import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { SettingsService } from '../api/admin/index.js';
import { createTracing, parseTraceparent } from '../ops/tracing/index.js';
import { placeOrder, waitForState } from '../test-helpers/warehouseRig.js';
import { startRig, type Rig } from '../test-helpers/rig.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';
import { storeDb } from '../test-helpers/storeDb.js';

/** The value of one sample line of the Prometheus text, e.g. `ferry_x_count`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeStores('observability end to end: one trace per order, /metrics, shadow mode', (fx) => {
  let rig: Rig;
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({ serviceName: 'ferry-e2e', exporter });
  beforeAll(async () => {
    rig = await startRig(fx().location, {
      distributor: { products: 10, warehouses: ['wms'] },
      warehouses: { pollEverySeconds: 1 },
      tracing,
    });
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  const named = (name: string, traceId?: string): ReadableSpan => {
    const s = spans().find((x) => x.name === name && (!traceId || x.spanContext().traceId === traceId));
    expect(s, `span "${name}"`).toBeDefined();
    return s!;
  };
  const idOf = (s: ReadableSpan) => s.spanContext().spanId;
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const metrics = async () => (await rig.app.http!.inject({ method: 'GET', url: '/metrics' })).body;

  it('a signed webhook starts one trace: route → intake job → order job → Odoo call → release job → WMS call', async () => {
    const o = await placeOrder(rig, 950001, 2);
    await waitFor(() => rig.dist.wms!.order(o.ref) !== undefined, 'WMS order', 30_000);
    await waitFor(
      () => spans().some((s) => s.name === 'job warehouse.release'),
      'the release job span',
      10_000,
    );
    const webhook = named('webhook shopify orders/create');
    const trace = webhook.spanContext().traceId;
    const intakeJob = named('job intake.shopify', trace);
    const orderJob = named('job order.accept', trace);
    const odoo = named('odoo createAndConfirmOrders', trace);
    const releaseJob = named('job warehouse.release', trace);
    const wms = named('wms:west-wms release', trace);
    expect(parentOf(webhook)).toBeUndefined();
    expect(webhook.attributes['http.response.status_code']).toBe(200);
    expect(parentOf(intakeJob)).toBe(idOf(webhook));
    expect(parentOf(orderJob)).toBe(idOf(intakeJob));
    expect(parentOf(odoo)).toBe(idOf(orderJob));
    expect(parentOf(releaseJob)).toBe(idOf(orderJob));
    expect(parentOf(wms)).toBe(idOf(releaseJob));
    // Across the queue the context lives on the job rows, not in memory.
    const jobs = await rig.app.store.jobs.listJobs({ lane: 'orders' });
    const accept = jobs.find((j) => j.task === 'order.accept' && j.orderingKey === `order:${o.ref}`);
    expect(parseTraceparent(accept!.trace!)).toMatchObject({ traceId: trace, spanId: idOf(intakeJob) });
  }, 60_000);

  it('the shipment joins the same trace: release job → shipment job → Odoo picking validation → Shopify fulfillment, linked to the WMS delivery', async () => {
    const ref = 'shop-eu-950001';
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(ref))[0]?.state === 'acknowledged',
      'release acknowledged',
    );
    await rig.dist.wms!.ship(ref);
    await waitForState(rig, ref, 'shipped');
    await waitFor(
      () => spans().some((s) => s.name === 'shopify:shop-eu FerryFulfillmentCreate'),
      'the Shopify fulfillment span',
    );
    const order = named('webhook shopify orders/create').spanContext().traceId;
    const releaseJob = named('job warehouse.release', order);
    const shipmentJob = named('job shipment.apply', order);
    const validate = named('odoo validatePicking', order);
    const fulfil = named('shopify:shop-eu FerryFulfillmentCreate', order);
    // The answer hangs under the release it answers, and its partner calls under it.
    expect(parentOf(shipmentJob)).toBe(idOf(releaseJob));
    expect(parentOf(validate)).toBe(idOf(shipmentJob));
    expect(parentOf(fulfil)).toBe(idOf(shipmentJob));
    // The WMS delivery keeps its own trace (its webhook, or the poll that found it first, then the
    // inbound job), and the shipment job links to that inbound job.
    expect(shipmentJob.links).toHaveLength(1);
    const byId = (id: string | undefined) => spans().find((x) => idOf(x) === id);
    const inbound = byId(shipmentJob.links[0]!.context.spanId);
    expect(inbound?.name).toBe('job warehouse.inbound');
    expect(inbound!.spanContext().traceId).not.toBe(order);
    expect(byId(parentOf(inbound!))?.name).toMatch(/^(webhook wms shipment\.created|wms:west-wms collect)$/);
    // Days may pass between release and shipment: the order's context waits on the release row.
    const [release] = await rig.app.store.releases.listReleases(ref);
    expect(parseTraceparent(release!.trace!)).toMatchObject({ traceId: order, spanId: idOf(releaseJob) });
  }, 60_000);

  it('/metrics counts the Odoo round trips per order and the partner calls after that order', async () => {
    const text = await metrics();
    const trips = rig.app.flows.odoo!.roundTripsByOperation().createAndConfirmOrders!;
    expect(trips.calls).toBe(1);
    expect(sample(text, 'ferry_odoo_round_trips_per_order_count')).toBe(1);
    expect(sample(text, 'ferry_odoo_round_trips_per_order_sum')).toBe(trips.roundTrips);
    expect(trips.roundTrips).toBeGreaterThanOrEqual(2); // at least create and confirm
    expect(sample(text, 'ferry_partner_calls_total{partner="odoo"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'ferry_partner_calls_total{partner="wms:west-wms"}')).toBeGreaterThanOrEqual(1);
  });

  it('in shadow mode for order intake on a channel, an order is validated and recorded, and nothing is written to Odoo or the warehouse', async () => {
    const settings = new SettingsService(rig.app.store, systemClock, rig.app.lanes.names());
    await settings.setShadow('order-intake', 'shop-eu', true, 'test');
    await new Promise((r) => setTimeout(r, 1100)); // the flows re-read the settings once a second
    const o = await placeOrder(rig, 950002, 1);
    await waitForState(rig, o.ref, 'validated');
    const row = await rig.app.store.orders.getOrderByRef(o.ref);
    // validated is written before Odoo would be asked; the shadow event follows with the job.
    await waitFor(
      async () => (await rig.app.store.orders.listOrderEvents(row!.id)).some((e) => e.type === 'shadow'),
      'shadow event',
    );
    const events = await rig.app.store.orders.listOrderEvents(row!.id);
    expect(events.map((e) => e.type)).toEqual(['received', 'validated', 'shadow']);
    const writes = await storeDb(rig.app.store)
      .selectFrom('shadow_writes')
      .selectAll()
      .where('operation', '=', 'sale.order create+confirm')
      .execute();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.partner).toBe('odoo');
    expect(JSON.parse(writes[0]!.payload)).toMatchObject({ channelOrderId: '950002' });
    await new Promise((r) => setTimeout(r, 500));
    expect(rig.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:950002')).toEqual(
      [],
    );
    expect(rig.dist.wms!.order(o.ref)).toBeUndefined();
    expect(sample(await metrics(), 'ferry_odoo_round_trips_per_order_count')).toBe(1);
    await settings.setShadow('order-intake', 'shop-eu', false, 'test');
  }, 60_000);
});

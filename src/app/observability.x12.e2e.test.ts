import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTracing } from '../ops/tracing/index.js';
import { placeOrder, waitForState } from '../test-helpers/warehouseRig.js';
import { startRig, type Rig } from '../test-helpers/rig.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';

/**
 * The EDI side of "one trace per order": a 945 arrives as a file, found by a scheduled poll, days
 * after the 940 went out; its shipment's sync still joins the order's trace.
 */
describeStores('one trace per order over EDI X12: 940 out, 945 back', (fx) => {
  let rig: Rig;
  const exporter = new InMemorySpanExporter();
  beforeAll(async () => {
    rig = await startRig(fx().location, {
      distributor: { products: 10, warehouses: ['x12-folder'] },
      warehouses: { pollEverySeconds: 1 },
      tracing: createTracing({ serviceName: 'ferry-e2e', exporter }),
    });
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  const idOf = (s: ReadableSpan) => s.spanContext().spanId;
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const byId = (id: string | undefined) => spans().find((s) => idOf(s) === id);
  const named = (name: string, traceId: string): ReadableSpan => {
    const s = spans().find((x) => x.name === name && x.spanContext().traceId === traceId);
    expect(s, `span "${name}" in the order's trace`).toBeDefined();
    return s!;
  };

  it('the 945 shipment job is a child of the 940 release job, and links to the poll that found the 945', async () => {
    const o = await placeOrder(rig, 960001, 2);
    await waitFor(() => rig.dist.threePl!.orders.has(o.ref), '940 at the 3PL', 30_000);
    await rig.dist.threePl!.ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    await waitFor(
      () => spans().some((s) => s.name === 'shopify:shop-eu FerryFulfillmentCreate'),
      'the Shopify fulfillment span',
    );
    const order = spans()
      .find((s) => s.name === 'webhook shopify orders/create')!
      .spanContext().traceId;
    const release = named('job warehouse.release', order);
    const shipment = named('job shipment.apply', order);
    expect(parentOf(named('wms:east-3pl release', order))).toBe(idOf(release));
    expect(parentOf(shipment)).toBe(idOf(release));
    expect(parentOf(named('odoo validatePicking', order))).toBe(idOf(shipment));
    expect(parentOf(named('shopify:shop-eu FerryFulfillmentCreate', order))).toBe(idOf(shipment));
    expect(shipment.links).toHaveLength(1);
    const inbound = byId(shipment.links[0]!.context.spanId)!;
    expect(inbound.name).toBe('job warehouse.inbound');
    expect(inbound.spanContext().traceId).not.toBe(order);
    const poll = byId(parentOf(inbound))!;
    expect(poll.name).toBe('wms:east-3pl collect');
    expect(byId(parentOf(poll))?.name).toBe('job warehouse.collect');
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { EventBus, InboxService, LaneRegistry, Queue, Worker, defineTask } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import {
  BasicTracer,
  formatTraceparent,
  inSpan,
  parseTraceparent,
  traceEngineEvents,
  type FinishedSpan,
} from './index.js';

describe('traceparent', () => {
  it('round-trips and ignores malformed or all-zero values', () => {
    const c = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true };
    expect(parseTraceparent(formatTraceparent(c))).toEqual(c);
    for (const bad of [
      '',
      '00-abc-def-01',
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `ff-${c.traceId}-${c.spanId}-01`,
    ])
      expect(parseTraceparent(bad)).toBeNull();
  });
});

describeStores('a trace follows an order from webhook through the queue to Odoo', (fx) => {
  let store: Store;
  const spans: FinishedSpan[] = [];

  beforeAll(async () => {
    store = await fx().open();
    const tracer = new BasicTracer((s) => spans.push(s));
    const events = new EventBus();
    const lanes = new LaneRegistry([
      { name: 'intake', pollMs: 20 },
      { name: 'orders', pollMs: 20 },
    ]);
    const queue = new Queue(store, lanes, systemClock);
    const jobSpans = traceEngineEvents(events, tracer);
    const intake = defineTask({
      name: 'intake.shopify',
      lane: 'intake',
      // The next hop carries the current span, so the queue is one link in the trace.
      handle: async (ctx) =>
        ctx.enqueue({
          lane: 'orders',
          task: 'order.accept',
          payload: {},
          trace: jobSpans.parentFor(ctx.job) ?? undefined,
        }),
    });
    const accept = defineTask({
      name: 'order.accept',
      lane: 'orders',
      handle: async (ctx) => {
        await inSpan(tracer, 'odoo sale.order.create', jobSpans.parentFor(ctx.job), async () => 42, {
          'ferry.partner': 'odoo',
        });
      },
    });
    const inbox = new InboxService({ store, queue, clock: systemClock, events });
    await inSpan(tracer, 'webhook shopify orders/create', null, async (span) =>
      inbox.accept(
        {
          source: 'shopify:eu',
          kind: 'orders/create',
          headers: {},
          body: Buffer.from('{}'),
          signature: 'valid',
          dedupeKey: 'trace-1',
        },
        (inboxId) => ({
          lane: 'intake',
          task: 'intake.shopify',
          payload: { inboxId },
          trace: span.traceparent,
        }),
      ),
    );
    const worker = new Worker({ store, lanes, tasks: [intake, accept], events });
    worker.start();
    await waitFor(() => spans.some((s) => s.name === 'job order.accept'), 'the order job span');
    await worker.stop(1000);
    jobSpans.stop();
  });
  afterAll(() => store.close());

  it('links webhook → intake job → order job → Odoo call in one trace', async () => {
    const by = (name: string) => spans.find((s) => s.name === name)!;
    const webhook = by('webhook shopify orders/create');
    const intakeJob = by('job intake.shopify');
    const orderJob = by('job order.accept');
    const odoo = by('odoo sale.order.create');
    expect(new Set([webhook, intakeJob, orderJob, odoo].map((s) => s.traceId)).size).toBe(1);
    expect(webhook.parentSpanId).toBeNull();
    expect(intakeJob.parentSpanId).toBe(webhook.spanId);
    expect(orderJob.parentSpanId).toBe(intakeJob.spanId);
    expect(odoo.parentSpanId).toBe(orderJob.spanId);
    expect(odoo.attributes['ferry.partner']).toBe('odoo');
    const [stored] = await store.listJobs({ lane: 'orders' });
    expect(parseTraceparent(stored!.trace!)?.traceId).toBe(webhook.traceId);
  });
});

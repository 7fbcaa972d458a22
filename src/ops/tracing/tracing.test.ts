import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, defaultTextMapGetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { EventBus, InboxService, LaneRegistry, Queue, Worker, defineTask } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import {
  createTracing,
  formatTraceparent,
  inSpan,
  parseJobTrace,
  parseTraceparent,
  tracePartnerCalls,
  traceEngineEvents,
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

  it('reads and writes the spec example as any OpenTelemetry service does', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const c = parseTraceparent(header);
    expect(c).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(formatTraceparent(c!)).toBe(header);
    // An unsampled context keeps its flag both ways.
    const unsampled = { ...c!, sampled: false };
    expect(formatTraceparent(unsampled)).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00');
    expect(parseTraceparent(formatTraceparent(unsampled))).toEqual(unsampled);
    // What another service's propagator extracts from Ferry's header is the same context.
    const extracted = trace.getSpanContext(
      new W3CTraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: header }, defaultTextMapGetter),
    );
    expect(extracted).toMatchObject({ traceId: c!.traceId, spanId: c!.spanId, traceFlags: 1 });
    // All-zero span id and a version-00 header with extra fields are refused.
    expect(parseTraceparent(`00-${c!.traceId}-${'0'.repeat(16)}-01`)).toBeNull();
    expect(parseTraceparent(`${header}-extra`)).toBeNull();
  });

  it('gives every span a traceparent that parses back to its own ids', () => {
    const { tracer } = createTracing({ exporter: new InMemorySpanExporter() });
    const root = tracer.startSpan('root', { parent: null });
    const child = tracer.startSpan('child', { parent: root.traceparent });
    for (const s of [root, child])
      expect(parseTraceparent(s.traceparent)).toEqual({
        traceId: s.traceId,
        spanId: s.spanId,
        sampled: true,
      });
    expect(child.traceId).toBe(root.traceId);
    root.end();
    child.end();
  });
});

const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;

describeStores('a trace follows an order from webhook through the queue to Odoo', (fx) => {
  let store: Store;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    store = await fx().open();
    const { tracer } = createTracing({ exporter });
    const events = new EventBus();
    const lanes = new LaneRegistry([
      { name: 'intake', pollMs: 20 },
      { name: 'orders', pollMs: 20, batchSize: 5 },
    ]);
    const queue = new Queue(store, lanes, systemClock);
    const jobSpans = traceEngineEvents(events, tracer);
    const odoo = tracePartnerCalls(tracer);
    // The next hop names no trace: the engine hands it the running job's span through the interceptor.
    const intake = defineTask({
      name: 'intake.shopify',
      lane: 'intake',
      handle: async (ctx) => ctx.enqueue({ lane: 'orders', task: 'order.accept', payload: {} }),
    });
    const accept = defineTask({
      name: 'order.accept',
      lane: 'orders',
      handleBatch: async () => {
        await odoo('odoo', 'createAndConfirmOrders', async () => 42);
      },
    });
    const inbox = new InboxService({ store, queue, clock: systemClock, events });
    await inSpan(tracer, 'webhook shopify orders/create', { parent: null, role: 'server' }, async (span) =>
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
    const worker = new Worker({
      store,
      lanes,
      tasks: [intake, accept],
      events,
      interceptor: jobSpans.interceptor,
    });
    worker.start();
    await waitFor(
      () => exporter.getFinishedSpans().some((s) => s.name === 'job order.accept'),
      'the order job span',
    );
    await worker.stop(1000);
    jobSpans.stop();
  });
  afterAll(() => store.close());

  it('links webhook → intake job → order job → Odoo call in one trace, across the stored job rows', async () => {
    const spans = exporter.getFinishedSpans();
    const by = (name: string) => spans.find((s) => s.name === name)!;
    const webhook = by('webhook shopify orders/create');
    const intakeJob = by('job intake.shopify');
    const orderJob = by('job order.accept');
    const odoo = by('odoo createAndConfirmOrders');
    const ids = [webhook, intakeJob, orderJob, odoo].map((s) => s.spanContext().traceId);
    expect(new Set(ids).size).toBe(1);
    expect(parentOf(webhook)).toBeUndefined();
    expect(parentOf(intakeJob)).toBe(webhook.spanContext().spanId);
    expect(parentOf(orderJob)).toBe(intakeJob.spanContext().spanId);
    expect(parentOf(odoo)).toBe(orderJob.spanContext().spanId);
    expect(odoo.attributes['ferry.partner']).toBe('odoo');
    const [stored] = await store.jobs.listJobs({ lane: 'orders' });
    expect(parseTraceparent(stored!.trace!)).toMatchObject({
      traceId: ids[0],
      spanId: intakeJob.spanContext().spanId,
    });
  });
});

describeStores('a job that continues another trace (a shipment joining its order)', (fx) => {
  let store: Store;
  const exporter = new InMemorySpanExporter();
  let saved: string | null = null;

  beforeAll(async () => {
    store = await fx().open();
    const { tracer } = createTracing({ exporter });
    const events = new EventBus();
    const lanes = new LaneRegistry([{ name: 'wh', pollMs: 20 }]);
    const queue = new Queue(store, lanes, systemClock);
    const jobSpans = traceEngineEvents(events, tracer);
    const noop = async () => undefined;
    // The release keeps its own run's context, as the release row does.
    const release = defineTask({
      name: 'release',
      lane: 'wh',
      handle: async (ctx) => void (saved = ctx.traceContext()),
    });
    const inbound = defineTask({
      name: 'inbound',
      lane: 'wh',
      handle: async (ctx) => {
        ctx.enqueue({ lane: 'wh', task: 'apply', payload: {}, trace: saved! });
        ctx.enqueue({ lane: 'wh', task: 'own', payload: {}, trace: ctx.traceContext()! });
        ctx.enqueue({ lane: 'wh', task: 'garbled', payload: {}, trace: 'not a traceparent' });
      },
    });
    const tasks = [
      release,
      inbound,
      ...['apply', 'own', 'garbled'].map((name) => defineTask({ name, lane: 'wh', handle: noop })),
    ];
    const worker = new Worker({ store, lanes, tasks, events, interceptor: jobSpans.interceptor });
    worker.start();
    const order = tracer.startSpan('webhook order', { parent: null });
    await queue.enqueue({ lane: 'wh', task: 'release', payload: {}, trace: order.traceparent });
    order.end();
    await waitFor(() => saved !== null, 'the release job');
    const delivery = tracer.startSpan('webhook shipment', { parent: null });
    await queue.enqueue({ lane: 'wh', task: 'inbound', payload: {}, trace: delivery.traceparent });
    delivery.end();
    await waitFor(
      () =>
        ['apply', 'own', 'garbled'].every((t) =>
          exporter.getFinishedSpans().some((s) => s.name === `job ${t}`),
        ),
      'the three follow-up jobs',
    );
    await worker.stop(1000);
    jobSpans.stop();
  });
  afterAll(() => store.close());

  const by = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;
  const id = (s: ReadableSpan) => s.spanContext().spanId;

  it('runs as a child of the span it names, in that trace, linked to the job that enqueued it', async () => {
    const releaseJob = by('job release');
    const inboundJob = by('job inbound');
    const apply = by('job apply');
    expect(apply.spanContext().traceId).toBe(by('webhook order').spanContext().traceId);
    expect(parentOf(apply)).toBe(id(releaseJob));
    expect(apply.links.map((l) => l.context.spanId)).toEqual([id(inboundJob)]);
    expect(inboundJob.spanContext().traceId).toBe(by('webhook shipment').spanContext().traceId);
    const row = (await store.jobs.listJobs({ lane: 'wh' })).find((j) => j.task === 'apply')!;
    expect(parseJobTrace(row.trace)).toEqual({
      parent: formatTraceparent({
        traceId: apply.spanContext().traceId,
        spanId: id(releaseJob),
        sampled: true,
      }),
      links: [
        formatTraceparent({
          traceId: inboundJob.spanContext().traceId,
          spanId: id(inboundJob),
          sampled: true,
        }),
      ],
    });
  });

  it('needs no link when the named context is in its own trace, and ignores a garbled one', () => {
    const inboundJob = by('job inbound');
    const own = by('job own');
    expect(parentOf(own)).toBe(id(inboundJob));
    expect(own.links).toEqual([]);
    const garbled = by('job garbled');
    expect(garbled.spanContext().traceId).toBe(inboundJob.spanContext().traceId);
    expect(parentOf(garbled)).toBe(id(inboundJob));
    expect(garbled.links).toEqual([]);
  });
});

describe('OTLP export', () => {
  let server: Server;
  let url = '';
  const bodies: { path: string; json: unknown }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ path: req.url ?? '', json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts finished spans as OTLP/HTTP JSON to the configured endpoint, with the service name', async () => {
    bodies.length = 0;
    const tracing = createTracing({ serviceName: 'ferry-test', otlpUrl: url, exportDelayMs: 50 });
    expect(tracing.exporting).toBe(true);
    const span = tracing.tracer.startSpan('job order.accept', { parent: null });
    span.end(new Error('Odoo refused jane.doe@example.com'));
    await tracing.flush();
    await tracing.shutdown();
    expect(bodies.map((b) => b.path)).toEqual(['/v1/traces']);
    const text = JSON.stringify(bodies[0]!.json);
    expect(text).toContain('"job order.accept"');
    expect(text).toContain('"ferry-test"');
    expect(text).toContain(span.traceId);
    // The error message leaves the process scrubbed, like a log line.
    expect(text).toContain('[email]');
    expect(text).not.toContain('jane.doe');
  });

  it('exports nothing when no endpoint is configured, yet still hands out trace context', async () => {
    bodies.length = 0;
    const tracing = createTracing({ serviceName: 'ferry-test' });
    expect(tracing.exporting).toBe(false);
    const parent = tracing.tracer.startSpan('webhook', { parent: null });
    const child = tracing.tracer.startSpan('job', { parent: parent.traceparent });
    const grandchild = tracing.tracer.startSpan('next job', { parent: child.traceparent });
    const other = tracing.tracer.startSpan('webhook', { parent: null });
    const garbled = tracing.tracer.startSpan('job', { parent: '00-not-a-trace-01' });
    expect(garbled.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(garbled.traceId).not.toBe(parent.traceId);
    // The active span is not tracked when nothing records spans (Node 20's async-local storage
    // taxes every promise); everything that crosses the queue passes its traceparent explicitly.
    const ran = tracing.tracer.withSpan(child, () => tracing.tracer.activeTraceparent());
    expect(ran).toBeUndefined();
    for (const s of [grandchild, child, parent, other]) s.end();
    await tracing.flush();
    await tracing.shutdown();
    expect(child.traceId).toBe(parent.traceId);
    expect(grandchild.traceId).toBe(parent.traceId);
    expect(new Set([parent.spanId, child.spanId, grandchild.spanId]).size).toBe(3);
    expect(other.traceId).not.toBe(parent.traceId);
    for (const s of [parent, child, grandchild, other]) {
      expect(parseTraceparent(s.traceparent)).toEqual({
        traceId: s.traceId,
        spanId: s.spanId,
        sampled: false,
      });
      expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(bodies).toEqual([]);
  });
});

import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  AlwaysOnSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryTracer, type Tracer } from './tracer.js';

export interface TracingOptions {
  /** `service.name` of every span. Default `ferry`. */
  serviceName?: string;
  /** OTLP/HTTP traces endpoint, e.g. `http://collector:4318/v1/traces`. Default none: nothing leaves the process. */
  otlpUrl?: string | undefined;
  /** Extra exporter, each span handed over as it ends (tests use an in-memory one). */
  exporter?: SpanExporter;
  /** Longest wait before a batch of spans is sent to the OTLP endpoint, ms. Default 2000. */
  exportDelayMs?: number;
}

/** Ferry's tracing: the tracer, whether spans go anywhere, and the flush that shutdown awaits. */
export interface Tracing {
  readonly tracer: Tracer;
  /** False when no exporter is configured: spans only carry ids across the queue. */
  readonly exporting: boolean;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let contextManagerSet = false;

/**
 * OpenTelemetry's context is process-global: the async-local context manager is registered once,
 * whatever number of Ferry instances (tests) the process holds. Each instance keeps its own tracer
 * provider and is never registered globally, so two instances never export each other's spans.
 */
function ensureContextManager(): void {
  if (contextManagerSet) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerSet = true;
}

/**
 * Builds tracing, off by default: with no exporter nothing is recorded and no active-span context
 * is kept (a span costs two random ids), yet every job still carries a traceparent, so turning
 * export on later needs no change to stored jobs. With an OTLP URL, spans are batched and POSTed
 * as OTLP/HTTP JSON.
 */
export function createTracing(opts: TracingOptions = {}): Tracing {
  if (opts.exporter || opts.otlpUrl) ensureContextManager();
  const spanProcessors: SpanProcessor[] = [];
  if (opts.exporter) spanProcessors.push(new SimpleSpanProcessor(opts.exporter));
  if (opts.otlpUrl)
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: opts.otlpUrl }), {
        scheduledDelayMillis: opts.exportDelayMs ?? 2000,
      }),
    );
  const exporting = spanProcessors.length > 0;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName ?? 'ferry' }),
    sampler: exporting ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
    spanProcessors,
  });
  return {
    tracer: new OpenTelemetryTracer(provider.getTracer('ferry'), exporting),
    exporting,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

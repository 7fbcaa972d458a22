import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  trace,
  type Link,
  type Span as OtelSpan,
  type Tracer as OtelTracer,
} from '@opentelemetry/api';
import { scrubText } from '../logging/index.js';
import { parseTraceparent, remoteContext, traceparentOf } from './traceparent.js';

export type AttributeValue = string | number | boolean;

/** One unit of work in a trace. */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  /** This span as a W3C traceparent: store it on a job, send it in a header. */
  readonly traceparent: string;
  setAttribute(key: string, value: AttributeValue): void;
  /** Ends the span; an error marks it failed (its message scrubbed of personal data). Ending twice is ignored. */
  end(error?: unknown): void;
}

export const SpanRole = {
  server: 'server',
  client: 'client',
  consumer: 'consumer',
  internal: 'internal',
} as const;
export type SpanRole = (typeof SpanRole)[keyof typeof SpanRole];

export interface SpanOptions {
  /**
   * Parent as a traceparent (from a job, a header). Omitted: the active span (a partner call inside
   * a job); null: a new trace (a partner's webhook, whose own context Ferry does not trust).
   */
  parent?: string | null | undefined;
  role?: SpanRole;
  attributes?: Record<string, AttributeValue>;
  /** Related traces (the other orders of a batch), as traceparents. */
  links?: readonly string[];
}

/**
 * The tracing port. Ferry's code depends only on this; the OpenTelemetry SDK sits behind it
 * (createTracing), and trace context crosses the queue as the traceparent stored on each job.
 */
export interface Tracer {
  startSpan(name: string, opts?: SpanOptions): Span;
  /** Runs `fn` with `span` active, so spans started inside (partner calls) become its children. */
  withSpan<T>(span: Span, fn: () => T): T;
  /** The active span as a traceparent, or undefined outside any span. */
  activeTraceparent(): string | undefined;
}

const KIND: Record<SpanRole, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

/** Ferry's span over an OpenTelemetry one. */
class OtelBackedSpan implements Span {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceparent: string;
  private ended = false;

  constructor(readonly otel: OtelSpan) {
    const c = otel.spanContext();
    this.traceId = c.traceId;
    this.spanId = c.spanId;
    this.traceparent = traceparentOf(c);
  }

  setAttribute(key: string, value: AttributeValue): void {
    this.otel.setAttribute(key, value);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) {
      // Partners quote what they refuse (an e-mail, a street): spans leave the process like logs do.
      const message = scrubText(error instanceof Error ? error.message : String(JSON.stringify(error)));
      const code = (error as { code?: unknown }).code;
      this.otel.setStatus({ code: SpanStatusCode.ERROR, message });
      if (typeof code === 'string') this.otel.setAttribute('ferry.error.code', code);
    }
    this.otel.end();
  }
}

const idBytes = Buffer.alloc(16);
const ZERO_IDS = { 8: '0'.repeat(16), 16: '0'.repeat(32) } as const;

/** Random W3C trace (16 bytes) or span (8 bytes) id in hex, never all zeros (invalid). */
function randomId(bytes: 8 | 16): string {
  for (;;) {
    for (let i = 0; i < bytes; i += 4) idBytes.writeUInt32BE(Math.floor(Math.random() * 0x1_0000_0000), i);
    const id = idBytes.toString('hex', 0, bytes);
    if (id !== ZERO_IDS[bytes]) return id;
  }
}

/** The port over an OpenTelemetry tracer; the active span lives in OpenTelemetry's context. */
export class OpenTelemetryTracer implements Tracer {
  /**
   * @param recording false when no exporter is configured: spans then only carry ids (the trace id
   *   of an explicit parent traceparent, a new span id), built here without the SDK's sampling and
   *   span machinery, and no span is ever active: the async-local context that tracks the active
   *   span taxes every promise on Node 20, for spans nobody records. Everything that crosses the
   *   queue passes its traceparent explicitly, so jobs keep their order's trace either way.
   */
  constructor(
    private readonly tracer: OtelTracer,
    private readonly recording = true,
  ) {}

  startSpan(name: string, opts: SpanOptions = {}): Span {
    if (!this.recording) {
      // A malformed or all-zero parent starts a new trace, as remoteContext does.
      const p = typeof opts.parent === 'string' ? parseTraceparent(opts.parent) : null;
      return new OtelBackedSpan(
        trace.wrapSpanContext({
          traceId: p?.traceId ?? randomId(16),
          spanId: randomId(8),
          traceFlags: TraceFlags.NONE,
        }),
      );
    }
    const parent =
      opts.parent === undefined
        ? context.active()
        : opts.parent === null
          ? ROOT_CONTEXT
          : remoteContext(opts.parent);
    const links: Link[] = (opts.links ?? []).flatMap((tp) => {
      const sc = trace.getSpanContext(remoteContext(tp));
      return sc ? [{ context: sc }] : [];
    });
    const s = this.tracer.startSpan(
      name,
      {
        kind: KIND[opts.role ?? 'internal'],
        ...(opts.attributes ? { attributes: opts.attributes } : {}),
        ...(links.length ? { links } : {}),
      },
      parent,
    );
    return new OtelBackedSpan(s);
  }

  withSpan<T>(span: Span, fn: () => T): T {
    if (!this.recording) return fn();
    return span instanceof OtelBackedSpan
      ? context.with(trace.setSpan(context.active(), span.otel), fn)
      : fn();
  }

  activeTraceparent(): string | undefined {
    if (!this.recording) return undefined;
    const s = trace.getSpan(context.active());
    return s && trace.isSpanContextValid(s.spanContext()) ? traceparentOf(s.spanContext()) : undefined;
  }
}

/** Runs `fn` in a span (child of the active one unless `opts.parent` says otherwise), ending it with the outcome. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  opts: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, opts);
  try {
    const r = await tracer.withSpan(span, () => fn(span));
    span.end();
    return r;
  } catch (e) {
    span.end(e);
    throw e;
  }
}

import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { formatTraceparent, newSpanId, newTraceId, parseTraceparent } from './traceparent.js';

export type AttributeValue = string | number | boolean;

/** One unit of work in a trace. */
export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  /** This span as a W3C traceparent: store it on a job, send it in a header. */
  readonly traceparent: string;
  setAttribute(key: string, value: AttributeValue): void;
  /** Ends the span; an error marks it failed. Ending twice is ignored. */
  end(error?: unknown): void;
}

export interface SpanOptions {
  /** Parent as a traceparent (from a job, a header); none starts a new trace. */
  parent?: string | null | undefined;
  attributes?: Record<string, AttributeValue>;
}

/**
 * The tracing port. Ferry's code depends only on this, so the OpenTelemetry SDK (not installed
 * yet) can be put behind it without touching callers; trace context crosses the queue as the
 * traceparent stored on each job.
 */
export interface Tracer {
  startSpan(name: string, opts?: SpanOptions): Span;
}

/** A finished span, as an exporter receives it. */
export interface FinishedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  status: 'ok' | 'error';
  errorMessage?: string;
}

/**
 * A tracer that keeps the context right and hands finished spans to `onEnd` (an exporter, or a
 * test's list). With no `onEnd` it only propagates ids: tracing is off by default and costs
 * nothing but two random ids per span.
 */
export class BasicTracer implements Tracer {
  constructor(
    private readonly onEnd?: (s: FinishedSpan) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  startSpan(name: string, opts: SpanOptions = {}): Span {
    const parent = opts.parent ? parseTraceparent(opts.parent) : null;
    const traceId = parent?.traceId ?? newTraceId();
    const spanId = newSpanId();
    const attributes: Record<string, AttributeValue> = { ...opts.attributes };
    const startMs = this.clock.now();
    let ended = false;
    return {
      traceId,
      spanId,
      traceparent: formatTraceparent({ traceId, spanId, sampled: true }),
      setAttribute: (k, v) => void (attributes[k] = v),
      end: (error) => {
        if (ended) return;
        ended = true;
        this.onEnd?.({
          name,
          traceId,
          spanId,
          parentSpanId: parent?.spanId ?? null,
          startMs,
          endMs: this.clock.now(),
          attributes,
          status: error === undefined ? 'ok' : 'error',
          ...(error === undefined
            ? {}
            : { errorMessage: error instanceof Error ? error.message : JSON.stringify(error) }),
        });
      },
    };
  }
}

/** Runs `fn` in a child span of `parent`, ending it with the outcome. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  parent: string | null | undefined,
  fn: (span: Span) => Promise<T>,
  attributes?: Record<string, AttributeValue>,
): Promise<T> {
  const span = tracer.startSpan(name, { parent, ...(attributes ? { attributes } : {}) });
  try {
    const r = await fn(span);
    span.end();
    return r;
  } catch (e) {
    span.end(e);
    throw e;
  }
}

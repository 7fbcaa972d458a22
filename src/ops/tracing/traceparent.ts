/**
 * W3C Trace Context `traceparent` (version-traceid-spanid-flags, https://www.w3.org/TR/trace-context/)
 * read and written by OpenTelemetry's own propagator, so Ferry's jobs and logs carry exactly what
 * every other OpenTelemetry service sends and accepts.
 */
import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** A traceparent's fields. */
export interface TraceContext {
  /** 32 lowercase hex digits, not all zero. */
  traceId: string;
  /** 16 lowercase hex digits, not all zero. */
  spanId: string;
  sampled: boolean;
}

const propagator = new W3CTraceContextPropagator();

/**
 * The remote context a traceparent stands for; anything malformed (or all-zero ids, or version ff)
 * gives the root context, as the spec requires receivers to ignore it.
 */
export function remoteContext(traceparent: string): Context {
  return propagator.extract(ROOT_CONTEXT, { traceparent: traceparent.trim() }, defaultTextMapGetter);
}

/** Parses a traceparent; null for anything malformed, as the spec requires receivers to ignore it. */
export function parseTraceparent(header: string): TraceContext | null {
  const c = trace.getSpanContext(remoteContext(header));
  if (!c) return null;
  return {
    traceId: c.traceId,
    spanId: c.spanId,
    sampled: (c.traceFlags & TraceFlags.SAMPLED) !== 0,
  };
}

/**
 * A span context as a traceparent. An invalid one (all-zero ids) gives '' — the propagator writes
 * nothing for it — which every reader here treats as no trace, as it treated the zeros before.
 */
export function traceparentOf(c: SpanContext): string {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, c), carrier, defaultTextMapSetter);
  return carrier.traceparent ?? '';
}

/** Writes a traceparent (version 00). */
export function formatTraceparent(c: TraceContext): string {
  return traceparentOf({
    traceId: c.traceId,
    spanId: c.spanId,
    traceFlags: c.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  });
}

/**
 * A job's stored trace context: the traceparent of its parent span, then those of the spans it
 * links to, space-separated. A job that joins another trace than the one it was enqueued in (a
 * warehouse shipment joining its order's trace) links back to the span that enqueued it (the
 * warehouse delivery), so neither trace loses the other. OpenTelemetry defines no carrier for
 * links, and the job row already holds the context as text: a plain traceparent stays valid.
 */
export interface JobTrace {
  parent: string | null;
  links: string[];
}

export function formatJobTrace(t: JobTrace): string | null {
  if (t.parent === null) return null;
  return [t.parent, ...t.links].join(' ');
}

/** Reads a stored job trace; anything malformed in it is dropped, as the W3C spec asks of receivers. */
export function parseJobTrace(stored: string | null): JobTrace {
  const [parent, ...links] = (stored ?? '').split(' ').filter((p) => parseTraceparent(p) !== null);
  return { parent: parent ?? null, links };
}

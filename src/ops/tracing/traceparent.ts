import { randomBytes } from 'node:crypto';

/** W3C Trace Context `traceparent`: version-traceid-spanid-flags. https://www.w3.org/TR/trace-context/ */
export interface TraceContext {
  /** 32 lowercase hex digits, not all zero. */
  traceId: string;
  /** 16 lowercase hex digits, not all zero. */
  spanId: string;
  sampled: boolean;
}

const RE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Parses a traceparent; null for anything malformed, as the spec requires receivers to ignore it. */
export function parseTraceparent(header: string): TraceContext | null {
  const m = RE.exec(header.trim().toLowerCase());
  if (!m || m[1] === 'ff') return null;
  const [, , traceId, spanId, flags] = m as unknown as [string, string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(c: TraceContext): string {
  return `00-${c.traceId}-${c.spanId}-${c.sampled ? '01' : '00'}`;
}

export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newSpanId = (): string => randomBytes(8).toString('hex');

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

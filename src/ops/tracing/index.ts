/**
 * Tracing behind a small port, with W3C traceparent carried on jobs so one trace follows an order
 * from its webhook through the queue to Odoo and the warehouse. OTLP export plugs in as `onEnd`.
 */
export { BasicTracer, inSpan } from './tracer.js';
export type { Tracer, Span, SpanOptions, FinishedSpan, AttributeValue } from './tracer.js';
export { traceEngineEvents } from './engineTracing.js';
export type { JobSpans } from './engineTracing.js';
export { parseTraceparent, formatTraceparent, newTraceId, newSpanId } from './traceparent.js';
export type { TraceContext } from './traceparent.js';

/**
 * Tracing behind a small port over OpenTelemetry, with W3C traceparent carried on jobs so one trace
 * follows an order from its webhook through the queue to Odoo and the warehouse. OTLP/HTTP export
 * is configured by `tracing.otlpUrl` and off by default.
 */
export { OpenTelemetryTracer, SpanRole, inSpan } from './tracer.js';
export type { Tracer, Span, SpanOptions, AttributeValue } from './tracer.js';
export { createTracing } from './setup.js';
export type { Tracing, TracingOptions } from './setup.js';
export { traceEngineEvents } from './engineTracing.js';
export type { JobSpans } from './engineTracing.js';
export { tracePartnerCalls } from './partnerCalls.js';
export type { PartnerCallObserver, PartnerCallTimer } from './partnerCalls.js';
export {
  parseTraceparent,
  formatTraceparent,
  newTraceId,
  newSpanId,
  parseJobTrace,
  formatJobTrace,
} from './traceparent.js';
export type { TraceContext, JobTrace } from './traceparent.js';

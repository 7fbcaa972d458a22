import type { FastifyReply } from 'fastify';
import type { AttributeValue, Tracer } from '../../ops/tracing/index.js';

/**
 * Runs a webhook delivery in a server span that starts the order's trace; `fn` stores the span's
 * traceparent on the job it enqueues, so every later hop joins this trace. A partner's own trace
 * header is not followed: an unauthenticated sender must not choose Ferry's trace ids.
 *
 * The span is handed over as a traceparent, not made the active context: nothing under a delivery
 * opens spans of its own, and entering a context for each request was measurable on the intake
 * hot path.
 */
export async function inWebhookSpan(
  tracer: Tracer | undefined,
  name: string,
  attributes: Record<string, AttributeValue>,
  reply: FastifyReply,
  fn: (traceparent: string | undefined) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  if (!tracer) return fn(undefined);
  const span = tracer.startSpan(name, { parent: null, role: 'server', attributes });
  try {
    const r = await fn(span.traceparent);
    span.setAttribute('http.response.status_code', reply.statusCode);
    span.end(reply.statusCode >= 500 ? new Error(`answered ${reply.statusCode}`) : undefined);
    return r;
  } catch (e) {
    span.end(e);
    throw e;
  }
}

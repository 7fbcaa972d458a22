import { inSpan, type Tracer } from './tracer.js';

/** Wraps one call to a partner (an Odoo method, a Shopify request, a warehouse release). */
export type PartnerCallObserver = <T>(partner: string, operation: string, fn: () => Promise<T>) => Promise<T>;

/** Wraps one partner call inside its span (the partner-call metrics time it there). */
export type PartnerCallTimer = <T>(partner: string, fn: () => Promise<T>) => Promise<T>;

/**
 * A client span per partner call, child of the active span (the job's), so a trace shows which
 * partner each order's job called, how long it took and whether it failed; `inner`, when given,
 * runs inside the span around the call.
 */
export function tracePartnerCalls(tracer: Tracer, inner?: PartnerCallTimer): PartnerCallObserver {
  return (partner, operation, fn) =>
    inSpan(
      tracer,
      `${partner} ${operation}`,
      { role: 'client', attributes: { 'ferry.partner': partner, 'ferry.operation': operation } },
      inner ? () => inner(partner, fn) : fn,
    );
}

import { inSpan, type Tracer } from './tracer.js';

/** Wraps one call to a partner (an Odoo method, a Shopify request, a warehouse release). */
export type PartnerCallObserver = <T>(partner: string, operation: string, fn: () => Promise<T>) => Promise<T>;

/**
 * A client span per partner call, child of the active span (the job's), so a trace shows which
 * partner each order's job called, how long it took and whether it failed.
 */
export function tracePartnerCalls(tracer: Tracer): PartnerCallObserver {
  return (partner, operation, fn) =>
    inSpan(
      tracer,
      `${partner} ${operation}`,
      { role: 'client', attributes: { 'ferry.partner': partner, 'ferry.operation': operation } },
      fn,
    );
}

import type { Clock } from '../core/clock.js';
import type { OdooClient } from '../connectors/odoo/index.js';
import type { ShopifyGraphqlClient } from '../connectors/shopify/index.js';
import { PartnerGuard, type PartnerGuardOptions } from '../engine/index.js';

/** Wraps each partner call: a span and the partner-call metrics (see observe.ts). Default none. */
export type CallObserver = <T>(partner: string, operation: string, fn: () => Promise<T>) => Promise<T>;

const unobserved: CallObserver = (_p, _o, fn) => fn();

/**
 * Partner limits: Odoo has no published API limit, but a 2-core server confirms 3–4 orders a second
 * (ODOO.md §7), so calls are paced well above that and the breaker protects it when it struggles.
 * Shopify's GraphQL cost bucket is enforced by its client; the guard adds the breaker and a call
 * ceiling (Standard plan: 100 points/s restore).
 */
const LIMITS: Record<'odoo' | 'shopify', Omit<PartnerGuardOptions, 'name'>> = {
  odoo: { ratePerSec: 50, burst: 100, failuresToOpen: 5, halfOpenAfterMs: 30_000 },
  shopify: { ratePerSec: 20, burst: 40, failuresToOpen: 5, halfOpenAfterMs: 30_000 },
};

/** Methods that are bookkeeping, not partner calls. */
const LOCAL = new Set(['measure', 'roundTripsByOperation', 'close', 'describe', 'connection', 'features']);

/**
 * Routes every call of an Odoo client through a guard: an open breaker or an exhausted rate limit
 * defers the job (it waits in its queue), it never fails it.
 */
export function guardOdoo(
  client: OdooClient,
  clock: Clock,
  name = 'odoo',
  observe: CallObserver = unobserved,
): { client: OdooClient; guard: PartnerGuard } {
  const guard = new PartnerGuard({ name, ...LIMITS.odoo }, clock);
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || typeof prop !== 'string' || LOCAL.has(prop)) return v;
      return (...args: unknown[]) =>
        observe(name, prop, () =>
          guard.call(() => (v as (...a: unknown[]) => Promise<unknown>).apply(target, args)),
        );
    },
  });
  return { client: proxy, guard };
}

/** The GraphQL operation's name (`mutation inventorySetQuantities(...)`), for the span's name. */
function operationOf(query: string): string {
  return /\b(query|mutation)\s+(\w+)/.exec(query)?.[2] ?? 'graphql';
}

/** The same for a Shopify Admin API client: its `request` goes through the guard. */
export function guardShopify(
  client: ShopifyGraphqlClient,
  clock: Clock,
  name: string,
  observe: CallObserver = unobserved,
): PartnerGuard {
  const guard = new PartnerGuard({ name, ...LIMITS.shopify }, clock);
  const request = client.request.bind(client);
  client.request = (...args: Parameters<typeof request>) =>
    observe(name, operationOf(args[0]), () => guard.call(() => request(...args)));
  return guard;
}

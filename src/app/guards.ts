import type { Clock } from '../core/clock.js';
import { guardOdooPort, type CallObserver, type OdooPort } from '../connectors/odoo/index.js';
import type { ShopifyGraphqlClient } from '../connectors/shopify/index.js';
import { PartnerGuard, type PartnerGuardOptions } from '../engine/index.js';

export type { CallObserver };

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

/** A guard sized to the partner's limits. */
export function partnerGuard(kind: keyof typeof LIMITS, name: string, clock: Clock): PartnerGuard {
  return new PartnerGuard({ name, ...LIMITS[kind] }, clock);
}

/**
 * The Odoo port every flow gets: each call, role by role, through a guard (connectors/odoo
 * guarded.ts). An open breaker or an exhausted rate limit defers the job (it waits in its queue),
 * it never fails it. The raw client stays with the start-up checks.
 */
export function guardOdoo(
  client: OdooPort,
  clock: Clock,
  name = 'odoo',
  observe: CallObserver = unobserved,
): { client: OdooPort; guard: PartnerGuard } {
  const guard = partnerGuard('odoo', name, clock);
  return { client: guardOdooPort(client, guard, observe, name), guard };
}

/** The GraphQL operation's name (`mutation inventorySetQuantities(...)`), for the span's name. */
function operationOf(query: string): string {
  return /\b(query|mutation)\s+(\w+)/.exec(query)?.[2] ?? 'graphql';
}

/** The same for a Shopify Admin API client: its `request` goes through `guard`. */
export function guardShopify(
  client: ShopifyGraphqlClient,
  guard: PartnerGuard,
  observe: CallObserver = unobserved,
): void {
  const request = client.request.bind(client);
  client.request = (...args: Parameters<typeof request>) =>
    observe(guard.name, operationOf(args[0]), () => guard.call(() => request(...args)));
}

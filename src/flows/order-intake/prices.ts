import type { Clock } from '../../core/clock.js';
import type { OdooCatalog } from '../../connectors/odoo/index.js';
import type { PriceSource } from './deps.js';

/**
 * Odoo's sales price per SKU (product.product `list_price`), for the price-tolerance rule. Read
 * once per batch of unknown SKUs and kept for `ttlMs` (default 5 minutes): prices change rarely and
 * this rule must not add a round trip per order. The list price is in the company currency; orders
 * in another currency are not compared (a pricelist would be needed), so their prices are accepted.
 */
export function odooPriceSource(
  catalog: OdooCatalog,
  clock: Clock,
  companyCurrency = 'USD',
  ttlMs = 300_000,
): PriceSource {
  const cache = new Map<string, { minor: number; at: number }>();
  return {
    async prices(skus, currency) {
      if (currency !== companyCurrency) return new Map();
      const now = clock.now();
      const missing = [...new Set(skus)].filter((s) => {
        const hit = cache.get(s);
        return !hit || now - hit.at > ttlMs;
      });
      if (missing.length) {
        // Through the port, so the partner guard (limiter, breaker, tracing) sees the read.
        for (const [sku, minor] of await catalog.listPrices(missing, currency))
          cache.set(sku, { minor, at: now });
      }
      return new Map(
        skus.flatMap((s) => (cache.has(s) ? [[s, cache.get(s)!.minor] as [string, number]] : [])),
      );
    },
  };
}

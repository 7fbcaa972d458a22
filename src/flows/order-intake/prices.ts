import type { Clock } from '../../core/clock.js';
import type { OdooCatalog } from '../../connectors/odoo/index.js';
import type { Order } from '../../core/model.js';
import type { PriceSource } from './deps.js';

/**
 * Odoo's sales price per SKU (product.product `list_price`), for the price-tolerance rule. Read
 * once per batch of unknown SKUs and kept for `ttlMs` (default 5 minutes): prices change rarely and
 * this rule must not add a round trip per order. List prices are in the currency of the order's
 * Odoo company (Odoo's res.company `currency_id`, which the client reads once per connection): an
 * order in another currency books on its company's pricelist for that currency, whose prices Odoo's
 * external API does not give, so its prices are not compared (the client answers no price).
 */
export function odooPriceSource(
  catalog: OdooCatalog,
  clock: Clock,
  ttlMs = 300_000,
  companyOf?: (order: Pick<Order, 'channel' | 'entity'>) => number,
): PriceSource {
  // Per company and currency: a SKU each company keeps as its own product has each company's price.
  const cache = new Map<string, { minor: number; at: number }>();
  return {
    async prices(skus, currency, order) {
      const company = order && companyOf ? companyOf(order) : undefined;
      const key = (sku: string) => `${company ?? ''}\u0000${currency}\u0000${sku}`;
      const now = clock.now();
      const missing = [...new Set(skus)].filter((s) => {
        const hit = cache.get(key(s));
        return !hit || now - hit.at > ttlMs;
      });
      if (missing.length) {
        // Through the port, so the partner guard (limiter, breaker, tracing) sees the read.
        for (const [sku, minor] of await catalog.listPrices(missing, currency, company))
          cache.set(key(sku), { minor, at: now });
      }
      return new Map(
        skus.flatMap((s) => (cache.has(key(s)) ? [[s, cache.get(key(s))!.minor] as [string, number]] : [])),
      );
    },
  };
}

/** Sales prices per SKU (product.product `list_price`, in the company's currency) for the price rule. */
import type { Ops } from './context.js';
import { m2oId, toMinor } from './context.js';

/**
 * List price in minor units of `currency` per SKU found; unknown SKUs are left out. With
 * `company`, among that company's products and the shared ones, its own first (a SKU each company
 * keeps as its own product has each company's price). List prices are in the company's currency
 * (res.company `currency_id`): in any other currency there is nothing to compare, and the map is empty.
 */
export async function listPrices(
  ops: Ops,
  skus: readonly string[],
  currency: string,
  company?: number,
): Promise<Map<string, number>> {
  if (!skus.length) return new Map();
  const priced = company ?? ops.cfg.company;
  if ((await ops.companyCurrencies([priced])).get(priced) !== currency) return new Map();
  const bySku: unknown[] = [['default_code', 'in', [...new Set(skus)]]];
  const rows = await ops.conn.call<
    { default_code: string | false; list_price: number; company_id: unknown }[]
  >('product.product', 'search_read', {
    domain:
      company === undefined
        ? bySku
        : ['&', '|', ['company_id', '=', false], ['company_id', '=', company], ...bySku],
    fields: ['default_code', 'list_price', 'company_id'],
  });
  const out = new Map<string, number>();
  const own = new Set<string>();
  for (const r of rows) {
    if (!r.default_code || own.has(r.default_code)) continue;
    out.set(r.default_code, toMinor(r.list_price, currency));
    if (company !== undefined && m2oId(r.company_id) === company) own.add(r.default_code);
  }
  return out;
}

/** Sales prices per SKU (product.product `list_price`, in the company currency) for the price rule. */
import type { Ops } from './context.js';
import { toMinor } from './context.js';

/** List price in minor units of `currency` per SKU found; unknown SKUs are left out. */
export async function listPrices(
  ops: Ops,
  skus: readonly string[],
  currency: string,
): Promise<Map<string, number>> {
  if (!skus.length) return new Map();
  const rows = await ops.conn.call<{ default_code: string | false; list_price: number }[]>(
    'product.product',
    'search_read',
    { domain: [['default_code', 'in', [...new Set(skus)]]], fields: ['default_code', 'list_price'] },
  );
  const out = new Map<string, number>();
  for (const r of rows) if (r.default_code) out.set(r.default_code, toMinor(r.list_price, currency));
  return out;
}

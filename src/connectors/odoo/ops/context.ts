/** What every operation needs: the connection, config, version names, caches, document locks. */
import { currencyExponent, parseDecimalToMinor } from '../../../core/money.js';
import type { OdooConnection } from '../connection.js';
import { namesFor } from '../fields.js';
import type { VersionNames } from '../fields.js';
import { KeyedMutex } from '../limiter.js';
import type { OdooConfig } from '../options.js';
import type { CustomerRef, QuantityLine } from '../port.js';
import { ProductCache } from './products.js';

export interface Ops {
  conn: OdooConnection;
  cfg: OdooConfig;
  names(): Promise<VersionNames>;
  products: ProductCache;
  mutex: KeyedMutex;
  /** Resolved customers by match key, with the time they were resolved. */
  customers: Map<string, { at: number; ref: CustomerRef }>;
}

export function createOps(conn: OdooConnection, cfg: OdooConfig): Ops {
  const ops: Ops = {
    conn,
    cfg,
    names: async () => namesFor((await conn.version()).major),
    products: new ProductCache(conn, cfg),
    mutex: new KeyedMutex(),
    customers: new Map(),
  };
  return ops;
}

/** Odoo float (major units) → integer minor units, rounding away float noise first. */
export function toMinor(value: unknown, currency: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  return parseDecimalToMinor(n.toFixed(currencyExponent(currency)), currency);
}

export function m2oId(v: unknown): number | false {
  return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : typeof v === 'number' ? v : false;
}

/** Requested quantity per product id; lines given by SKU are resolved through the product cache. */
export async function quantitiesByProduct(
  ops: Ops,
  lines: readonly QuantityLine[],
): Promise<Map<number, number>> {
  const skus = lines.filter((l) => l.productId === undefined).map((l) => l.sku ?? '');
  const bySku = skus.length ? await ops.products.resolve(skus) : new Map<string, number>();
  const out = new Map<number, number>();
  for (const l of lines) {
    const pid = l.productId ?? bySku.get(l.sku ?? '') ?? 0;
    out.set(pid, (out.get(pid) ?? 0) + l.quantity);
  }
  return out;
}

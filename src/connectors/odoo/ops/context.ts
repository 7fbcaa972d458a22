/** What every operation needs: the connection, config, version names, caches, document locks. */
import { currencyExponent, parseDecimalToMinor } from '../../../core/money.js';
import type { OdooConnection } from '../connection.js';
import { namesFor } from '../fields.js';
import type { VersionNames } from '../fields.js';
import { AdaptiveLimit, KeyedMutex, Semaphore } from '../limiter.js';
import type { OdooConfig } from '../options.js';
import type { CustomerRef, QuantityLine } from '../port.js';
import { ProductCache } from './products.js';

/** Optional modules found on the server, read once per connection. */
export interface Features {
  /**
   * stock.picking has `carrier_tracking_ref` and `carrier_id`: they come with stock_delivery (16:
   * delivery), which a distributor's Odoo may lack (calls-17.json). Without them Ferry records the
   * tracking number on the picking's chatter.
   */
  nativeTracking: boolean;
  /** The module that gives the native tracking field on this version. */
  trackingModule: 'stock_delivery' | 'delivery';
  /** Install state of that module as ir.module.module reports it (undefined when unreadable). */
  trackingModuleState?: string;
}

export interface Ops {
  conn: OdooConnection;
  cfg: OdooConfig;
  names(): Promise<VersionNames>;
  features(): Promise<Features>;
  products: ProductCache;
  mutex: KeyedMutex;
  /** Create-and-confirm batches in flight and their size, adapted to Odoo's answers (limiter.ts). */
  writes: AdaptiveLimit;
  /**
   * One `action_confirm` at a time: confirms reserve stock on the same quants, and two at once made
   * Odoo roll back and redo whole batches (SERIALIZATION_FAILURE retries: 7 per 300 orders on real 17
   * and 19, once all five tries, ODOO.md §3), while a create beside a confirm never conflicted.
   */
  confirms: Semaphore;
  /** Resolved customers by match key, with the time they were resolved. */
  customers: Map<string, { at: number; ref: CustomerRef }>;
  /**
   * Odoo's companies by id, with their names and currency codes (res.company `currency_id`), read
   * once per connection (the start-up companies check reads them first): list prices are in a
   * company's currency, and an order in another currency needs a pricelist of its company.
   */
  companies(): Promise<Map<number, OdooCompany>>;
  /**
   * Each company's currency code by company id (from `companies()`); read again (at most once a
   * minute) when one of `need` is not among them: a company made in Odoo after the first read.
   */
  companyCurrencies(need?: readonly number[]): Promise<Map<number, string>>;
}

/** An Odoo company as Ferry needs it. */
export interface OdooCompany {
  name: string;
  /** ISO code ("USD"): a currency's display name is its code. */
  currency: string | undefined;
}

async function readCompanies(conn: OdooConnection): Promise<Map<number, OdooCompany>> {
  const rows = await conn.call<{ id: number; name: string; currency_id: unknown }[]>(
    'res.company',
    'search_read',
    { domain: [], fields: ['name', 'currency_id'] },
  );
  const out = new Map<number, OdooCompany>();
  for (const r of rows) {
    const code: unknown = Array.isArray(r.currency_id) ? (r.currency_id as unknown[])[1] : undefined;
    out.set(r.id, { name: r.name, currency: typeof code === 'string' ? code : undefined });
  }
  return out;
}

async function readFeatures(conn: OdooConnection): Promise<Features> {
  const trackingModule = (await conn.version()).major <= 16 ? 'delivery' : 'stock_delivery';
  const fields = await conn.call<Record<string, unknown>>('stock.picking', 'fields_get', {
    allfields: ['carrier_tracking_ref', 'carrier_id'],
    attributes: ['type'],
  });
  let trackingModuleState: string | undefined;
  try {
    const rows = await conn.call<{ state: string }[]>('ir.module.module', 'search_read', {
      domain: [['name', '=', trackingModule]],
      fields: ['state'],
    });
    trackingModuleState = rows[0]?.state ?? 'absent';
  } catch {
    trackingModuleState = undefined; // not readable for this user: fields_get alone decides
  }
  return {
    nativeTracking: 'carrier_tracking_ref' in fields,
    trackingModule,
    ...(trackingModuleState ? { trackingModuleState } : {}),
  };
}

export function createOps(conn: OdooConnection, cfg: OdooConfig): Ops {
  let featuresP: Promise<Features> | undefined;
  let companiesP: Promise<Map<number, OdooCompany>> | undefined;
  let companiesAt = 0;
  const companies = () => {
    if (!companiesP) companiesAt = cfg.clock.now();
    companiesP ??= readCompanies(conn);
    companiesP.catch(() => (companiesP = undefined));
    return companiesP;
  };
  const ops: Ops = {
    conn,
    cfg,
    names: async () => namesFor((await conn.version()).major),
    features: () => {
      featuresP ??= readFeatures(conn);
      featuresP.catch(() => (featuresP = undefined));
      return featuresP;
    },
    products: new ProductCache(conn, cfg),
    mutex: new KeyedMutex(),
    writes: new AdaptiveLimit({ clock: cfg.clock, max: cfg.concurrency }),
    confirms: new Semaphore(1),
    customers: new Map(),
    companies,
    companyCurrencies: async (need = []) => {
      let all = await companies();
      // At most once a minute, so a company id Odoo does not have costs no read per batch.
      if (need.some((id) => !all.has(id)) && cfg.clock.now() - companiesAt >= 60_000) {
        companiesP = undefined;
        all = await companies();
      }
      return new Map([...all].flatMap(([id, c]) => (c.currency ? [[id, c.currency] as const] : [])));
    },
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

/**
 * Requested quantity per product id; lines given by SKU are resolved through the product cache.
 * A SKU that names a product in each of several companies goes to the one among `present` (the
 * products of the picking or invoice it is matched against, which are all of one company).
 */
export async function quantitiesByProduct(
  ops: Ops,
  lines: readonly QuantityLine[],
  present: readonly number[] = [],
): Promise<Map<number, number>> {
  const skus = lines.filter((l) => l.productId === undefined).map((l) => l.sku ?? '');
  const bySku = skus.length ? await ops.products.resolveAll(skus) : new Map<string, number[]>();
  const out = new Map<number, number>();
  for (const l of lines) {
    const ids = bySku.get(l.sku ?? '') ?? [];
    const pid = l.productId ?? ids.find((id) => present.includes(id)) ?? ids[0] ?? 0;
    out.set(pid, (out.get(pid) ?? 0) + l.quantity);
  }
  return out;
}

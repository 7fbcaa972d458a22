/**
 * Product resolution by SKU (default_code) or barcode, cached. The cache is refreshed by reading
 * only products whose write_date moved since the last read (archived ones included, so they leave
 * the cache), at most every `productRefreshMs`.
 */
import { FerryError } from '../../../core/errors.js';
import type { OdooConnection } from '../connection.js';
import type { OdooConfig } from '../options.js';

interface Row {
  id: number;
  default_code: string | false;
  barcode: string | false;
  active: boolean;
  write_date: string;
  /** `[id, name]`, or false for a product every company shares. */
  company_id: [number, string] | false;
}

const FIELDS = ['default_code', 'barcode', 'active', 'write_date', 'company_id'];

/** Company key of a shared product (Odoo's company_id false). */
const SHARED = 0;

/**
 * Products by key and company: a company sees its own products and the shared ones (Odoo's
 * `company_id in (false, X)`), its own first, so a SKU each company keeps as its own product
 * resolves to that company's product, never the other's.
 */
export class ProductCache {
  private readonly byKey = new Map<string, Map<number, number>>();
  private readonly keysOf = new Map<number, { keys: string[]; company: number }>();
  private lastWrite: string | undefined;
  private lastRefreshMs = 0;

  constructor(
    private readonly conn: OdooConnection,
    private readonly cfg: OdooConfig,
  ) {}

  private absorb(rows: Row[]): void {
    for (const r of rows) {
      const old = this.keysOf.get(r.id);
      for (const k of old?.keys ?? []) {
        const m = this.byKey.get(k);
        if (m?.get(old!.company) === r.id) m.delete(old!.company);
      }
      const company = Array.isArray(r.company_id) ? r.company_id[0] : SHARED;
      const keys = [r.default_code, r.barcode].filter((k): k is string => typeof k === 'string' && k !== '');
      this.keysOf.set(r.id, { keys: r.active ? keys : [], company });
      if (r.active) {
        for (const k of keys) {
          const m = this.byKey.get(k) ?? new Map<number, number>();
          m.set(company, r.id);
          this.byKey.set(k, m);
        }
      }
      if (!this.lastWrite || r.write_date > this.lastWrite) this.lastWrite = r.write_date;
    }
  }

  private pick(key: string, company: number): number | undefined {
    const m = this.byKey.get(key);
    return m?.get(company) ?? m?.get(SHARED);
  }

  private async refresh(): Promise<void> {
    const now = this.cfg.clock.now();
    if (!this.lastWrite || now - this.lastRefreshMs < this.cfg.productRefreshMs) return;
    this.lastRefreshMs = now;
    const rows = await this.conn.call<Row[]>('product.product', 'search_read', {
      domain: [['write_date', '>', this.lastWrite]],
      fields: FIELDS,
      context: { active_test: false },
    });
    this.absorb(rows);
  }

  private async load(keys: readonly string[], company: number | undefined): Promise<void> {
    await this.refresh();
    const missing = [...new Set(keys)].filter((k) =>
      company === undefined ? !this.byKey.get(k)?.size : this.pick(k, company) === undefined,
    );
    if (!missing.length) return;
    const byKey = ['|', ['default_code', 'in', missing], ['barcode', 'in', missing]];
    const rows = await this.conn.call<Row[]>('product.product', 'search_read', {
      domain:
        company === undefined
          ? byKey
          : ['&', '|', ['company_id', '=', false], ['company_id', '=', company], ...byKey],
      fields: FIELDS,
    });
    if (!this.lastRefreshMs) this.lastRefreshMs = this.cfg.clock.now();
    this.absorb(rows);
  }

  private unknown(keys: string[], company: number | undefined): FerryError {
    const where = company !== undefined && company !== this.cfg.company ? ` in Odoo company ${company}` : '';
    return new FerryError(
      'mapping_missing',
      `no active Odoo product with SKU or barcode ${keys.join(', ')}${where}`,
      {
        partner: 'odoo',
        entities: { sku: keys.join(','), ...(where ? { company } : {}) },
      },
    );
  }

  /**
   * Ids for every key among the products of `company` (default the default company) and the
   * shared ones; one search for the keys not cached; unknown keys → mapping_missing.
   */
  async resolve(keys: readonly string[], company = this.cfg.company): Promise<Map<string, number>> {
    await this.load(keys, company);
    const unknown = [...new Set(keys)].filter((k) => this.pick(k, company) === undefined);
    if (unknown.length) throw this.unknown(unknown, company);
    return new Map(keys.map((k) => [k, this.pick(k, company) as number]));
  }

  /**
   * Every active product a key names, whatever its company (a picking or invoice is matched
   * against the products on it, which are its company's); unknown keys → mapping_missing.
   */
  async resolveAll(keys: readonly string[]): Promise<Map<string, number[]>> {
    await this.load(keys, undefined);
    const unknown = [...new Set(keys)].filter((k) => !this.byKey.get(k)?.size);
    if (unknown.length) throw this.unknown(unknown, undefined);
    return new Map(keys.map((k) => [k, [...(this.byKey.get(k)?.values() ?? [])]]));
  }

  /** SKU of a cached product id, if known. */
  skuOf(id: number): string | undefined {
    return this.keysOf.get(id)?.keys[0];
  }
}

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
}

const FIELDS = ['default_code', 'barcode', 'active', 'write_date'];

export class ProductCache {
  private readonly byKey = new Map<string, number>();
  private readonly keysOf = new Map<number, string[]>();
  private lastWrite: string | undefined;
  private lastRefreshMs = 0;

  constructor(
    private readonly conn: OdooConnection,
    private readonly cfg: OdooConfig,
  ) {}

  private absorb(rows: Row[]): void {
    for (const r of rows) {
      for (const k of this.keysOf.get(r.id) ?? []) this.byKey.delete(k);
      const keys = [r.default_code, r.barcode].filter((k): k is string => typeof k === 'string' && k !== '');
      this.keysOf.set(r.id, r.active ? keys : []);
      if (r.active) for (const k of keys) this.byKey.set(k, r.id);
      if (!this.lastWrite || r.write_date > this.lastWrite) this.lastWrite = r.write_date;
    }
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

  /** Ids for every key; one search for the keys not cached; unknown keys → mapping_missing. */
  async resolve(keys: readonly string[]): Promise<Map<string, number>> {
    await this.refresh();
    const missing = [...new Set(keys)].filter((k) => !this.byKey.has(k));
    if (missing.length) {
      const rows = await this.conn.call<Row[]>('product.product', 'search_read', {
        domain: ['|', ['default_code', 'in', missing], ['barcode', 'in', missing]],
        fields: FIELDS,
      });
      if (!this.lastRefreshMs) this.lastRefreshMs = this.cfg.clock.now();
      this.absorb(rows);
    }
    const unknown = [...new Set(keys)].filter((k) => !this.byKey.has(k));
    if (unknown.length) {
      throw new FerryError(
        'mapping_missing',
        `no active Odoo product with SKU or barcode ${unknown.join(', ')}`,
        {
          partner: 'odoo',
          entities: { sku: unknown.join(',') },
        },
      );
    }
    return new Map(keys.map((k) => [k, this.byKey.get(k) as number]));
  }

  /** SKU of a cached product id, if known. */
  skuOf(id: number): string | undefined {
    return this.keysOf.get(id)?.[0];
  }
}

/**
 * Realistic order JSON in the `orders/create` shape for tests, benchmarks and the demo: N lines from
 * a catalogue, taxes (added or included), a discount code, shipping, customer and addresses, with
 * totals that add up in integer minor units.
 */
import { currencyExponent } from '../../core/money.js';
import { seededRng } from './rng.js';
import type { Rng } from './rng.js';
import { lineItem, shippingLine, sumTaxLines, totals } from './orderLines.js';
import { buyer } from './orderPeople.js';
import type { Country } from './orderPeople.js';
import type { OrderJson } from './orderTypes.js';

export interface CatalogueItem {
  sku: string;
  variantId: number;
  productId?: number;
  title: string;
  /** Unit price as Shopify sends it ("24.90"), in the order currency. */
  price: string;
  grams?: number;
}

export interface GenerateOrderOptions {
  id: number;
  catalogue: readonly CatalogueItem[];
  /** Default 3; distinct catalogue items while the catalogue has enough. */
  lines?: number;
  /** Units of every line; default 1–3 drawn per line. Totals and tax lines follow. */
  quantity?: number;
  /** Default a generator seeded with `id`. */
  rng?: Rng;
  /** Default USD. */
  currency?: string;
  /** Default false (US style); true for VAT regions. */
  taxesIncluded?: boolean;
  /** Default 0.0825. */
  taxRate?: number;
  taxTitle?: string;
  /** Percentage off every line through a discount code; default 0. */
  discountPercent?: number;
  /** Default UPS Ground at 9.90 (990 in JPY); `null` for no shipping line. */
  shipping?: { title: string; code: string; price: string } | null;
  /** Default 2026-03-01T10:00:00Z plus `id` seconds. */
  createdAt?: string;
  /** ISO 3166-1 alpha-2 of the addresses; default US. */
  country?: Country;
}

/** One order; the same options (and seed) always give the same JSON. */
/** The drawn quantity unless one is fixed (the draw still happens, so the rest of the order is unchanged). */
const unitsOf = (drawn: number, fixed: number | undefined): number => fixed ?? drawn;

export function generateOrder(options: GenerateOrderOptions): OrderJson {
  if (options.catalogue.length === 0) throw new RangeError('generateOrder needs a non-empty catalogue');
  const rng = options.rng ?? seededRng(options.id);
  const currency = options.currency ?? 'USD';
  const tax = {
    title: options.taxTitle ?? 'Sales Tax',
    rate: options.taxRate ?? 0.0825,
    included: options.taxesIncluded ?? false,
  };
  const pct = options.discountPercent ?? 0;
  const lines = pickItems(options.catalogue, options.lines ?? 3, rng).map((item, i) =>
    lineItem(options.id * 100 + i, item, unitsOf(rng.int(1, 3), options.quantity), currency, tax, pct),
  );
  const ship = options.shipping === undefined ? defaultShipping(currency) : options.shipping;
  const shipping = ship ? [shippingLine(options.id, ship, currency, tax)] : [];
  const createdAt =
    options.createdAt ?? new Date(Date.parse('2026-03-01T10:00:00Z') + options.id * 1000).toISOString();
  return {
    ...header(options.id, createdAt),
    currency,
    presentment_currency: currency,
    taxes_included: tax.included,
    note: rng.next() < 0.2 ? 'Please gift wrap' : null,
    ...totals(lines, shipping, currency, tax.included),
    ...buyer(rng, options.country ?? 'US'),
    ...discounts(pct),
    tax_lines: sumTaxLines(
      [...lines, ...shipping].flatMap((l) => l.tax_lines),
      currency,
    ),
    line_items: lines,
    shipping_lines: shipping,
  };
}

/** UPS Ground at 9.90, or 990 in currencies without minor units (JPY). */
function defaultShipping(currency: string) {
  return {
    title: 'UPS Ground',
    code: 'ups_ground',
    price: currencyExponent(currency) === 0 ? '990' : '9.90',
  };
}

function header(id: number, createdAt: string) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${1000 + id}`,
    order_number: 1000 + id,
    phone: null,
    created_at: createdAt,
    updated_at: createdAt,
    processed_at: createdAt,
    cancelled_at: null,
    cancel_reason: null,
    closed_at: null,
    tax_exempt: false,
    test: false,
    financial_status: 'paid',
    fulfillment_status: null,
    tags: '',
    source_name: 'web',
  };
}

function discounts(pct: number): Pick<OrderJson, 'discount_codes' | 'discount_applications'> {
  if (!pct) return { discount_codes: [], discount_applications: [] };
  const code = `SAVE${pct}`;
  return {
    discount_codes: [{ code, amount: '0', type: 'percentage' }],
    discount_applications: [{ type: 'discount_code', value: String(pct), value_type: 'percentage', code }],
  };
}

/** A catalogue of `n` SKUs (`SKU-00001` …) with prices between 5 and 120, for benchmarks and demos. */
export function generateCatalogue(n: number, seed = 1): CatalogueItem[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    sku: `SKU-${String(i + 1).padStart(5, '0')}`,
    variantId: 40_000_000 + i,
    productId: 80_000_000 + i,
    title: `Product ${i + 1}`,
    price: `${rng.int(5, 119)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
    grams: rng.int(50, 2000),
  }));
}

function pickItems(catalogue: readonly CatalogueItem[], n: number, rng: Rng): CatalogueItem[] {
  const pool = [...catalogue];
  const out: CatalogueItem[] = [];
  for (let i = 0; i < n; i++) {
    if (pool.length === 0) pool.push(...catalogue);
    out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  }
  return out;
}

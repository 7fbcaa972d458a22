/**
 * Realistic order JSON in the `orders/create` shape for tests, benchmarks and the demo: N lines from
 * a catalogue, taxes (added or included), a discount code, shipping, customer and addresses, with
 * totals that add up in integer minor units.
 */
import { formatMinor, parseDecimalToMinor } from '../../core/money.js';
import { seededRng } from './rng.js';
import type { Rng } from './rng.js';
import type {
  AddressJson,
  LineItemJson,
  MoneySetJson,
  OrderJson,
  ShippingLineJson,
  TaxLineJson,
} from './orderTypes.js';

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
  /** Default UPS Ground at 9.90; `null` for no shipping line. */
  shipping?: { title: string; code: string; price: string } | null;
  /** Default 2026-03-01T10:00:00Z plus `id` seconds. */
  createdAt?: string;
  /** ISO 3166-1 alpha-2 of the addresses; default US. */
  country?: 'US' | 'DE' | 'JP' | 'GB';
}

const PEOPLE = [
  ['Ada', 'Lovelace'],
  ['Grace', 'Hopper'],
  ['Alan', 'Turing'],
  ['Katherine', 'Johnson'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
] as const;

const PLACES = {
  US: { city: 'Albany', province: 'New York', province_code: 'NY', zip: '12207', country: 'United States' },
  DE: { city: 'Berlin', province: 'Berlin', province_code: 'BE', zip: '10115', country: 'Germany' },
  JP: { city: 'Tokyo', province: 'Tokyo', province_code: 'JP-13', zip: '100-0001', country: 'Japan' },
  GB: {
    city: 'London',
    province: 'England',
    province_code: 'ENG',
    zip: 'SW1A 1AA',
    country: 'United Kingdom',
  },
} as const;

/** One order; the same options (and seed) always give the same JSON. */
export function generateOrder(options: GenerateOrderOptions): OrderJson {
  if (options.catalogue.length === 0) throw new RangeError('generateOrder needs a non-empty catalogue');
  const rng = options.rng ?? seededRng(options.id);
  const currency = options.currency ?? 'USD';
  const rate = options.taxRate ?? 0.0825;
  const tax = { title: options.taxTitle ?? 'Sales Tax', rate, included: options.taxesIncluded ?? false };
  const items = pickItems(options.catalogue, options.lines ?? 3, rng);
  const lines = items.map((item, i) =>
    lineItem(options.id * 100 + i, item, rng.int(1, 3), currency, tax, options.discountPercent ?? 0),
  );
  const ship =
    options.shipping === undefined
      ? { title: 'UPS Ground', code: 'ups_ground', price: '9.90' }
      : options.shipping;
  const shipping = ship ? [shippingLine(options.id, ship, currency, tax)] : [];
  const [first, last] = rng.pick(PEOPLE);
  const address = addressFor(first, last, options.country ?? 'US', rng);
  const createdAt =
    options.createdAt ?? new Date(Date.parse('2026-03-01T10:00:00Z') + options.id * 1000).toISOString();
  return {
    id: options.id,
    admin_graphql_api_id: `gid://shopify/Order/${options.id}`,
    name: `#${1000 + options.id}`,
    order_number: 1000 + options.id,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
    phone: null,
    created_at: createdAt,
    updated_at: createdAt,
    processed_at: createdAt,
    cancelled_at: null,
    cancel_reason: null,
    closed_at: null,
    currency,
    presentment_currency: currency,
    taxes_included: tax.included,
    tax_exempt: false,
    test: false,
    financial_status: 'paid',
    fulfillment_status: null,
    note: rng.next() < 0.2 ? 'Please gift wrap' : null,
    tags: '',
    source_name: 'web',
    ...totals(lines, shipping, currency, tax.included),
    customer: {
      id: 7000 + rng.int(1, 500),
      email: `${first.toLowerCase()}@example.com`,
      first_name: first,
      last_name: last,
      phone: null,
    },
    billing_address: address,
    shipping_address: address,
    discount_codes: options.discountPercent
      ? [{ code: `SAVE${options.discountPercent}`, amount: '0', type: 'percentage' }]
      : [],
    discount_applications: options.discountPercent
      ? [
          {
            type: 'discount_code',
            value: String(options.discountPercent),
            value_type: 'percentage',
            code: `SAVE${options.discountPercent}`,
          },
        ]
      : [],
    tax_lines: sumTaxLines(
      [...lines.flatMap((l) => l.tax_lines), ...shipping.flatMap((s) => s.tax_lines)],
      currency,
    ),
    line_items: lines,
    shipping_lines: shipping,
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

type TaxSpec = { title: string; rate: number; included: boolean };

function lineItem(
  id: number,
  item: CatalogueItem,
  qty: number,
  currency: string,
  tax: TaxSpec,
  pct: number,
): LineItemJson {
  const unit = parseDecimalToMinor(item.price, currency);
  const discount = Math.round((unit * qty * pct) / 100);
  const net = unit * qty - discount;
  const discounts =
    discount > 0
      ? [
          {
            amount: fmt(discount, currency),
            amount_set: set(discount, currency),
            discount_application_index: 0,
          },
        ]
      : [];
  return {
    id,
    admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
    variant_id: item.variantId,
    product_id: item.productId ?? null,
    sku: item.sku,
    name: item.title,
    title: item.title,
    variant_title: null,
    quantity: qty,
    current_quantity: qty,
    fulfillable_quantity: qty,
    fulfillment_status: null,
    price: item.price,
    price_set: set(unit, currency),
    total_discount: '0.00',
    taxable: true,
    requires_shipping: true,
    grams: item.grams ?? 500,
    tax_lines: [taxLine(net, currency, tax)],
    discount_allocations: discounts,
  };
}

function shippingLine(
  id: number,
  s: { title: string; code: string; price: string },
  currency: string,
  tax: TaxSpec,
): ShippingLineJson {
  const price = parseDecimalToMinor(s.price, currency);
  return {
    id: 9_000_000 + id,
    title: s.title,
    code: s.code,
    source: 'shopify',
    price: s.price,
    price_set: set(price, currency),
    discounted_price: s.price,
    tax_lines: [taxLine(price, currency, tax)],
    discount_allocations: [],
    is_removed: false,
  };
}

function taxLine(netMinor: number, currency: string, tax: TaxSpec): TaxLineJson {
  // Included: the tax inside a gross amount is net − net/(1+rate) (VAT arithmetic).
  const amount = tax.included
    ? Math.round(netMinor - netMinor / (1 + tax.rate))
    : Math.round(netMinor * tax.rate);
  return {
    title: tax.title,
    rate: tax.rate,
    price: fmt(amount, currency),
    price_set: set(amount, currency),
    channel_liable: false,
  };
}

function sumTaxLines(lines: readonly TaxLineJson[], currency: string): TaxLineJson[] {
  if (lines.length === 0) return [];
  const total = lines.reduce((s, t) => s + parseDecimalToMinor(t.price, currency), 0);
  return [{ ...lines[0]!, price: fmt(total, currency), price_set: set(total, currency) }];
}

function totals(
  lines: readonly LineItemJson[],
  shipping: readonly ShippingLineJson[],
  currency: string,
  included: boolean,
) {
  const m = (s: string) => parseDecimalToMinor(s, currency);
  const gross = lines.reduce((s, l) => s + m(l.price) * l.quantity, 0);
  const discounts = lines.reduce(
    (s, l) => s + l.discount_allocations.reduce((d, a) => d + m(a.amount), 0),
    0,
  );
  const ship = shipping.reduce((s, l) => s + m(l.price), 0);
  const tax = [...lines, ...shipping].reduce(
    (s, l) => s + l.tax_lines.reduce((t, x) => t + m(x.price), 0),
    0,
  );
  const total = gross - discounts + ship + (included ? 0 : tax);
  return {
    subtotal_price: fmt(gross - discounts, currency),
    total_price: fmt(total, currency),
    total_tax: fmt(tax, currency),
    total_discounts: fmt(discounts, currency),
    total_line_items_price: fmt(gross, currency),
    total_shipping_price_set: set(ship, currency),
  };
}

function addressFor(first: string, last: string, country: keyof typeof PLACES, rng: Rng): AddressJson {
  const place = PLACES[country];
  return {
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    company: rng.next() < 0.15 ? `${last} Trading` : null,
    address1: `${rng.int(1, 999)} Main Street`,
    address2: null,
    ...place,
    country_code: country,
    phone: null,
  };
}

function fmt(minor: number, currency: string): string {
  return formatMinor(minor, currency);
}

function set(minor: number, currency: string): MoneySetJson {
  const amount = fmt(minor, currency);
  return {
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  };
}

/**
 * The real Odoo of the orders-live benchmark: reached through FERRY_ODOO_LIVE_* only, seeded with
 * a tagged catalogue in stock, its customers put there beforehand (steady state), the ceiling
 * (the same orders created and confirmed directly in batches of 20) and the read back that counts
 * duplicates and missing orders by `client_order_ref`.
 */
import { createOdooClient, namesFor, type OdooClient } from '../../src/connectors/odoo/index.js';
import type { CustomerRef } from '../../src/connectors/odoo/index.js';
import { mapShopifyOrder } from '../../src/connectors/shopify/index.js';
import { minorToMajorNumber } from '../../src/core/money.js';
import type { Order } from '../../src/core/model.js';
import { generateCatalogue, type CatalogueItem } from '../../src/sandbox/shopify/index.js';

export const LIVE_VARS = [
  'FERRY_ODOO_LIVE_URL',
  'FERRY_ODOO_LIVE_DB',
  'FERRY_ODOO_LIVE_LOGIN',
  'FERRY_ODOO_LIVE_KEY',
] as const;

export interface LiveOdoo {
  url: string;
  db: string;
  login: string;
  key: string;
}

/** The live Odoo from the environment, or the names of the variables that are missing. */
export function liveOdooFromEnv(env: Record<string, string | undefined>): LiveOdoo | { missing: string[] } {
  const missing = LIVE_VARS.filter((v) => !env[v]);
  if (missing.length) return { missing };
  return {
    url: env.FERRY_ODOO_LIVE_URL!,
    db: env.FERRY_ODOO_LIVE_DB!,
    login: env.FERRY_ODOO_LIVE_LOGIN!,
    key: env.FERRY_ODOO_LIVE_KEY!,
  };
}

export function benchClient(live: LiveOdoo, concurrency = 4): OdooClient {
  return createOdooClient({ url: live.url, db: live.db, login: live.login, apiKey: live.key, concurrency });
}

export interface Seeded {
  version: number;
  versionText: string;
  catalogue: CatalogueItem[];
  productIds: Map<string, number>;
  taxId: number;
  /** The tax's rate as a decimal (0.15). */
  taxRate: number;
}

/** `n` storable products tagged `tag`, `stock` units each in the main warehouse's stock location. */
export async function seedCatalogue(
  client: OdooClient,
  tag: string,
  n: number,
  stock: number,
): Promise<Seeded> {
  const conn = client.connection;
  const { version, versionText } = await client.describe();
  const names = namesFor(version);
  const [company] = await conn.call<{ account_sale_tax_id: [number, string] | false }[]>(
    'res.company',
    'read',
    {
      ids: [1],
      fields: ['account_sale_tax_id'],
    },
  );
  const taxId = company?.account_sale_tax_id ? company.account_sale_tax_id[0] : undefined;
  if (taxId === undefined)
    throw new Error('the Odoo company has no default sales tax to book the orders with');
  const [tax] = await conn.call<{ amount: number; amount_type: string }[]>('account.tax', 'read', {
    ids: [taxId],
    fields: ['amount', 'amount_type'],
  });
  if (tax?.amount_type !== 'percent') throw new Error(`sales tax ${taxId} is not a percentage`);
  const catalogue = generateCatalogue(n, 7).map((c, i) => ({
    ...c,
    sku: `${tag}-${String(i + 1).padStart(3, '0')}`,
    title: `${tag} product ${i + 1}`,
  }));
  const ids = await conn.call<number[]>('product.product', 'create', {
    vals_list: catalogue.map((c) => ({
      name: c.title,
      default_code: c.sku,
      list_price: Number(c.price),
      invoice_policy: 'delivery',
      ...names.storableProduct,
    })),
  });
  const [wh] = await conn.call<{ lot_stock_id: [number, string] }[]>('stock.warehouse', 'search_read', {
    domain: [['company_id', '=', 1]],
    fields: ['lot_stock_id'],
    limit: 1,
  });
  if (!wh) throw new Error('the Odoo company has no warehouse');
  const context = { inventory_mode: true };
  const quants = await conn.call<number[]>('stock.quant', 'create', {
    vals_list: ids.map((id) => ({
      product_id: id,
      location_id: wh.lot_stock_id[0],
      inventory_quantity: stock,
    })),
    context,
  });
  await conn.call('stock.quant', 'action_apply_inventory', { ids: quants, context });
  return {
    version,
    versionText,
    catalogue,
    productIds: new Map(catalogue.map((c, i) => [c.sku, ids[i]!])),
    taxId,
    taxRate: tax.amount / 100,
  };
}

/** The canonical orders Ferry makes of the shop's orders (same mapping as the intake). */
export function canonical(json: unknown, channel: string): Order {
  return mapShopifyOrder(json, { channel });
}

/** Finds or creates every order's customer the way Ferry does, `parallel` at a time. */
export async function putCustomers(
  client: OdooClient,
  orders: Order[],
  parallel = 4,
): Promise<CustomerRef[]> {
  const out: CustomerRef[] = new Array<CustomerRef>(orders.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < orders.length) {
        const i = next++;
        const o = orders[i]!;
        out[i] = await client.findOrCreateCustomer(o.customer, o.channel);
      }
    }),
  );
  return out;
}

/** sale.order values as Ferry books them (orderVals), with the ceiling's own reference. */
function ceilingVals(o: Order, c: CustomerRef, s: Seeded, ref: string): Record<string, unknown> {
  const taxField = namesFor(s.version).saleLineTaxes;
  return {
    partner_id: c.partnerId,
    partner_invoice_id: c.invoiceAddressId,
    partner_shipping_id: c.deliveryAddressId,
    client_order_ref: ref,
    origin: o.channelOrderName ?? o.channelOrderId,
    company_id: 1,
    order_line: o.lines.map((l) => [
      0,
      0,
      {
        product_id: s.productIds.get(l.sku!),
        product_uom_qty: l.quantity,
        price_unit: minorToMajorNumber(l.unitPrice.amountMinor, l.unitPrice.currency),
        discount: 0,
        name: l.title,
        [taxField]: [[6, 0, [s.taxId]]],
      },
    ]),
  };
}

export interface CeilingRun {
  orders: number;
  seconds: number;
  roundTrips: number;
}

/** Creates and confirms `orders` directly, `batch` per create and per action_confirm, one batch at a time. */
export async function runCeiling(
  client: OdooClient,
  orders: { order: Order; customer: CustomerRef; ref: string }[],
  s: Seeded,
  batch = 20,
): Promise<CeilingRun> {
  const conn = client.connection;
  const trips0 = conn.trips.total;
  const t0 = performance.now();
  for (let i = 0; i < orders.length; i += batch) {
    const part = orders.slice(i, i + batch);
    // The same per-call timeout as Ferry's batches get, so a loaded server fails neither side.
    const timeoutMs = conn.timeoutFor(part.length);
    const ids = await conn.call<number[]>(
      'sale.order',
      'create',
      { vals_list: part.map((p) => ceilingVals(p.order, p.customer, s, p.ref)) },
      { timeoutMs },
    );
    await conn.call('sale.order', 'action_confirm', { ids }, { timeoutMs });
  }
  return {
    orders: orders.length,
    seconds: (performance.now() - t0) / 1000,
    roundTrips: conn.trips.total - trips0,
  };
}

/** Duplicates (extra orders per reference) and missing (no confirmed order) among `refs`. */
export async function readBack(
  client: OdooClient,
  refs: string[],
): Promise<{ duplicates: number; missing: number }> {
  const rows = await client.connection.call<{ client_order_ref: string; state: string }[]>(
    'sale.order',
    'search_read',
    {
      domain: [['client_order_ref', 'in', refs]],
      fields: ['client_order_ref', 'state'],
    },
  );
  const count = new Map<string, number>();
  const confirmed = new Set<string>();
  for (const r of rows) {
    count.set(r.client_order_ref, (count.get(r.client_order_ref) ?? 0) + 1);
    if (r.state === 'sale' || r.state === 'done') confirmed.add(r.client_order_ref);
  }
  let duplicates = 0;
  for (const n of count.values()) duplicates += n - 1;
  return { duplicates, missing: refs.filter((r) => !confirmed.has(r)).length };
}

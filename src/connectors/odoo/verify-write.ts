/**
 * `verify --write`: every operation once on records tagged with a recognisable test tag:
 * customer, storable product with stock, order, confirm, partial delivery with backorder,
 * invoice, return, credit note, cancel. Each step reports its outcome and round trips.
 */
import { Order } from '../../core/model.js';
import type { OdooClient } from './client.js';
import { namesFor } from './fields.js';
import type { VerifyCheck } from './verify.js';
import { runCheck } from './verify.js';

interface State {
  productId?: number;
  partnerId?: number;
  orderId?: number;
  pickingId?: number;
  backorderIds?: number[];
  invoiceId?: number;
}

export interface WriteGuard {
  /** The configured environment (ferry.config.yaml `environment`), when known. */
  environment?: 'sandbox' | 'production';
  /** Run even where the database looks like production. */
  allowProduction?: boolean;
}

/** Customer partners made by earlier verify runs carry this ref prefix. */
const VERIFY_REF = 'verify:';

/**
 * Refuses to write test records into what looks like a production database: a configured
 * production environment, or posted customer invoices of customers other than verify's own.
 */
export async function productionGuard(c: OdooClient, g: WriteGuard): Promise<string> {
  if (g.allowProduction) return 'skipped (--allow-production)';
  if (g.environment === 'production')
    throw new Error(
      'the configuration says environment: production; verify --write creates test orders, invoices and ' +
        'stock moves: run it against a copy of the database, or pass --allow-production',
    );
  const ours = await c.connection.call<number[]>('res.partner', 'search', {
    domain: [['ref', '=like', `${VERIFY_REF}%`]],
    context: { active_test: false }, // earlier runs archive their customer
  });
  const posted = await c.connection.call<number>('account.move', 'search_count', {
    domain: [
      ['move_type', 'in', ['out_invoice', 'out_refund']],
      ['state', '=', 'posted'],
      ['partner_id', 'not in', ours],
    ],
  });
  if (posted > 0)
    throw new Error(
      `this database looks like production (${posted} posted customer invoices not made by verify); ` +
        'verify --write creates test orders, invoices and stock moves: run it against a copy, or pass --allow-production',
    );
  return 'no posted customer invoices besides verify records';
}

/** The default company's currency (its list prices' and the test orders'), as Odoo keeps it. */
async function companyCurrency(c: OdooClient): Promise<string> {
  return (await c.companies()).get(c.connection.cfg.company)?.currency ?? 'USD';
}

function testOrder(tag: string, n: number, currency: string): Order {
  return Order.parse({
    channel: 'verify',
    channelOrderId: `${tag}-${n}`,
    currency,
    taxesIncluded: false,
    customer: {
      channelCustomerId: tag,
      name: `${tag} customer`,
      email: `${tag.toLowerCase()}@example.invalid`,
    },
    lines: [
      {
        lineId: '1',
        sku: tag,
        quantity: 3,
        unitPrice: { amountMinor: 1000, currency },
        discount: { amountMinor: 0, currency },
      },
    ],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
}

/**
 * Storable products (12.50 or `price`, invoiced on delivery) with `qty` on hand in the first
 * warehouse's stock location, counted in inventory mode (ODOO.md §2 steps 2–5); ids in SKU order.
 */
export async function storableProductsWithStock(
  c: OdooClient,
  skus: readonly string[],
  qty: number,
  price = 10,
): Promise<number[]> {
  const names = namesFor((await c.connection.version()).major);
  const ids = await c.connection.call<number[]>('product.product', 'create', {
    vals_list: skus.map((sku) => ({
      name: `${sku} product`,
      default_code: sku,
      list_price: price,
      invoice_policy: 'delivery',
      ...names.storableProduct,
    })),
  });
  const [wh] = await c.connection.call<{ lot_stock_id: [number, string] }[]>(
    'stock.warehouse',
    'search_read',
    {
      domain: [],
      fields: ['lot_stock_id'],
      limit: 1,
    },
  );
  const context = { inventory_mode: true };
  const quants = await c.connection.call<number[]>('stock.quant', 'create', {
    vals_list: ids.map((id) => ({
      product_id: id,
      location_id: wh?.lot_stock_id[0],
      inventory_quantity: qty,
    })),
    context,
  });
  await c.connection.call('stock.quant', 'action_apply_inventory', { ids: quants, context });
  return ids;
}

export async function writeChecks(c: OdooClient, tag: string): Promise<VerifyCheck[]> {
  const s: State = {};
  let currency = 'USD';
  const steps: [string, () => Promise<string>][] = [
    [
      'write: customer',
      async () =>
        `partner ${(s.partnerId = (await c.findOrCreateCustomer(testOrder(tag, 1, currency).customer, 'verify')).partnerId)}`,
    ],
    [
      'write: storable product with stock',
      async () =>
        `product ${(s.productId = (await storableProductsWithStock(c, [tag], 10))[0])} with 10 on hand`,
    ],
    [
      'write: order create + confirm',
      async () => {
        // In the default company's currency, which needs no pricelist (README "Currencies").
        currency = await companyCurrency(c);
        const o = await c.createAndConfirmOrder(testOrder(tag, 1, currency));
        s.orderId = o.odooId;
        return `sale.order ${o.odooId} ${o.state}`;
      },
    ],
    [
      'write: partial delivery with backorder',
      async () => {
        const [p] = await c.readPickings(s.orderId as number);
        s.pickingId = p?.id;
        const v = await c.validatePicking({
          pickingId: p?.id as number,
          lines: [{ productId: s.productId, quantity: 2 }],
          trackingRef: tag,
          backorder: 'create',
        });
        s.backorderIds = v.backorderIds;
        return `picking ${v.pickingId} ${v.state}, backorders ${v.backorderIds.join(',')}`;
      },
    ],
    [
      'write: invoice',
      async () => {
        const inv = await c.invoiceOrder(s.orderId as number);
        s.invoiceId = inv.posted[0]?.id;
        return inv.posted.map((p) => `${p.name} ${p.amountTotalMinor}`).join(', ') || 'nothing to invoice';
      },
    ],
    [
      'write: return',
      async () => {
        const r = await c.returnPicking({
          pickingId: s.pickingId as number,
          key: tag,
          refund: true,
          lines: [{ productId: s.productId, quantity: 1 }],
        });
        return `return picking ${r.returnPickingId} ${r.state}`;
      },
    ],
    [
      'write: credit note',
      async () => {
        const cn = await c.createCreditNote({
          invoiceId: s.invoiceId as number,
          key: tag,
          reason: 'verify',
          lines: [{ productId: s.productId, quantity: 1 }],
        });
        return `${cn.name} ${cn.state} ${cn.amountTotalMinor}`;
      },
    ],
    [
      'write: cancel',
      async () => {
        const o = await c.createAndConfirmOrder(testOrder(tag, 2, currency));
        const r = await c.cancelOrder(o.odooId);
        return `sale.order ${o.odooId} cancelled with pickings ${r.cancelledPickingIds.join(',')}`;
      },
    ],
  ];
  const out: VerifyCheck[] = [];
  for (const [name, fn] of steps) {
    const check = await runCheck(c, name, fn);
    out.push(check);
    if (!check.ok) break; // later steps depend on earlier ones
  }
  out.push(await runCheck(c, 'cleanup', () => cleanup(c, tag, s)));
  return out;
}

/**
 * Undoes what can be undone: the open backorder is cancelled, the rest of the invoice credited,
 * the test product and customer archived. Done stock moves and posted entries stay (Odoo keeps
 * them by design); the detail lists them so nobody has to guess.
 */
async function cleanup(c: OdooClient, tag: string, s: State): Promise<string> {
  const done: string[] = [];
  const left: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      done.push(what);
    } catch (e) {
      left.push(`${what} (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  for (const id of s.backorderIds ?? [])
    await attempt(`cancelled backorder ${id}`, () => c.cancelPicking(id));
  if (s.invoiceId !== undefined && s.productId !== undefined) {
    const invoiceId = s.invoiceId;
    const productId = s.productId;
    await attempt(`credited the rest of invoice ${invoiceId}`, () =>
      c.createCreditNote({
        invoiceId,
        key: `${tag}-cleanup`,
        reason: 'verify cleanup',
        lines: [{ productId, quantity: 1 }],
      }),
    );
  }
  if (s.productId !== undefined) {
    const ids = [s.productId];
    await attempt(`archived product ${tag}`, () =>
      c.connection.call('product.product', 'write', { ids, vals: { active: false } }),
    );
  }
  if (s.partnerId !== undefined) {
    const ids = [s.partnerId];
    await attempt(`archived customer ${tag}`, () =>
      c.connection.call('res.partner', 'write', { ids, vals: { active: false } }),
    );
  }
  if (s.orderId !== undefined)
    left.push(`sale order ${s.orderId} with its done delivery, return and posted entries (Odoo keeps them)`);
  return `${done.join('; ') || 'nothing to undo'}; left: ${left.join('; ') || 'nothing'}`;
}

/**
 * sale.order and sale.order.line: amounts, delivered / invoiced quantities computed from stock
 * moves and invoice lines, confirmation (picking + reservation) and cancellation.
 */
import { confirmNotDraft, userError } from '../messages.js';
import { roundTo, since } from '../schema.js';
import type { MethodDef, ModelDef } from '../schema.js';
import { ExceptionName, SimError, str } from '../types.js';
import type { Env, Rec } from '../types.js';
import { globalAmounts, lineAmounts, rawLineAmounts, sumAmounts } from './amounts.js';
import type { LineAmounts } from './amounts.js';
import { checkLineCompany, checkOrderCompany } from './companies.js';
import { createDelivery, refuseBelowDelivered, syncLineMoves } from './sale-stock.js';
import { cancelPickings } from './stock-validate.js';

/** The line's tax field: `tax_id` up to 18, `tax_ids` from 19 (Odoo 19 renamed it). */
export function lineTaxField(env: Env): 'tax_id' | 'tax_ids' {
  return env.version >= 19 ? 'tax_ids' : 'tax_id';
}

export function saleLineAmounts(env: Env, line: Rec): LineAmounts {
  const taxes = (line[lineTaxField(env)] as number[] | undefined) ?? [];
  return lineAmounts(
    env,
    Number(line.price_unit),
    Number(line.product_uom_qty),
    Number(line.discount) || 0,
    taxes,
  );
}

function usage(env: Env, locationId: unknown): unknown {
  return env.db.get('stock.location', locationId as number)?.usage;
}

export function qtyDelivered(env: Env, line: Rec): number {
  let qty = 0;
  for (const m of env.db.where('stock.move', (r) => r.sale_line_id === line.id && r.state === 'done')) {
    if (usage(env, m.location_dest_id) === 'customer') qty += Number(m.product_uom_qty);
    else if (usage(env, m.location_id) === 'customer' && m.to_refund === true)
      qty -= Number(m.product_uom_qty);
  }
  return qty;
}

export function qtyInvoiced(env: Env, line: Rec): number {
  let qty = 0;
  for (const l of env.db.where('account.move.line', (r) =>
    ((r.sale_line_ids as number[]) ?? []).includes(line.id),
  )) {
    const move = env.db.get('account.move', l.move_id as number);
    if (!move || move.state === 'cancel') continue;
    qty += move.move_type === 'out_refund' ? -Number(l.quantity) : Number(l.quantity);
  }
  return qty;
}

export function qtyToInvoice(env: Env, line: Rec): number {
  const order = env.db.get('sale.order', line.order_id as number);
  if (!order || (order.state !== 'sale' && order.state !== 'done')) return 0;
  const product = env.db.get('product.product', line.product_id as number);
  const basis =
    product?.invoice_policy === 'delivery' ? qtyDelivered(env, line) : Number(line.product_uom_qty);
  return basis - qtyInvoiced(env, line);
}

function orderLines(env: Env, order: Rec): Rec[] {
  return env.db.where('sale.order.line', (l) => l.order_id === order.id);
}

function invoiceStatus(env: Env, order: Rec): string {
  if (order.state !== 'sale' && order.state !== 'done') return 'no';
  const lines = orderLines(env, order);
  if (lines.some((l) => qtyToInvoice(env, l) !== 0)) return 'to invoice';
  // "invoiced" only when every line is invoiced up to its ordered quantity; a partly delivered and
  // invoiced order with nothing to invoice now is "no" (sale_order_line._compute_invoice_status;
  // flow-18/19.json after invoicing 2 of 3 units).
  return lines.every((l) => qtyInvoiced(env, l) >= Number(l.product_uom_qty)) ? 'invoiced' : 'no';
}

function invoiceIds(env: Env, order: Rec): number[] {
  const lineIds = new Set(orderLines(env, order).map((l) => l.id));
  const ids = new Set<number>();
  for (const l of env.db.all('account.move.line')) {
    if (((l.sale_line_ids as number[]) ?? []).some((id) => lineIds.has(id))) ids.add(l.move_id as number);
  }
  return [...ids].sort((a, b) => a - b);
}

function orderAmounts(env: Env, order: Rec): LineAmounts {
  const company = env.db.get('res.company', Number(order.company_id));
  if (company?.tax_calculation_rounding_method === 'round_globally') {
    return globalAmounts(
      env,
      orderLines(env, order).map((l) =>
        rawLineAmounts(
          env,
          Number(l.price_unit),
          Number(l.product_uom_qty),
          Number(l.discount) || 0,
          (l[lineTaxField(env)] as number[] | undefined) ?? [],
        ),
      ),
    );
  }
  return sumAmounts(orderLines(env, order).map((l) => saleLineAmounts(env, l)));
}

/**
 * Odoo stores price_unit and discount to the database's decimal precision ("Product Price" and
 * "Discount", 2 digits by default), so a value with more decimals is rounded on write.
 */
function roundLinePrecision(vals: Record<string, unknown>): void {
  if (typeof vals.price_unit === 'number') vals.price_unit = roundTo(vals.price_unit, 2);
  if (typeof vals.discount === 'number') vals.discount = roundTo(vals.discount, 2);
}

function confirmOrders(env: Env, ids: number[]): true {
  const orders = ids.map((id) => env.db.get('sale.order', id)).filter((o): o is Rec => o !== undefined);
  const wrong = orders.filter((o) => o.state !== 'draft' && o.state !== 'sent');
  if (wrong.length)
    throw confirmNotDraft(
      env.version,
      wrong.map((o) => String(o.name)),
    );
  for (const order of orders) {
    env.db.update('sale.order', order.id, { state: 'sale' });
    const lines = orderLines(env, order).filter((l) => {
      const p = env.db.get('product.product', l.product_id as number);
      return p && p.type !== 'service' && l.is_delivery !== true;
    });
    if (!lines.length) continue;
    createDelivery(
      env,
      order,
      lines.map((l) => ({
        productId: l.product_id as number,
        qty: Number(l.product_uom_qty),
        saleLineId: l.id,
      })),
    );
  }
  return true;
}

/**
 * Concurrent confirms of one order: one wins; 17/18 fail the others with a misleading
 * ValidationError about followers, 19 with the expected UserError (ODOO.md §3).
 */
async function confirmGuard(env: Env, ids: number[]): Promise<() => void> {
  const orders = ids.map((id) => env.db.get('sale.order', id)).filter((o): o is Rec => o !== undefined);
  if (orders.some((o) => o._confirming === true)) {
    if (env.version >= 19)
      throw confirmNotDraft(
        env.version,
        orders.map((o) => String(o.name)),
      );
    throw new SimError(
      ExceptionName.validationError,
      'The operation cannot be completed: Error, a partner cannot follow twice the same object.',
    );
  }
  for (const o of orders) o._confirming = true;
  await env.pause();
  return () => {
    for (const o of orders) delete o._confirming;
  };
}

/** Cancels open pickings and draft invoices; done pickings and posted invoices stay (Odoo's own rule). */
function cancelOrders(env: Env, ids: number[]): unknown {
  const orders = ids.map((id) => env.db.get('sale.order', id)).filter((o): o is Rec => o !== undefined);
  if (env.ctx.disable_cancel_warning !== true && orders.some((o) => o.state === 'sale')) {
    return {
      name: 'Cancel Sales Order',
      type: 'ir.actions.act_window',
      view_mode: 'form',
      res_model: 'sale.order.cancel',
      target: 'new',
      context: { default_order_id: orders[0]?.id },
    };
  }
  for (const order of orders) {
    const open = env.db.where('stock.picking', (p) => p.sale_id === order.id && p.state !== 'done');
    cancelPickings(
      env,
      open.map((p) => p.id),
    );
    for (const invId of invoiceIds(env, order)) {
      const inv = env.db.get('account.move', invId);
      if (inv?.state === 'draft') env.db.update('account.move', invId, { state: 'cancel' });
    }
    env.db.update('sale.order', order.id, { state: 'cancel' });
  }
  return true;
}

const saleMethods: Record<string, MethodDef> = {
  action_confirm: { params: [], access: 'write', run: confirmOrders, guard: confirmGuard },
  action_cancel: { params: [], access: 'write', run: cancelOrders },
  action_draft: {
    params: [],
    access: 'write',
    run: (env, ids) => {
      for (const id of ids)
        if (env.db.get('sale.order', id)?.state === 'cancel')
          env.db.update('sale.order', id, { state: 'draft' });
      return true;
    },
  },
};

const m2o = (comodel: string, label?: string) => ({ type: 'm2o', comodel, label }) as const;
const amount = (pick: (a: LineAmounts) => number) =>
  ({ type: 'float', compute: (env: Env, r: Rec) => pick(orderAmounts(env, r)) }) as const;

const order: ModelDef = {
  name: 'sale.order',
  label: 'Sales Order',
  app: 'sale',
  order: 'date_order desc, id desc',
  fields: {
    name: { type: 'char' },
    partner_id: { type: 'm2o', comodel: 'res.partner', label: 'Customer', required: true },
    partner_invoice_id: m2o('res.partner'),
    partner_shipping_id: m2o('res.partner'),
    client_order_ref: { type: 'char' },
    origin: { type: 'char' },
    state: { type: 'selection', selection: ['draft', 'sent', 'sale', 'done', 'cancel'], default: 'draft' },
    order_line: { type: 'o2m', comodel: 'sale.order.line', inverse: 'order_id' },
    picking_ids: { type: 'o2m', comodel: 'stock.picking', inverse: 'sale_id' },
    invoice_ids: { type: 'm2m', comodel: 'account.move', compute: invoiceIds },
    invoice_status: { type: 'selection', compute: invoiceStatus },
    amount_untaxed: amount((a) => a.subtotal),
    amount_tax: amount((a) => a.tax),
    amount_total: amount((a) => a.total),
    pricelist_id: m2o('product.pricelist'),
    currency_id: m2o('res.currency'),
    warehouse_id: m2o('stock.warehouse'),
    company_id: m2o('res.company'),
    payment_term_id: m2o('account.payment.term'),
    // "Invoicing Journal" came with 17; 16's invoices always take the company's first sale journal.
    journal_id: { type: 'm2o', comodel: 'account.journal', versions: since(17) },
    note: { type: 'text' },
    date_order: { type: 'datetime' },
  },
  prepare: (env, vals) => {
    // sale.order.create takes its name from the sequence before the records are made (so its lines
    // already see it); a standard sequence is not rolled back when the create then fails.
    vals.name ??= `S${String(env.db.nextSeq('sale.order')).padStart(5, '0')}`;
    vals.partner_invoice_id ??= vals.partner_id;
    vals.partner_shipping_id ??= vals.partner_id;
    vals.company_id ??= env.db.settings.companyId;
    const company = env.db.get('res.company', Number(vals.company_id));
    if (vals.warehouse_id === undefined) {
      // sale_stock: the company's first warehouse; a company without one is refused when stock is installed.
      const all = env.db.all('stock.warehouse');
      const own = all.find((w) => w.company_id === vals.company_id);
      if (!own && all.length) throw userError(`Please create a warehouse for company ${str(company?.name)}.`);
      vals.warehouse_id = own?.id ?? false;
    }
    const pricelist = env.db.get('product.pricelist', Number(vals.pricelist_id));
    vals.currency_id ??= pricelist?.currency_id ?? company?.currency_id ?? false;
  },
  afterCreate: (env, rec) => {
    env.db.update('sale.order', rec.id, { date_order: rec.create_date });
    checkOrderCompany(env, rec.id);
  },
  afterWrite: (env, recs) => {
    for (const r of recs) checkOrderCompany(env, r.id);
  },
  beforeUnlink: (_env, recs) => {
    if (recs.some((r) => r.state !== 'draft' && r.state !== 'cancel')) {
      throw userError(
        'You can not delete a sent quotation or a confirmed sales order. You must first cancel it.',
      );
    }
  },
  methods: saleMethods,
};

const line: ModelDef = {
  name: 'sale.order.line',
  label: 'Sales Order Line',
  app: 'sale',
  fields: {
    order_id: { type: 'm2o', comodel: 'sale.order', label: 'Order Reference', required: true },
    product_id: m2o('product.product', 'Product'),
    name: { type: 'text' },
    product_uom_qty: { type: 'float', default: 1 },
    price_unit: { type: 'float' },
    discount: { type: 'float', default: 0 },
    tax_id: { type: 'm2m', comodel: 'account.tax', versions: since(16, 18) },
    tax_ids: { type: 'm2m', comodel: 'account.tax', versions: since(19) },
    is_delivery: { type: 'bool' },
    price_subtotal: { type: 'float', compute: (env, r) => saleLineAmounts(env, r).subtotal },
    price_total: { type: 'float', compute: (env, r) => saleLineAmounts(env, r).total },
    qty_delivered: { type: 'float', compute: qtyDelivered },
    qty_invoiced: { type: 'float', compute: qtyInvoiced },
    qty_to_invoice: { type: 'float', compute: qtyToInvoice },
  },
  beforeWrite: (env, recs, vals) => {
    roundLinePrecision(vals);
    refuseBelowDelivered(env, recs, vals);
  },
  afterCreate: (env, rec) => checkLineCompany(env, [rec]),
  afterWrite: (env, recs, vals) => {
    checkLineCompany(env, recs);
    if (vals.product_uom_qty === undefined) return;
    for (const r of recs) {
      const now = env.db.get('sale.order.line', r.id);
      if (now) syncLineMoves(env, now);
    }
  },
  prepare: (env, vals) => {
    roundLinePrecision(vals);
    const product = env.db.get('product.product', Number(vals.product_id));
    if (!product) return;
    vals.price_unit ??= product.list_price;
    vals.name ??= String(product.name);
    // The product's default taxes of the order's company only (sale.order.line._compute_tax_id).
    const company = env.db.get('sale.order', Number(vals.order_id))?.company_id;
    vals[lineTaxField(env)] ??= ((product.taxes_id as number[]) ?? []).filter(
      (t) => env.db.get('account.tax', t)?.company_id === company,
    );
  },
};

const cancelWizard: ModelDef = {
  name: 'sale.order.cancel',
  label: 'Sales Order Cancel',
  app: 'sale',
  fields: { order_id: m2o('sale.order') },
  prepare: (env, vals) => {
    vals.order_id ??= env.ctx.default_order_id ?? false;
  },
  methods: {
    action_cancel: {
      params: [],
      access: 'write',
      run: (env, ids) => {
        const orderIds = ids
          .map((id) => env.db.get('sale.order.cancel', id)?.order_id as number)
          .filter(Boolean);
        return cancelOrders({ ...env, ctx: { ...env.ctx, disable_cancel_warning: true } }, orderIds);
      },
    },
  },
};

export const saleModels: readonly ModelDef[] = [order, line, cancelWizard];

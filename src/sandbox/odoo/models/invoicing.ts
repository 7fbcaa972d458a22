/**
 * The public invoicing paths: sale.advance.payment.inv (invoice delivered quantities) and
 * account.move.reversal (credit notes). `sale.order._create_invoices` is private and refused
 * (ODOO.md §2 steps 13, 13', 16).
 */
import { NOTHING_TO_INVOICE, userError } from '../messages.js';
import { since } from '../schema.js';
import type { ModelDef } from '../schema.js';
import type { Env, Rec } from '../types.js';
import { assignName, moveLines } from './account.js';
import { checkCompany, invoiceJournal } from './companies.js';
import { lineTaxField, qtyToInvoice } from './sale.js';

function invoiceAction(env: Env, ids: number[], order: Rec | undefined): Record<string, unknown> {
  const domain =
    env.version <= 17
      ? "[('move_type', '=', 'out_invoice')]"
      : env.version === 18
        ? "[('move_type', 'in', ['out_invoice', 'out_refund'])]"
        : "[('move_type', 'in', ['out_invoice', 'out_refund', 'out_receipt'])]";
  return {
    name: 'Invoices',
    type: 'ir.actions.act_window',
    xml_id: 'account.action_move_out_invoice_type',
    res_model: 'account.move',
    view_mode: env.version <= 17 ? 'tree,kanban,form,activity' : 'list,kanban,form,activity',
    domain,
    context: {
      default_move_type: 'out_invoice',
      default_partner_id: order?.partner_id ?? false,
      default_partner_shipping_id: order?.partner_shipping_id ?? false,
      default_invoice_payment_term_id: null,
      // 19 dropped default_invoice_origin from this action's context (scenario-19.json).
      ...(order && env.version <= 18 ? { default_invoice_origin: order.name } : {}),
    },
    target: 'current',
    ...(ids.length === 1 ? { res_id: ids[0] } : {}),
  };
}

function invoiceOrder(env: Env, order: Rec): number | undefined {
  const lines = env.db
    .where('sale.order.line', (l) => l.order_id === order.id)
    .map((l) => ({ line: l, qty: qtyToInvoice(env, l) }))
    .filter((x) => x.qty !== 0);
  if (!lines.length) return undefined;
  const sum = lines.reduce((a, x) => a + x.qty * Number(x.line.price_unit), 0);
  const refund = sum < 0;
  const journal = invoiceJournal(env, order);
  const move = env.db.insert('account.move', {
    name: env.version <= 17 ? '/' : false,
    move_type: refund ? 'out_refund' : 'out_invoice',
    state: 'draft',
    partner_id: order.partner_invoice_id,
    journal_id: journal,
    invoice_origin: order.name,
    ref: order.client_order_ref || false,
    payment_state: 'not_paid',
    company_id: order.company_id,
    currency_id: order.currency_id,
  });
  for (const { line, qty } of lines) {
    env.db.insert('account.move.line', {
      move_id: move.id,
      product_id: line.product_id,
      name: line.name,
      quantity: refund ? -qty : qty,
      price_unit: line.price_unit,
      discount: line.discount,
      tax_ids: [...((line[lineTaxField(env)] as number[]) ?? [])],
      sale_line_ids: [line.id],
      display_type: 'product',
      debit: 0,
      credit: 0,
    });
  }
  return move.id;
}

function createInvoices(env: Env, ids: number[]): Record<string, unknown> {
  const wizard = env.db.get('sale.advance.payment.inv', ids[0] ?? 0);
  const orderIds = (wizard?.sale_order_ids as number[] | undefined) ?? [];
  const orders = orderIds.map((id) => env.db.get('sale.order', id)).filter((o): o is Rec => o !== undefined);
  const created = orders.map((o) => invoiceOrder(env, o)).filter((id): id is number => id !== undefined);
  // 16–18 refuse when nothing is invoiceable; 19 answered with the invoices action instead
  // (errors-19.json "advance invoice wizard on nothing-to-invoice SO").
  if (!created.length && env.version <= 18) throw userError(NOTHING_TO_INVOICE);
  return invoiceAction(env, created, orders[0]);
}

function reverseOne(env: Env, wizard: Rec, inv: Rec): number {
  if (inv.state !== 'posted') throw userError('You can only reverse posted moves.');
  const reason = typeof wizard.reason === 'string' && wizard.reason ? `, ${wizard.reason}` : '';
  const refund = env.db.insert('account.move', {
    name: false,
    move_type: inv.move_type === 'out_invoice' ? 'out_refund' : 'entry',
    state: 'draft',
    partner_id: inv.partner_id,
    journal_id: wizard.journal_id || inv.journal_id,
    invoice_origin: inv.invoice_origin,
    ref: `Reversal of: ${String(inv.name)}${reason}`,
    reversed_entry_id: inv.id,
    payment_state: 'not_paid',
    company_id: inv.company_id,
    currency_id: inv.currency_id,
  });
  for (const l of moveLines(env, inv)) {
    env.db.insert('account.move.line', { ...l, move_id: refund.id, debit: l.credit, credit: l.debit });
  }
  // 17 names a draft reversal at once (RINV/...); 18/19 leave name false until posting (ODOO.md §2 gotchas).
  env.db.update('account.move', refund.id, { name: env.version <= 17 ? assignName(env, refund) : false });
  return refund.id;
}

/** Move ids named by an m2m value: plain ids or `[[6, 0, ids]]` / `[[4, id]]` commands. */
function reversedIds(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c): number[] => {
    if (typeof c === 'number') return [c];
    if (!Array.isArray(c)) return [];
    if (c[0] === 6 && Array.isArray(c[2])) return c[2] as number[];
    return c[0] === 4 && typeof c[1] === 'number' ? [c[1]] : [];
  });
}

function refundMoves(env: Env, ids: number[]): Record<string, unknown> {
  const wizard = env.db.get('account.move.reversal', ids[0] ?? 0);
  if (!wizard) throw userError('Expected singleton: account.move.reversal()');
  const moveIds = (wizard.move_ids as number[] | undefined) ?? [];
  const created = moveIds.map((id) => reverseOne(env, wizard, env.db.get('account.move', id) as Rec));
  const action: Record<string, unknown> = {
    name: 'Reverse Moves',
    type: 'ir.actions.act_window',
    res_model: 'account.move',
    context: { default_move_type: 'out_refund' },
  };
  if (created.length === 1) return { ...action, view_mode: 'form', res_id: created[0] };
  return { ...action, view_mode: 'tree,form', domain: [['id', 'in', created]] };
}

export const invoicingModels: readonly ModelDef[] = [
  {
    name: 'sale.advance.payment.inv',
    label: 'Sales Advance Payment Invoice',
    app: 'sale',
    fields: {
      advance_payment_method: {
        type: 'selection',
        selection: ['delivered', 'percentage', 'fixed'],
        default: 'delivered',
      },
      sale_order_ids: { type: 'm2m', comodel: 'sale.order' },
    },
    prepare: (env, vals) => {
      if (vals.sale_order_ids === undefined && env.ctx.active_model === 'sale.order') {
        vals.sale_order_ids = [...((env.ctx.active_ids as number[] | undefined) ?? [])];
      }
    },
    methods: { create_invoices: { params: [], access: 'write', run: createInvoices } },
  },
  {
    name: 'account.move.reversal',
    label: 'Account Move Reversal',
    app: 'account',
    fields: {
      move_ids: { type: 'm2m', comodel: 'account.move' },
      reason: { type: 'char' },
      // Required on every version; 16 and 17 compute it from the reversed moves' journal when it
      // is not given, 18 and 19 refuse the wizard without it (calls-18/19.json).
      journal_id: { type: 'm2o', comodel: 'account.journal', label: 'Journal', required: true },
      date: { type: 'date' },
      refund_method: {
        type: 'selection',
        selection: ['refund', 'cancel', 'modify'],
        versions: since(16, 16),
      },
    },
    prepare: (env, vals) => {
      if (vals.move_ids === undefined && env.ctx.active_model === 'account.move') {
        vals.move_ids = [...((env.ctx.active_ids as number[] | undefined) ?? [])];
      }
      if (vals.journal_id === undefined && env.version <= 17) {
        const first = reversedIds(vals.move_ids)[0];
        const move = first === undefined ? undefined : env.db.get('account.move', first);
        if (move) vals.journal_id = move.journal_id;
      }
    },
    // The wizard's company is its moves' (check_company on journal_id).
    afterCreate: (env, rec) => {
      const move = env.db.get('account.move', ((rec.move_ids as number[] | undefined) ?? [])[0] ?? 0);
      const company: number | false = typeof move?.company_id === 'number' ? move.company_id : false;
      checkCompany(env, [
        {
          model: 'account.move.reversal',
          rec,
          company,
          fields: [['journal_id', 'account.journal', 'Journal']],
        },
      ]);
    },
    methods: {
      // 17 split 16's reverse_moves (+ refund_method) into refund_moves / modify_moves.
      refund_moves: { params: [], access: 'write', versions: since(17), run: refundMoves },
      reverse_moves: { params: [], access: 'write', versions: [16], run: refundMoves },
    },
  },
];

/**
 * Invoice what was delivered through the public wizard (sale.advance.payment.inv, 'delivered'),
 * then post. `_create_invoices` is private and refused over RPC (ODOO.md §2 step 13). A retry after
 * a lost answer finds the draft invoice on the order and only posts it.
 */
import { FerryError } from '../../../core/errors.js';
import type { InvoiceResult } from '../port.js';
import type { Ops } from './context.js';
import { m2oId, toMinor } from './context.js';
import { companyScope } from './companies.js';

interface MoveRow {
  id: number;
  name: string | false;
  state: string;
  move_type: string;
  amount_total: number;
  currency_id: [number, string] | false;
}

async function invoicesOf(
  ops: Ops,
  orderId: number,
): Promise<{ ids: number[]; status: string; company: number | false }> {
  const [o] = await ops.conn.call<{ invoice_ids: number[]; invoice_status: string; company_id: unknown }[]>(
    'sale.order',
    'read',
    { ids: [orderId], fields: ['invoice_ids', 'invoice_status', 'company_id'] },
  );
  if (!o)
    throw new FerryError('partner_missing_record', `Odoo sale order ${orderId} does not exist`, {
      partner: 'odoo',
      entities: { order: orderId },
    });
  return { ids: o.invoice_ids, status: o.invoice_status, company: m2oId(o.company_id) };
}

/**
 * Puts fresh draft invoices in the sales journal configured for the order's company. Odoo's own
 * choice is already a journal of that company (its first sales journal); a configured one picks
 * which, and is never another company's (Odoo would refuse it: `_check_company`).
 */
async function toCompanyJournal(ops: Ops, company: number | false, drafts: number[]): Promise<void> {
  if (company === false || !drafts.length) return;
  const journal = companyScope(ops.cfg, company).salesJournalId;
  if (journal === undefined) return;
  await ops.conn.call('account.move', 'write', { ids: drafts, vals: { journal_id: journal } });
}

export async function readMoves(ops: Ops, ids: number[]): Promise<MoveRow[]> {
  if (!ids.length) return [];
  return ops.conn.call<MoveRow[]>('account.move', 'read', {
    ids,
    fields: ['name', 'state', 'move_type', 'amount_total', 'currency_id'],
  });
}

export async function postDrafts(ops: Ops, moves: MoveRow[]): Promise<MoveRow[]> {
  const drafts = moves.filter((m) => m.state === 'draft').map((m) => m.id);
  if (!drafts.length) return moves;
  await ops.conn.call('account.move', 'action_post', { ids: drafts });
  return readMoves(
    ops,
    moves.map((m) => m.id),
  );
}

export function posted(moves: MoveRow[]): InvoiceResult['posted'] {
  return moves
    .filter((m) => m.state === 'posted')
    .map((m) => ({
      id: m.id,
      name: String(m.name),
      moveType: m.move_type,
      amountTotalMinor: toMinor(m.amount_total, Array.isArray(m.currency_id) ? m.currency_id[1] : 'USD'),
    }));
}

export async function invoiceOrder(ops: Ops, orderId: number): Promise<InvoiceResult> {
  return ops.mutex.run([`sale.order#${orderId}`], async () => {
    const before = await invoicesOf(ops, orderId);
    const known = await readMoves(ops, before.ids);
    let fresh: number[] = [];
    if (before.status === 'to invoice' && !known.some((m) => m.state === 'draft')) {
      const context = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
      const [wiz] = await ops.conn.call<number[]>('sale.advance.payment.inv', 'create', {
        vals_list: [{ advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [orderId]]] }],
        context,
      });
      await ops.conn.call('sale.advance.payment.inv', 'create_invoices', { ids: [wiz as number], context });
      // Re-read the order rather than trusting the action's res_id/domain, which differ per version (ODOO.md §2).
      fresh = (await invoicesOf(ops, orderId)).ids.filter((id) => !before.ids.includes(id));
      await toCompanyJournal(ops, before.company, fresh);
    }
    const moves = await postDrafts(ops, [...known, ...(await readMoves(ops, fresh))]);
    const touched = moves.filter(
      (m) => fresh.includes(m.id) || known.find((k) => k.id === m.id)?.state === 'draft',
    );
    return {
      invoiceIds: moves.map((m) => m.id),
      posted: posted(touched),
      nothingToInvoice: touched.length === 0,
    };
  });
}

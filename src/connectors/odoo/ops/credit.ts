/**
 * Credit notes through account.move.reversal (`refund_moves` 17+, `reverse_moves` 16): a draft
 * full reversal, reduced line by line for a partial credit, then posted. Odoo reconciles it with
 * the invoice (ODOO.md §2 step 16). The reason carries Ferry's key, so a retry finds the note.
 */
import { FerryError } from '../../../core/errors.js';
import type { CreditNoteRequest, CreditNoteResult } from '../port.js';
import type { Ops } from './context.js';
import { companyScope } from './companies.js';
import { m2oId, quantitiesByProduct } from './context.js';
import { postDrafts, posted, readMoves } from './invoice.js';

async function findByKey(ops: Ops, req: CreditNoteRequest): Promise<number | undefined> {
  const rows = await ops.conn.call<{ id: number }[]>('account.move', 'search_read', {
    domain: [
      ['reversed_entry_id', '=', req.invoiceId],
      ['move_type', '=', 'out_refund'],
      ['ref', 'ilike', `[ferry:${req.key}]`],
    ],
    fields: ['state'],
    limit: 1,
  });
  return rows[0]?.id;
}

/**
 * The credit note's journal: the sales journal configured for the invoice's company, else the
 * invoice's own (18 and 19 refuse the reversal wizard without `journal_id`, calls-18/19.json).
 * Either is the invoice company's: Odoo refuses another company's journal (`_check_company`).
 */
async function journalOf(ops: Ops, invoiceId: number): Promise<number> {
  const [inv] = await ops.conn.call<{ journal_id: unknown; company_id: unknown }[]>('account.move', 'read', {
    ids: [invoiceId],
    fields: ['journal_id', 'company_id'],
  });
  const journal = inv ? m2oId(inv.journal_id) : false;
  if (journal === false)
    throw new FerryError('partner_missing_record', `Odoo invoice ${invoiceId} does not exist`, {
      partner: 'odoo',
      entities: { invoice: invoiceId },
    });
  const company = m2oId(inv!.company_id);
  return (company !== false ? companyScope(ops.cfg, company).salesJournalId : undefined) ?? journal;
}

async function reverse(ops: Ops, req: CreditNoteRequest): Promise<number> {
  const names = await ops.names();
  const context = { active_model: 'account.move', active_ids: [req.invoiceId], active_id: req.invoiceId };
  const reason = `${req.reason ?? 'Credit'} [ferry:${req.key}]`;
  const vals: Record<string, unknown> = {
    move_ids: [[6, 0, [req.invoiceId]]],
    reason,
    journal_id: await journalOf(ops, req.invoiceId),
  };
  if (names.refundMoves === 'reverse_moves') vals.refund_method = 'refund';
  const [wiz] = await ops.conn.call<number[]>('account.move.reversal', 'create', {
    vals_list: [vals],
    context,
  });
  const action = await ops.conn.call<{ res_id?: number }>('account.move.reversal', names.refundMoves, {
    ids: [wiz as number],
    context,
  });
  if (typeof action.res_id !== 'number')
    throw new FerryError('partner_validation', 'Odoo did not say which credit note it created');
  return action.res_id;
}

/** Keeps only the requested quantities on the draft reversal (1 = update line, 2 = delete line). */
async function reduce(ops: Ops, creditId: number, req: CreditNoteRequest): Promise<void> {
  if (!req.lines) return;
  const lines = await ops.conn.call<{ id: number; product_id: unknown; quantity: number }[]>(
    'account.move.line',
    'search_read',
    {
      domain: [
        ['move_id', '=', creditId],
        ['display_type', '=', 'product'],
      ],
      fields: ['product_id', 'quantity'],
    },
  );
  const want = await quantitiesByProduct(
    ops,
    req.lines,
    lines.map((l) => m2oId(l.product_id) as number),
  );
  const cmds = lines.map((l) => {
    const pid = m2oId(l.product_id) as number;
    const q = Math.min(l.quantity, want.get(pid) ?? 0);
    want.set(pid, (want.get(pid) ?? 0) - q);
    return q > 0 ? [1, l.id, { quantity: q }] : [2, l.id];
  });
  await ops.conn.call('account.move', 'write', { ids: [creditId], vals: { invoice_line_ids: cmds } });
}

export async function createCreditNote(ops: Ops, req: CreditNoteRequest): Promise<CreditNoteResult> {
  return ops.mutex.run([`account.move:${req.invoiceId}`], async () => {
    const found = await findByKey(ops, req);
    const id = found ?? (await reverse(ops, req));
    if (found === undefined) await reduce(ops, id, req);
    const [move] = await postDrafts(ops, await readMoves(ops, [id]));
    if (!move) throw new FerryError('partner_missing_record', `credit note ${id} vanished`);
    const p = posted([move])[0];
    return {
      creditNoteId: id,
      name: String(move.name),
      state: move.state,
      amountTotalMinor: p?.amountTotalMinor ?? 0,
      created: found === undefined,
    };
  });
}

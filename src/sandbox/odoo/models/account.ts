/**
 * Accounting master data and journal entries: account.tax, account.journal, account.account,
 * account.move (invoices, credit notes, entries) and account.move.line, with posting rules and
 * the automatic reconciliation of a credit note with its invoice (ODOO.md §2 steps 14, 16).
 */
import { odooDatetime } from '../db.js';
import { missingRequired, userError } from '../messages.js';
import { roundTo, since } from '../schema.js';
import type { ModelDef } from '../schema.js';
import { str } from '../types.js';
import type { Env, Rec } from '../types.js';
import { lineAmounts, sumAmounts } from './amounts.js';
import { accountCode, accountLabel, checkMoveLineCompany, envCompany } from './companies.js';
import type { LineAmounts } from './amounts.js';

const char = { type: 'char' } as const;
const m2o = (comodel: string, label?: string) => ({ type: 'm2o', comodel, label }) as const;

export function moveLines(env: Env, move: Rec): Rec[] {
  return env.db.where('account.move.line', (l) => l.move_id === move.id);
}

function lineAmount(env: Env, l: Rec): LineAmounts {
  const taxes = (l.tax_ids as number[] | undefined) ?? [];
  return lineAmounts(env, Number(l.price_unit), Number(l.quantity), Number(l.discount) || 0, taxes);
}

export function moveAmounts(env: Env, move: Rec): LineAmounts {
  if (move.move_type === 'entry') {
    const debit = roundTo(moveLines(env, move).reduce((a, l) => a + Number(l.debit), 0));
    return { subtotal: debit, tax: 0, total: debit };
  }
  return sumAmounts(moveLines(env, move).map((l) => lineAmount(env, l)));
}

function residual(env: Env, move: Rec): number {
  if (move.state !== 'posted') return moveAmounts(env, move).total;
  return roundTo(moveAmounts(env, move).total - Number(move._reconciled ?? 0));
}

/** Names are given at posting: INV/2026/00001, RINV/..., MISC/2026/01/0001 (17 names a draft reversal early). */
export function assignName(env: Env, move: Rec): string {
  const year = odooDatetime(env.clock.now()).slice(0, 4);
  const month = odooDatetime(env.clock.now()).slice(5, 7);
  const journal = env.db.get('account.journal', move.journal_id as number);
  const code = str(journal?.code) || 'MISC';
  if (move.move_type === 'entry')
    return `${code}/${year}/${month}/${String(env.db.nextSeq(`${code}/${year}/${month}`)).padStart(4, '0')}`;
  const prefix = move.move_type === 'out_refund' ? `R${code}` : code;
  return `${prefix}/${year}/${String(env.db.nextSeq(`${prefix}/${year}`)).padStart(5, '0')}`;
}

function hasName(move: Rec): boolean {
  return typeof move.name === 'string' && move.name !== '/' && move.name !== '';
}

/** A credit note that reverses an invoice is reconciled with it when posted. */
function reconcileRefund(env: Env, refund: Rec): void {
  const inv = env.db.get('account.move', refund.reversed_entry_id as number);
  if (!inv || inv.state !== 'posted') return;
  const applied = Math.min(residual(env, inv), moveAmounts(env, refund).total);
  const invReconciled = roundTo(Number(inv._reconciled ?? 0) + applied);
  const left = roundTo(moveAmounts(env, inv).total - invReconciled);
  env.db.update('account.move', inv.id, {
    _reconciled: invReconciled,
    payment_state: left <= 0 ? 'reversed' : 'partial',
  });
  const refundLeft = roundTo(moveAmounts(env, refund).total - applied);
  env.db.update('account.move', refund.id, {
    _reconciled: applied,
    payment_state: refundLeft <= 0 ? 'paid' : 'partial',
  });
}

function post(env: Env, ids: number[]): false {
  for (const id of ids) {
    const move = env.db.get('account.move', id);
    if (!move) continue;
    const label = hasName(move) ? String(move.name) : '/';
    if (move.state !== 'draft') throw userError(`The entry ${label} (id ${move.id}) must be in draft.`);
    const lines = moveLines(env, move);
    if (!lines.length) throw userError('You need to add a line before posting.');
    if (move.move_type === 'entry') {
      const diff = roundTo(lines.reduce((a, l) => a + Number(l.debit) - Number(l.credit), 0));
      if (diff !== 0) {
        throw userError(
          `Cannot create unbalanced journal entry. Ids: [${move.id}]\nDifferences debit - credit: [${diff}]`,
        );
      }
    }
    env.db.update('account.move', id, {
      state: 'posted',
      name: hasName(move) ? move.name : assignName(env, move),
      payment_state: 'not_paid',
    });
    if (move.move_type === 'out_refund') reconcileRefund(env, env.db.get('account.move', id) as Rec);
  }
  return false; // action_post returns False (ODOO.md §1)
}

const move: ModelDef = {
  name: 'account.move',
  label: 'Journal Entry',
  app: 'account',
  fields: {
    name: char,
    move_type: {
      type: 'selection',
      selection: ['entry', 'out_invoice', 'out_refund', 'in_invoice', 'in_refund'],
      default: 'entry',
    },
    state: { type: 'selection', selection: ['draft', 'posted', 'cancel'], default: 'draft' },
    partner_id: m2o('res.partner'),
    journal_id: m2o('account.journal', 'Journal'),
    date: { type: 'date' },
    ref: char,
    invoice_origin: char,
    reversed_entry_id: m2o('account.move'),
    line_ids: { type: 'o2m', comodel: 'account.move.line', inverse: 'move_id' },
    invoice_line_ids: { type: 'o2m', comodel: 'account.move.line', inverse: 'move_id' },
    amount_untaxed: { type: 'float', compute: (env, r) => moveAmounts(env, r).subtotal },
    amount_tax: { type: 'float', compute: (env, r) => moveAmounts(env, r).tax },
    amount_total: { type: 'float', compute: (env, r) => moveAmounts(env, r).total },
    amount_residual: { type: 'float', compute: residual },
    payment_state: {
      type: 'selection',
      selection: ['not_paid', 'in_payment', 'paid', 'partial', 'reversed'],
      default: 'not_paid',
    },
    company_id: m2o('res.company'),
    currency_id: m2o('res.currency'),
  },
  displayName: (env, rec) => {
    const base = hasName(rec) ? String(rec.name) : `Draft (* ${rec.id})`;
    // Odoo 19 appends the origin: "INV/2026/00002 (S00033)" (scenario-19.json).
    return env.version >= 19 && rec.invoice_origin ? `${base} (${str(rec.invoice_origin)})` : base;
  },
  prepare: (env, vals) => {
    // A move's company is its journal's (account.move._compute_company_id, 17+).
    vals.company_id ??=
      env.db.get('account.journal', Number(vals.journal_id))?.company_id ?? env.db.settings.companyId;
    vals.date ??= odooDatetime(env.clock.now()).slice(0, 10);
    if (vals.journal_id === undefined) {
      const type = vals.move_type === 'entry' || vals.move_type === undefined ? 'general' : 'sale';
      vals.journal_id =
        env.db.where('account.journal', (j) => j.type === type && j.company_id === vals.company_id)[0]?.id ??
        false;
    }
    vals.name ??= env.version <= 17 ? '/' : false;
  },
  beforeWrite: (_env, recs, vals) => {
    const lineChange = 'invoice_line_ids' in vals || 'line_ids' in vals;
    if (lineChange && recs.some((r) => r.state === 'posted')) {
      throw userError('You cannot modify a posted entry of this journal.');
    }
  },
  methods: {
    action_post: { params: [], access: 'write', run: post },
    button_draft: {
      params: [],
      access: 'write',
      run: (env, ids) => {
        for (const id of ids) env.db.update('account.move', id, { state: 'draft' });
        return false;
      },
    },
  },
};

const moveLine: ModelDef = {
  name: 'account.move.line',
  label: 'Journal Item',
  app: 'account',
  fields: {
    move_id: m2o('account.move', 'Journal Entry'),
    product_id: m2o('product.product'),
    name: char,
    quantity: { type: 'float', default: 1 },
    price_unit: { type: 'float', default: 0 },
    discount: { type: 'float', default: 0 },
    tax_ids: { type: 'm2m', comodel: 'account.tax' },
    account_id: m2o('account.account', 'Account'),
    partner_id: m2o('res.partner'),
    debit: { type: 'float', default: 0 },
    credit: { type: 'float', default: 0 },
    display_type: {
      type: 'selection',
      selection: ['product', 'line_section', 'line_note'],
      default: 'product',
    },
    sale_line_ids: { type: 'm2m', comodel: 'sale.order.line' },
    price_subtotal: { type: 'float', compute: (env, r) => lineAmount(env, r).subtotal },
    price_total: { type: 'float', compute: (env, r) => lineAmount(env, r).total },
  },
  // `account_id` is check_company: an account the entry's company has not is refused (16–19).
  afterCreate: (env, rec) => checkMoveLineCompany(env, [rec]),
  afterWrite: (env, recs, vals) => {
    if ('account_id' in vals) checkMoveLineCompany(env, recs);
  },
};

const tax: ModelDef = {
  name: 'account.tax',
  label: 'Tax',
  app: 'account',
  fields: {
    name: { type: 'char', label: 'Tax Name', required: true },
    amount: { type: 'float' },
    amount_type: {
      type: 'selection',
      selection: ['percent', 'fixed', 'group', 'division'],
      default: 'percent',
    },
    type_tax_use: { type: 'selection', selection: ['sale', 'purchase', 'none'], default: 'sale' },
    price_include: { type: 'bool' },
    company_id: m2o('res.company'),
    tax_group_id: { type: 'm2o', comodel: 'account.tax.group', label: 'Tax Group', required: true },
    country_id: m2o('res.country'),
    active: { type: 'bool', default: true },
  },
  displayName: taxDisplayName,
  // Odoo defaults the group to one of the tax's company; a company without a chart of accounts has
  // none, and real 17 then refused the tax for its missing Tax Group (tax_group_id).
  prepare: (env, vals) => {
    vals.company_id ??= env.db.settings.companyId;
    // A tax's country is required and defaults to its company's fiscal country (17–19:
    // account_tax.py _compute_country_id), which a company without a chart lacks: real 16, and
    // real 17.0, 18.0 and 19.0 (2026-12-06), refused such a tax without country_id (Field: Country).
    if (env.version >= 17) vals.country_id ||= fiscalCountry(env, vals.company_id);
    if (!vals.country_id) throw missingRequired(env.version, 'account.tax', 'Tax', 'country_id', 'Country');
    vals.tax_group_id ??= env.db
      .all('account.tax.group')
      .find((g) => env.version <= 16 || g.company_id === vals.company_id)?.id;
  },
};

function fiscalCountry(env: Env, companyId: unknown): number | false {
  const company = typeof companyId === 'number' ? env.db.get('res.company', companyId) : undefined;
  const country = company?.account_fiscal_country_id;
  return typeof country === 'number' ? country : false;
}

/**
 * A tax's name, and its country's code when that is not its company's fiscal country, as real
 * 17.0, 18.0 and 19.0 named a tax of a chartless second company "… (US)" (account_tax.py
 * _compute_display_name); 16 is left at the name.
 */
export function taxDisplayName(env: Env, rec: Rec): string {
  const name = str(rec.name);
  if (env.version <= 16 || rec.country_id === fiscalCountry(env, rec.company_id)) return name;
  const country = typeof rec.country_id === 'number' ? env.db.get('res.country', rec.country_id) : undefined;
  return country ? `${name} (${str(country.code)})` : name;
}

const taxGroup: ModelDef = {
  name: 'account.tax.group',
  label: 'Tax Group',
  app: 'account',
  // Tax groups belong to a company from 17 on; real 16 answered "Invalid field 'company_id' on model 'account.tax.group'".
  fields: {
    name: { type: 'char', required: true },
    company_id: { type: 'm2o', comodel: 'res.company', versions: since(17) },
  },
  prepare: (env, vals) => {
    if (env.version >= 17) vals.company_id ??= env.db.settings.companyId;
  },
};

const journal: ModelDef = {
  name: 'account.journal',
  label: 'Journal',
  app: 'account',
  order: 'sequence, id',
  fields: {
    name: { type: 'char', label: 'Journal Name', required: true },
    sequence: { type: 'int', default: 10 },
    code: char,
    type: { type: 'selection', selection: ['sale', 'purchase', 'cash', 'bank', 'general'] },
    company_id: m2o('res.company'),
    active: { type: 'bool', default: true },
  },
};

const account: ModelDef = {
  name: 'account.account',
  label: 'Account',
  app: 'account',
  fields: {
    code: { type: 'char', label: 'Code', compute: accountCode },
    code_store: { type: 'char', versions: since(18) },
    name: { type: 'char', label: 'Account Name', required: true },
    account_type: {
      type: 'selection',
      selection: [
        'asset_receivable',
        'asset_cash',
        'income',
        'expense',
        'liability_current',
        'liability_payable',
        'asset_current',
      ],
    },
    // One company up to 17; from 18 `company_ids` (many2many) and no `company_id`: real Odoo answers
    // "Invalid field 'company_id' on model 'account.account'" like any unknown field.
    company_id: { type: 'm2o', comodel: 'res.company', label: 'Company', versions: since(16, 17) },
    company_ids: { type: 'm2m', comodel: 'res.company', label: 'Companies', versions: since(18) },
  },
  // The code given at create is the code in the account's (first) company (18's create runs with
  // that company current); the company defaults to the current one.
  prepare: (env, vals) => {
    if ('code' in vals) {
      vals.code_store = vals.code;
      delete vals.code;
    }
    if (env.version <= 17) vals.company_id ??= envCompany(env);
    else if (vals.company_ids === undefined || vals.company_ids === false)
      vals.company_ids = [envCompany(env)];
  },
  // A code written is the code in the current company (18+) or the account's own (up to 17).
  beforeWrite: (_env, _recs, vals) => {
    if ('code' in vals) {
      vals.code_store = vals.code;
      delete vals.code;
    }
  },
  displayName: accountLabel,
};

/** Payment terms ("30 Days"); the sale order's `payment_term_id` passes them to the invoice. */
const paymentTerm: ModelDef = {
  name: 'account.payment.term',
  label: 'Payment Terms',
  app: 'account',
  fields: {
    name: { type: 'char', label: 'Payment Terms', required: true },
    company_id: m2o('res.company'),
    active: { type: 'bool', default: true },
  },
};

export const accountModels: readonly ModelDef[] = [
  move,
  moveLine,
  tax,
  taxGroup,
  journal,
  account,
  paymentTerm,
];

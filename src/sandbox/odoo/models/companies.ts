/**
 * Odoo's multi-company consistency check (`BaseModel._check_company`, odoo/models.py 16–19): on
 * create and write of a model with `_check_company_auto`, every `check_company` relation must point
 * at records of the record's company or at records without one (shared products, payment terms,
 * partners). Otherwise the whole call fails with a UserError listing up to five inconsistencies:
 *
 *   Incompatible companies on records:
 *   - 'S00012 - Widget' belongs to company 'Ferry US Inc' and 'Product' (product_id: '[W-1] Widget') belongs to another company.
 *
 * (`%(record)r`, `%(company)r`, `%(field)r` are Python reprs, hence the quotes, up to 17; 18
 * prints them between “ and ”, as real Odoo 18.0-20250702 answered, the values still as reprs.)
 * 19 words it otherwise (odoo/orm/models.py), as real Odoo 19.0 answered (2026-12-06):
 *
 *   Uh-oh! You’ve got some company inconsistencies here:
 *   - “S00026” belongs to company “My Company” while “Pricelist” (pricelist_id: 'B list (USD)') belongs to another company.
 *   To avoid a mess, no company crossover is allowed!
 *
 * A product of another company on a quotation line is refused earlier, by sale.order's own
 * constraint (`_check_order_line_company_id`), with a ValidationError; real 18 answered:
 *
 *   Your quotation contains products from company FERRY-CT Company B whereas your quotation
 *   belongs to company My Company. \n Please change the company of your quotation or remove the
 *   products from other companies (CC-only-c1).
 */
import { pyRepr, userError } from '../messages.js';
import type { Env, Rec } from '../types.js';
import { ExceptionName, SimError, str } from '../types.js';
import { taxDisplayName } from './account.js';

/** How `_check_company` quotes a record, a company and a field label: repr up to 17, “…” from 18. */
function quote(env: Env, text: string): string {
  return env.version >= 18 ? `“${text}”` : pyRepr(text);
}

/** A checked relation: field name, comodel and the field's label (`field_description`). */
export type CheckedField = readonly [field: string, comodel: string, label: string];

/** sale.order's check_company relations (sale, sale_stock; `journal_id` from 17). */
export function orderFields(env: Env): CheckedField[] {
  return [
    ['partner_id', 'res.partner', 'Customer'],
    ['partner_invoice_id', 'res.partner', 'Invoice Address'],
    ['partner_shipping_id', 'res.partner', 'Delivery Address'],
    ['pricelist_id', 'product.pricelist', 'Pricelist'],
    ['payment_term_id', 'account.payment.term', 'Payment Terms'],
    ['warehouse_id', 'stock.warehouse', 'Warehouse'],
    ...(env.version >= 17 ? [['journal_id', 'account.journal', 'Invoicing Journal'] as const] : []),
  ];
}

/** sale.order.line's: the product and the taxes (`tax_id` up to 18, `tax_ids` in 19). */
export function lineFields(env: Env): CheckedField[] {
  return [
    ['product_id', 'product.product', 'Product'],
    [env.version >= 19 ? 'tax_ids' : 'tax_id', 'account.tax', 'Taxes'],
  ];
}

/** Display names as Odoo builds them for the models checked here. */
function displayName(env: Env, model: string, rec: Rec): string {
  switch (model) {
    case 'product.product':
      return rec.default_code ? `[${str(rec.default_code)}] ${str(rec.name)}` : str(rec.name);
    case 'product.pricelist': {
      const cur = env.db.get('res.currency', rec.currency_id as number);
      return cur ? `${str(rec.name)} (${str(cur.name)})` : str(rec.name);
    }
    // A tax of a country other than its company's fiscal one ends in "(US)": real 17.0, 18.0 and
    // 19.0 named another company's tax so in this message (2026-12-06).
    case 'account.tax':
      return taxDisplayName(env, rec);
    case 'sale.order.line': {
      const order = env.db.get('sale.order', rec.order_id as number);
      const product = env.db.get('product.product', rec.product_id as number);
      const first = str(rec.name).split('\n')[0] || str(product?.name);
      if (env.version < 17) return `${str(order?.name)} - ${first}`;
      // 17–19: the order's commercial partner follows (`_additional_name_per_id`), as real 18 and
      // real 17.0-20240709 printed ("S00025 - [SKU] name (Administrator)").
      const partner = env.db.get('res.partner', order?.partner_id as number);
      const parent =
        typeof partner?.parent_id === 'number' ? env.db.get('res.partner', partner.parent_id) : undefined;
      const commercial = parent ?? partner;
      // `commercial_partner.ref or commercial_partner.name`: an unset ref is false, not a name.
      const ref = typeof commercial?.ref === 'string' ? commercial.ref : '';
      const who = ref || (typeof commercial?.name === 'string' ? commercial.name : '');
      return who ? `${str(order?.name)} - ${first} (${who})` : `${str(order?.name)} - ${first}`;
    }
    case 'account.move.line': {
      const move = env.db.get('account.move', rec.move_id as number);
      const moveName = typeof move?.name === 'string' ? move.name : '';
      const ref = str(move?.ref);
      const label = str(rec.name);
      // 17 joins the move's name, (ref) and the label; 18 leaves out '/' and a label repeating them.
      if (env.version <= 17) return [moveName, ref && `(${ref})`, label].filter(Boolean).join(' ');
      const parts = [
        moveName && moveName !== '/' ? moveName : '',
        ref && ref !== '/' ? `(${ref})` : '',
        label && !['/', moveName, `${ref} - ${moveName}`].includes(label) ? label : '',
      ].filter(Boolean);
      return parts.join(' ') || 'Draft Entry';
    }
    case 'account.account':
      return accountLabel(env, rec);
    default:
      return typeof rec.name === 'string' && rec.name ? rec.name : `${model},${rec.id}`;
  }
}

function related(env: Env, comodel: string, v: unknown): Rec[] {
  const ids = Array.isArray(v) ? (v as unknown[]) : [v];
  return ids
    .filter((id): id is number => typeof id === 'number')
    .map((id) => env.db.get(comodel, id))
    .filter((r): r is Rec => r !== undefined);
}

/** The companies a record serves: its `company_ids` (18+ accounts), else its `company_id`. */
function companiesOf(rec: Rec): number[] {
  if (Array.isArray(rec.company_ids)) return rec.company_ids as number[];
  return typeof rec.company_id === 'number' ? [rec.company_id] : [];
}

function includesCompany(rec: Rec, company: number): boolean {
  return companiesOf(rec).includes(company);
}

/** Odoo's `env.company`: the first of the request's `allowed_company_ids`, else the user's company. */
export function envCompany(env: Env): number {
  const allowed = env.ctx.allowed_company_ids;
  if (Array.isArray(allowed) && typeof allowed[0] === 'number') return allowed[0];
  const user = env.db.get('res.users', env.uid);
  return typeof user?.company_id === 'number' ? user.company_id : env.db.settings.companyId;
}

/**
 * An account's code. Up to 17 it is the account's own (one company). From 18 it is kept per
 * company (`code_store`, company-dependent) and read in the request's current company
 * (`_compute_code`, `_search_code`: `env.company.root_id`): an account has no code in a company it
 * does not serve. (One code per account here; real 18 may give a shared account a code per company.)
 */
export function accountCode(env: Env, account: Rec): string | false {
  const code = typeof account.code_store === 'string' ? account.code_store : false;
  if (env.version <= 17) return code;
  return includesCompany(account, envCompany(env)) ? code : false;
}

/**
 * An account as Odoo names it: "code name", or the name where it has no code in the current
 * company. 19 shows the code only to users with accounting read access
 * (`account.group_account_readonly`), which an Invoicing administrator of Community lacks: real 19
 * named another company's account 'FERRY-CT FCT627 (1)' in its company check.
 */
export function accountLabel(env: Env, account: Rec): string {
  if (env.version >= 19) return str(account.name);
  const code = accountCode(env, account);
  return code ? `${code} ${str(account.name)}` : str(account.name);
}

/** One record to check: its model, the record, and the company it belongs to. */
export interface Checked {
  model: string;
  rec: Rec;
  company: number | false;
  fields: readonly CheckedField[];
}

/** Raises Odoo's UserError when a checked relation points at another company's records. */
export function checkCompany(env: Env, items: readonly Checked[]): void {
  const lines: string[] = [];
  for (const { model, rec, company, fields } of items) {
    if (typeof company !== 'number') continue;
    for (const [field, comodel, label] of fields) {
      const co = related(env, comodel, rec[field]);
      // A record of no company serves all; one of several companies (an 18+ account) any of them.
      if (!co.some((r) => companiesOf(r).length > 0 && !includesCompany(r, company))) continue;
      const companyName = str(env.db.get('res.company', company)?.name);
      const values = co.map((r) => pyRepr(displayName(env, comodel, r))).join(', ');
      // 19 says "while" where 16–18 say "and" (odoo/orm/models.py `_check_company` of 19).
      lines.push(
        `- ${quote(env, displayName(env, model, rec))} belongs to company ${quote(env, companyName)} ` +
          `${env.version >= 19 ? 'while' : 'and'} ${quote(env, label)} (${field}: ${values}) belongs to another company.`,
      );
    }
  }
  if (!lines.length) return;
  // 19 reworded the frame, as real 19.0 answered (a journal item with another company's account;
  // a sale order line with another company's product or tax).
  if (env.version >= 19)
    throw userError(
      [
        'Uh-oh! You’ve got some company inconsistencies here:',
        ...lines.slice(0, 5),
        'To avoid a mess, no company crossover is allowed!',
      ].join('\n'),
    );
  throw userError(['Incompatible companies on records:', ...lines.slice(0, 5)].join('\n'));
}

/**
 * A sale order's own relations. Its lines are checked as each is created or written (inside the
 * order's create, as Odoo does, so a line's inconsistency is reported first).
 */
export function checkOrderCompany(env: Env, orderId: number): void {
  const order = env.db.get('sale.order', orderId);
  if (!order) return;
  const company: number | false = typeof order.company_id === 'number' ? order.company_id : false;
  checkCompany(env, [{ model: 'sale.order', rec: order, company, fields: orderFields(env) }]);
}

/** sale.order's `_check_order_line_company_id`: a line's product of another company (16, 18; see 17, 19 below). */
function checkLineProducts(env: Env, lines: readonly Rec[]): void {
  const byOrder = new Map<number, Rec[]>();
  for (const l of lines) {
    const rec = env.db.get('sale.order.line', l.id);
    const order = rec && env.db.get('sale.order', rec.order_id as number);
    if (!rec || !order || typeof order.company_id !== 'number') continue;
    const product = env.db.get('product.product', rec.product_id as number);
    if (!product || typeof product.company_id !== 'number' || product.company_id === order.company_id)
      continue;
    byOrder.set(order.id, [...(byOrder.get(order.id) ?? []), product]);
  }
  if (!byOrder.size) return;
  // The constraint is in 17–19's source, but it is not always what answers (2026-12-06): real
  // 17.0-20240709 refused such a line in sale.order.create with an AccessError on product.product
  // (admin of both companies, no allowed_company_ids in the context), and in a later write with
  // the constraint; real 19.0 refused both with _check_company's line check (checkLineCompany),
  // which runs first there. An order being created has no date_order yet (set after its lines).
  const creating = [...byOrder.keys()].some((id) => env.db.get('sale.order', id)?.date_order === undefined);
  if (env.version === 17 && creating) {
    const user = env.db.get('res.users', env.uid);
    throw new SimError(
      ExceptionName.accessError,
      `Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n` +
        `Sorry, ${str(user?.name)} (id=${env.uid}) doesn't have 'read' access to:\n- Product Variant (product.product)\n\n` +
        `If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.`,
    );
  }
  if (env.version >= 19) return;
  for (const [orderId, products] of byOrder) {
    const order = env.db.get('sale.order', orderId)!;
    const companyName = (id: unknown) => str(env.db.get('res.company', id as number)?.name);
    const productCompanies = [...new Set(products.map((p) => companyName(p.company_id)))].join(', ');
    const names = [...new Set(products.map((p) => displayName(env, 'product.product', p)))].join(', ');
    throw new SimError(
      ExceptionName.validationError,
      `Your quotation contains products from company ${productCompanies} whereas your quotation belongs to company ${companyName(order.company_id)}. \n Please change the company of your quotation or remove the products from other companies (${names}).`,
    );
  }
}

/** Lines created or written, against their order's company. */
export function checkLineCompany(env: Env, lines: readonly Rec[]): void {
  checkLineProducts(env, lines);
  const items: Checked[] = [];
  for (const l of lines) {
    const rec = env.db.get('sale.order.line', l.id);
    const order = rec && env.db.get('sale.order', rec.order_id as number);
    if (!rec || !order) continue;
    const company: number | false = typeof order.company_id === 'number' ? order.company_id : false;
    items.push({ model: 'sale.order.line', rec, company, fields: lineFields(env) });
  }
  checkCompany(env, items);
}

/** Journal items created or written, against their entry's company: each line's account. */
export function checkMoveLineCompany(env: Env, lines: readonly Rec[]): void {
  const items: Checked[] = [];
  for (const l of lines) {
    const rec = env.db.get('account.move.line', l.id);
    const move = rec && env.db.get('account.move', rec.move_id as number);
    if (!rec || !move) continue;
    const company: number | false = typeof move.company_id === 'number' ? move.company_id : false;
    items.push({
      model: 'account.move.line',
      rec,
      company,
      fields: [['account_id', 'account.account', 'Account']],
    });
  }
  checkCompany(env, items);
}

/** The sale journal an order's invoice goes to: the order's own (17+), else its company's first. */
export function invoiceJournal(env: Env, order: Rec): number {
  if (typeof order.journal_id === 'number') return order.journal_id;
  const journal = env.db
    .where(
      'account.journal',
      (j) => j.type === 'sale' && j.company_id === order.company_id && j.active !== false,
    )
    .sort((a, b) => Number(a.sequence ?? 10) - Number(b.sequence ?? 10) || a.id - b.id)[0];
  if (!journal) {
    const company = env.db.get('res.company', order.company_id as number);
    // account.move._search_default_journal (17–19).
    throw userError(
      `No journal could be found in company ${str(company?.name)} for any of those types: sale`,
    );
  }
  return journal.id;
}

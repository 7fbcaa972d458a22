/** base / product models: partners, countries, companies, users, modules, products, pricelists. */
import { since } from '../schema.js';
import type { ModelDef } from '../schema.js';
import { pyRepr } from '../messages.js';
import { ExceptionName, SimError, str } from '../types.js';
import type { Env, Rec } from '../types.js';
import { addWarehouse } from '../seed.js';
import { productQty } from './stock-quant.js';

const m2o = (comodel: string, label?: string) => ({ type: 'm2o', comodel, label }) as const;
const char = { type: 'char' } as const;

/** Odoo's tools.email_normalize: the first e-mail address in `text`, lowercased, or false. */
function emailNormalize(text: unknown): string | false {
  if (typeof text !== 'string') return false;
  const m = /[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+/.exec(text);
  return m ? m[0].toLowerCase() : false;
}

const partner: ModelDef = {
  name: 'res.partner',
  label: 'Contact',
  app: 'base',
  order: 'id',
  fields: {
    name: { type: 'char', label: 'Name' },
    email: char,
    // mail's mail.thread.blacklist: stored, computed by tools.email_normalize (the first address
    // in the text, lowercased; false when there is none).
    email_normalized: {
      type: 'char',
      label: 'Normalized Email',
      compute: (_env, r) => emailNormalize(r.email),
    },
    phone: char,
    vat: char,
    ref: char,
    street: char,
    street2: char,
    city: char,
    zip: char,
    country_id: m2o('res.country'),
    state_id: m2o('res.country.state'),
    is_company: { type: 'bool' },
    parent_id: m2o('res.partner'),
    child_ids: { type: 'o2m', comodel: 'res.partner', inverse: 'parent_id' },
    type: {
      type: 'selection',
      selection: ['contact', 'invoice', 'delivery', 'other', 'private'],
      default: 'contact',
    },
    company_id: m2o('res.company'),
    active: { type: 'bool', default: true },
    customer_rank: { type: 'int', default: 0 },
    comment: { type: 'text' },
  },
  displayName: (env, rec) => {
    const parent = typeof rec.parent_id === 'number' ? env.db.get('res.partner', rec.parent_id) : undefined;
    const own = typeof rec.name === 'string' && rec.name ? rec.name : str(rec.type);
    return parent ? `${String(parent.name)}, ${own}` : own;
  },
};

const country: ModelDef = {
  name: 'res.country',
  label: 'Country',
  app: 'base',
  fields: { name: char, code: char },
};

const countryState: ModelDef = {
  name: 'res.country.state',
  label: 'Country state',
  app: 'base',
  fields: { name: char, code: char, country_id: m2o('res.country') },
};

const company: ModelDef = {
  name: 'res.company',
  label: 'Companies',
  app: 'base',
  fields: {
    name: char,
    currency_id: m2o('res.currency'),
    // account's fiscal country: the generic chart's company has the United States from 17 on (read
    // back from real 17.0, 18.0 and 19.0); a company created without a chart has none.
    account_fiscal_country_id: m2o('res.country'),
    tax_calculation_rounding_method: {
      type: 'selection',
      selection: ['round_per_line', 'round_globally'],
      default: 'round_per_line',
    },
  },
  // The currency is required and defaults to the user's company's (res.company._default_currency_id).
  prepare: (env, vals) => {
    if (vals.currency_id === undefined || vals.currency_id === false) {
      const user = env.db.get('res.users', env.uid);
      const home = env.db.get('res.company', Number(user?.company_id ?? env.db.settings.companyId));
      vals.currency_id = home?.currency_id ?? false;
    }
  },
  // Odoo 17's stock gives a new company its warehouse (code: the name's first 5 characters); from
  // 18 it does not outside Odoo's own tests (stock/models/res_company.py create of 17, 18 and 19),
  // and real 19 refused an order in such a company: "Please create a warehouse for company …".
  afterCreate: (env, rec) => {
    if (env.version <= 17 && env.db.all('stock.warehouse').length)
      addWarehouse(env, str(rec.name), str(rec.name).slice(0, 5), rec.id);
  },
};

const currency: ModelDef = {
  name: 'res.currency',
  label: 'Currency',
  app: 'base',
  fields: { name: char, symbol: char, active: { type: 'bool', default: true } },
};

const users: ModelDef = {
  name: 'res.users',
  label: 'User',
  app: 'base',
  fields: {
    name: char,
    login: char,
    company_id: m2o('res.company'),
    // ODOO.md §6: the groups field is groups_id up to 18 and group_ids in 19.
    groups_id: { type: 'm2m', versions: since(16, 18) },
    group_ids: { type: 'm2m', versions: since(19) },
  },
};

const modules: ModelDef = {
  name: 'ir.module.module',
  label: 'Module',
  app: 'base',
  // base/models/ir_module.py; applications first, as real servers list them (flow-*.json)
  order: 'application desc, sequence, name',
  fields: {
    name: char,
    shortdesc: char,
    application: { type: 'bool', default: false },
    sequence: { type: 'int', default: 100 },
    state: { type: 'selection', selection: ['installed', 'uninstalled', 'to install', 'to upgrade'] },
  },
};

/** 16/17 store `detailed_type` ('product' = storable); 18/19 use `type:'consu'` + `is_storable` (ODOO.md §6). */
function prepareProduct(env: Env, vals: Record<string, unknown>): void {
  checkProductType(env, vals);
  if (env.version <= 17) {
    if (vals.detailed_type === undefined && vals.type !== undefined) vals.detailed_type = vals.type;
    if (vals.detailed_type !== undefined) vals.type = vals.detailed_type;
  }
  if (vals.taxes_id === undefined) vals.taxes_id = [...env.db.settings.defaultSaleTaxIds];
}

export function isStorable(env: Env, product: Rec | undefined): boolean {
  if (!product) return false;
  return env.version <= 17 ? product.detailed_type === 'product' : product.is_storable === true;
}

function productLabel(rec: Rec): string {
  return rec.default_code ? `[${str(rec.default_code)}] ${String(rec.name)}` : String(rec.name);
}

const product: ModelDef = {
  name: 'product.product',
  label: 'Product Variant',
  app: 'base',
  fields: {
    name: { type: 'char', label: 'Name', required: true },
    default_code: char,
    barcode: char,
    list_price: { type: 'float', default: 1 },
    standard_price: { type: 'float', default: 0 },
    invoice_policy: { type: 'selection', selection: ['order', 'delivery'], default: 'order' },
    type: {
      type: 'selection',
      selection: ['consu', 'service', 'product', 'combo'],
      default: 'consu',
    },
    detailed_type: { type: 'selection', selection: ['consu', 'service', 'product'], versions: since(16, 17) },
    is_storable: { type: 'bool', versions: since(18) },
    active: { type: 'bool', default: true },
    taxes_id: { type: 'm2m', comodel: 'account.tax' },
    // Related to the template's in Odoo; false: shared by every company.
    company_id: m2o('res.company', 'Company'),
    product_tmpl_id: { type: 'm2o', comodel: 'product.template' },
    qty_available: { type: 'float', compute: (env, rec) => productQty(env, rec.id).onHand },
    free_qty: { type: 'float', compute: (env, rec) => productQty(env, rec.id).free },
    virtual_available: { type: 'float', compute: (env, rec) => productQty(env, rec.id).forecast },
  },
  displayName: (_env, rec) => productLabel(rec),
  prepare: prepareProduct,
  afterCreate: (env, rec) => {
    const tmpl = env.db.insert('product.template', { name: rec.name, default_code: rec.default_code });
    env.db.update('product.product', rec.id, { product_tmpl_id: tmpl.id });
  },
  beforeWrite: (env, _recs, vals) => checkProductType(env, vals),
};

/** 18/19 have no storable `type` value any more; 16/17 have no `combo` (ODOO.md §2 step 2). */
function checkProductType(env: Env, vals: Record<string, unknown>): void {
  const bad = env.version >= 18 ? 'product' : 'combo';
  if (vals.type === bad) {
    throw new SimError(ExceptionName.valueError, `Wrong value for product.product.type: ${pyRepr(bad)}`);
  }
}

/** product.template is read through the variant here (one variant per template in Ferry's use). */
const template: ModelDef = {
  name: 'product.template',
  label: 'Product',
  app: 'base',
  fields: { name: char, default_code: char },
  displayName: (_env, rec) => productLabel(rec),
};

const pricelist: ModelDef = {
  name: 'product.pricelist',
  label: 'Pricelist',
  app: 'base',
  fields: {
    name: char,
    currency_id: m2o('res.currency'),
    company_id: m2o('res.company'),
    active: { type: 'bool', default: true },
  },
};

export const baseModels: readonly ModelDef[] = [
  partner,
  country,
  countryState,
  company,
  currency,
  users,
  modules,
  product,
  template,
  pricelist,
];

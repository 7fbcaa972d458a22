/**
 * Master data a fresh Odoo has after installing sale, stock, account and delivery with the generic
 * chart of accounts (USD, 15% default sales tax), with the ids and names each version showed
 * (ODOO.md §6: WH/Stock is 8 on 17/18 and 5 on 19; "Partners/Customers" vs "Customers";
 * the sales journal is "Customer Invoices" up to 18 and "Sales" on 19).
 */
import type { App } from './schema.js';
import type { SimCore } from './simulator.js';
import { str } from './types.js';

function locations(core: Pick<SimCore, 'db' | 'version'>): {
  stock: number;
  customers: number;
  view: number;
} {
  const ins = (vals: Record<string, unknown>) =>
    core.db.insert('stock.location', { active: true, ...vals }).id;
  if (core.version >= 19) {
    const physical = ins({ name: 'Physical Locations', usage: 'view', location_id: false });
    const customers = ins({ name: 'Customers', usage: 'customer', location_id: false });
    ins({ name: 'Vendors', usage: 'supplier', location_id: false });
    const view = ins({ name: 'WH', usage: 'view', location_id: physical });
    const stock = ins({ name: 'Stock', usage: 'internal', location_id: view });
    ins({ name: 'Inventory adjustment', usage: 'inventory', location_id: false });
    return { stock, customers, view };
  }
  const physical = ins({ name: 'Physical Locations', usage: 'view', location_id: false });
  const partners = ins({ name: 'Partners', usage: 'view', location_id: false });
  const virtual = ins({ name: 'Virtual Locations', usage: 'view', location_id: false });
  ins({ name: 'Vendors', usage: 'supplier', location_id: partners });
  const customers = ins({ name: 'Customers', usage: 'customer', location_id: partners });
  ins({ name: 'Inventory adjustment', usage: 'inventory', location_id: virtual });
  const view = ins({ name: 'WH', usage: 'view', location_id: physical });
  const stock = ins({ name: 'Stock', usage: 'internal', location_id: view });
  return { stock, customers, view };
}

/** Adds a warehouse with its stock location and receipt / delivery types; returns its id. */
export function addWarehouse(
  core: Pick<SimCore, 'db' | 'version'>,
  name: string,
  code: string,
  company = 1,
): number {
  const first = code === 'WH' && !core.db.all('stock.warehouse').length;
  const wh = core.db.insert('stock.warehouse', { name, code, company_id: company, active: true });
  equipWarehouse(core, wh.id, first);
  return wh.id;
}

/**
 * Gives a warehouse record its view and stock locations and its receipt and delivery types, as
 * Odoo's stock.warehouse create does; `first` uses the database's initial locations (WH/Stock).
 */
export function equipWarehouse(core: Pick<SimCore, 'db' | 'version'>, whId: number, first = false): void {
  const code = str(core.db.get('stock.warehouse', whId)?.code) || 'WH';
  const loc = first
    ? locations(core)
    : {
        view: core.db.insert('stock.location', {
          name: code,
          usage: 'view',
          location_id: false,
          active: true,
        }).id,
        stock: 0,
        customers: core.db.where('stock.location', (l) => l.usage === 'customer')[0]?.id ?? 0,
      };
  if (!loc.stock) {
    loc.stock = core.db.insert('stock.location', {
      name: 'Stock',
      usage: 'internal',
      location_id: loc.view,
      active: true,
    }).id;
  }
  const supplier = core.db.where('stock.location', (l) => l.usage === 'supplier')[0]?.id ?? false;
  core.db.update('stock.warehouse', whId, { lot_stock_id: loc.stock });
  core.db.update('stock.location', loc.view, { warehouse_id: whId });
  core.db.update('stock.location', loc.stock, { warehouse_id: whId });
  const type = (vals: Record<string, unknown>) =>
    core.db.insert('stock.picking.type', { warehouse_id: whId, active: true, ...vals }).id;
  const inType = type({
    name: 'Receipts',
    code: 'incoming',
    sequence_code: 'IN',
    default_location_src_id: supplier,
    default_location_dest_id: loc.stock,
  });
  const outType = type({
    name: 'Delivery Orders',
    code: 'outgoing',
    sequence_code: 'OUT',
    default_location_src_id: loc.stock,
    default_location_dest_id: loc.customers,
    return_picking_type_id: inType,
  });
  core.db.update('stock.warehouse', whId, { in_type_id: inType, out_type_id: outType });
}

function accounting(core: SimCore): void {
  // The generic chart's company has the United States as fiscal country from 17 on, and its taxes
  // that country (read back from real 17.0, 18.0 and 19.0); 16's has none.
  const us = core.db.where('res.country', (r) => r.code === 'US')[0]!.id;
  const country = core.version >= 17 ? { country_id: us } : {};
  if (core.version >= 17) core.db.update('res.company', 1, { account_fiscal_country_id: us });
  const group = core.db.insert('account.tax.group', { name: 'Tax 15%', company_id: 1 }).id;
  const tax = core.db.insert('account.tax', {
    tax_group_id: group,
    name: '15%',
    amount: 15,
    amount_type: 'percent',
    type_tax_use: 'sale',
    price_include: false,
    company_id: 1,
    active: true,
    ...country,
  });
  core.db.insert('account.tax', {
    tax_group_id: group,
    name: '15%',
    amount: 15,
    amount_type: 'percent',
    type_tax_use: 'purchase',
    price_include: false,
    company_id: 1,
    active: true,
    ...country,
  });
  core.db.settings.defaultSaleTaxIds = [tax.id];
  if (core.version >= 19)
    core.db.insert('account.tax', {
      tax_group_id: group,
      name: '0% Exports',
      amount: 0,
      amount_type: 'percent',
      type_tax_use: 'sale',
      price_include: false,
      company_id: 1,
      active: true,
      ...country,
    });
  // The generic chart's journals, named and listed (sequence) as each version lists them (flow-*.json).
  const listed: Record<string, readonly string[]> = {
    17: ['INV', 'BILL', 'MISC', 'STJ', 'EXCH', 'BNK1', 'CSH1', 'CABA'],
    18: ['INV', 'BILL', 'BNK1', 'MISC', 'CSH1', 'CABA', 'EXCH', 'STJ'],
    19: ['INV', 'BILL', 'BNK1', 'MISC', 'CABA', 'EXCH', 'STJ'],
  };
  const order = listed[Math.max(17, core.version)] ?? [];
  const journal = (name: string, code: string, type: string) => {
    if (!order.includes(code)) return;
    const sequence = order.indexOf(code) + 1;
    core.db.insert('account.journal', { name, code, type, sequence, company_id: 1, active: true });
  };
  journal(core.version >= 19 ? 'Sales' : 'Customer Invoices', 'INV', 'sale');
  journal(core.version >= 19 ? 'Purchases' : 'Vendor Bills', 'BILL', 'purchase');
  journal('Miscellaneous Operations', 'MISC', 'general');
  journal('Bank', 'BNK1', 'bank');
  journal('Inventory Valuation', 'STJ', 'general');
  journal('Exchange Difference', 'EXCH', 'general');
  journal('Cash', 'CSH1', 'cash');
  journal('Cash Basis Taxes', 'CABA', 'general');
  const acc = (code: string, name: string, accountType: string) =>
    addAccount(core, { code, name, accountType, companies: [1] });
  acc('121000', 'Account Receivable', 'asset_receivable');
  acc('101401', 'Bank', 'asset_cash');
  acc('251000', 'Tax Received', 'liability_current');
  acc('400000', 'Product Sales', 'income');
  acc('600000', 'Expenses', 'expense');
  acc('627000', 'Bank Fees', 'expense');
}

/**
 * An account of the given companies, as each version keeps it: one company (`company_id`) up to
 * 17, several (`company_ids`) with the code kept per company from 18 (one code for all here).
 */
export function addAccount(
  core: Pick<SimCore, 'db' | 'version'>,
  a: { code: string; name: string; accountType: string; companies: readonly number[] },
): number {
  if (core.version <= 17 && a.companies.length !== 1)
    throw new Error(`an Odoo ${core.version} account belongs to exactly one company`);
  return core.db.insert('account.account', {
    code_store: a.code,
    name: a.name,
    account_type: a.accountType,
    ...(core.version <= 17 ? { company_id: a.companies[0] } : { company_ids: [...a.companies] }),
  }).id;
}

function countries(core: SimCore): void {
  const c = (code: string, name: string) => core.db.insert('res.country', { code, name }).id;
  const us = c('US', 'United States');
  for (const [code, name] of [
    ['CA', 'California'],
    ['NY', 'New York'],
    ['TX', 'Texas'],
  ] as const) {
    core.db.insert('res.country.state', { code, name, country_id: us });
  }
  for (const [code, name] of [
    ['CA', 'Canada'],
    ['GB', 'United Kingdom'],
    ['DE', 'Germany'],
    ['FR', 'France'],
    ['NL', 'Netherlands'],
  ] as const)
    c(code, name);
}

const MODULES: Record<string, readonly App[]> = {
  base: ['base'],
  product: ['base'],
  sale: ['sale'],
  sale_management: ['sale'],
  stock: ['stock'],
  sale_stock: ['sale', 'stock'],
  account: ['account'],
  delivery: ['delivery'],
  // 17 split the picking side of delivery into stock_delivery (auto-installed with delivery and
  // stock); 16 has no such module (calls-17.json lists it, ODOO.md §6).
  stock_delivery: ['delivery', 'stock'],
};

/** Modules that are applications, with their manifest's sequence (the others: false, 100). */
const APPLICATIONS: Record<string, number> = { sale_management: 5, account: 10, stock: 25 };

export function seedBase(core: SimCore, apps: readonly App[]): void {
  const usd = core.db.insert('res.currency', { name: 'EUR', symbol: '€', active: false });
  const usdId = core.db.insert('res.currency', { name: 'USD', symbol: '$', active: true }).id;
  void usd;
  core.db.insert('res.company', { name: 'My Company', currency_id: usdId });
  core.db.insert('res.partner', {
    name: 'My Company',
    is_company: true,
    type: 'contact',
    active: true,
    company_id: 1,
  });
  core.db.insert('res.partner', { name: 'OdooBot', type: 'contact', active: false });
  core.db.insert('res.partner', { name: 'Mitchell Admin', type: 'contact', active: true });
  core.db.reserveIds('res.partner', 7);
  core.db.insert('res.users', { name: 'OdooBot', login: '__system__', company_id: 1 });
  core.db.insert('res.users', { name: 'Mitchell Admin', login: 'admin', company_id: 1 });
  core.db.insert('product.pricelist', { name: 'Default', currency_id: usdId, active: true });
  countries(core);
  for (const [name, needs] of Object.entries(MODULES)) {
    if (name === 'stock_delivery' && core.version <= 16) continue;
    const installed = needs.every((a) => apps.includes(a));
    core.db.insert('ir.module.module', {
      name,
      shortdesc: name,
      ...(APPLICATIONS[name] ? { application: true, sequence: APPLICATIONS[name] } : {}),
      state: installed ? 'installed' : 'uninstalled',
    });
  }
  if (apps.includes('stock')) addWarehouse(core, 'My Company', 'WH');
  if (apps.includes('account')) accounting(core);
  if (apps.includes('delivery')) {
    const product = core.callSync('product.product', 'create', [], {
      vals_list: {
        name: 'Standard delivery',
        type: 'service',
        list_price: 0,
        invoice_policy: 'order',
        taxes_id: [],
      },
    }) as number;
    core.db.insert('delivery.carrier', {
      name: 'Standard delivery',
      delivery_type: 'fixed',
      product_id: product,
      active: true,
    });
  }
}

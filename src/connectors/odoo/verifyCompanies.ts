/**
 * The `companies` check (start-up and `ferry odoo verify`): every Odoo id the configuration maps
 * for a company is that company's (or shared, where Odoo allows it), and every warehouse's Odoo
 * warehouse belongs to the company it ships for. Odoo would refuse each mismatch on the first
 * order ("Incompatible companies on records"); found here, it is one message naming both companies.
 */
import type { OdooClient } from './client.js';
import { companyScope } from './ops/companies.js';
import { m2oId } from './ops/context.js';
import type { OdooConfig } from './options.js';

/** A configured warehouse as the check sees it: its id, its Odoo warehouse (code or name), its company. */
export interface CompanySite {
  id: string;
  odooWarehouse: string;
  company: number;
}

interface Expect {
  model: string;
  id: number;
  company: number;
  /** Records of every company (company_id false) are allowed. */
  shared: boolean;
  where: string;
  /** A pricelist's currency: the one it is mapped for. */
  currency?: string;
}

/** Every configured id with the company it must belong to. */
function expectations(cfg: OdooConfig, sites: readonly CompanySite[]): Expect[] {
  const out: Expect[] = cfg.taxes.map((t, i) => ({
    model: 'account.tax',
    id: t.odooTaxId,
    company: t.company ?? cfg.company,
    shared: false,
    where: `odoo.taxes[${i}]`,
  }));
  const companies = new Set([
    cfg.company,
    ...Object.keys(cfg.companySettings).map(Number),
    ...Object.values(cfg.channelCompanies),
  ]);
  for (const company of companies) {
    const s = companyScope(cfg, company);
    const add = (model: string, id: number | undefined, where: string, shared = true, currency?: string) => {
      if (id !== undefined)
        out.push({ model, id, company, shared, where, ...(currency ? { currency } : {}) });
    };
    for (const [cur, id] of Object.entries(s.pricelists))
      add('product.pricelist', id, `${s.where('pricelists')}.${cur}`, true, cur);
    add('product.product', s.shippingProductId, s.where('shippingProductId'));
    add('product.product', s.discountProductId, s.where('discountProductId'));
    for (const [kind, id] of Object.entries(s.lineProducts))
      add('product.product', id, `${s.where('lineProducts')}.${kind}`);
    for (const [name, id] of Object.entries(s.paymentTerms))
      add('account.payment.term', id, `${s.where('paymentTerms')}.${name}`);
    add('account.journal', s.salesJournalId, s.where('salesJournalId'), false);
  }
  // A warehouse code an order may ask for (odoo.warehouses) is the warehouse's, of its company.
  for (const [code, id] of Object.entries(cfg.warehouses)) {
    const site = sites.find((s) => s.id === code);
    if (site)
      out.push({
        model: 'stock.warehouse',
        id,
        company: site.company,
        shared: false,
        where: `odoo.warehouses.${code}`,
      });
  }
  for (const [channel, products] of Object.entries(cfg.channelLineProducts)) {
    const company = cfg.channelCompanies[channel] ?? cfg.company;
    for (const [kind, id] of Object.entries(products))
      out.push({
        model: 'product.product',
        id,
        company,
        shared: true,
        where: `channels.${channel}.lineProducts.${kind}`,
      });
  }
  return out;
}

type Row = {
  id: number;
  display_name?: string;
  company_id: unknown;
  currency_id?: unknown;
  code?: string;
  name?: string;
};

/** A currency many2one's code: its display name ("USD"). */
function currencyCode(v: unknown): string | undefined {
  return Array.isArray(v) && typeof v[1] === 'string' ? v[1] : undefined;
}

async function mappedProblems(
  c: OdooClient,
  sites: readonly CompanySite[],
  names: Map<number, string>,
): Promise<string[]> {
  const want = expectations(c.connection.cfg, sites);
  const problems: string[] = [];
  for (const model of [...new Set(want.map((w) => w.model))]) {
    const ids = [...new Set(want.filter((w) => w.model === model).map((w) => w.id))];
    const rows = await c.connection.call<Row[]>(model, 'read', {
      ids,
      fields: ['display_name', 'company_id', ...(model === 'product.pricelist' ? ['currency_id'] : [])],
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const w of want.filter((x) => x.model === model)) {
      const r = byId.get(w.id);
      if (!r) {
        problems.push(`${w.where}: ${model} ${w.id} does not exist`);
        continue;
      }
      const cur = currencyCode(r.currency_id);
      if (w.currency && cur && cur !== w.currency)
        problems.push(
          `${w.where}: ${model} ${w.id} "${r.display_name ?? ''}" is in ${cur}, not ${w.currency}; map it under ${cur} or name a pricelist in ${w.currency}`,
        );
      const owner = m2oId(r.company_id);
      if (owner === w.company || (owner === false && w.shared)) continue;
      const has = owner === false ? 'belongs to no company' : `belongs to company ${label(owner, names)}`;
      problems.push(
        `${w.where}: ${model} ${w.id} "${r.display_name ?? ''}" ${has}, not to company ${label(w.company, names)}`,
      );
    }
  }
  return problems;
}

async function siteProblems(c: OdooClient, sites: readonly CompanySite[], names: Map<number, string>) {
  if (!sites.length) return [];
  const keys = [...new Set(sites.map((s) => s.odooWarehouse))];
  const rows = await c.connection.call<Row[]>('stock.warehouse', 'search_read', {
    domain: ['|', ['code', 'in', keys], ['name', 'in', keys]],
    fields: ['code', 'name', 'company_id'],
  });
  const problems: string[] = [];
  for (const s of sites) {
    const wh = rows.find((r) => r.code === s.odooWarehouse) ?? rows.find((r) => r.name === s.odooWarehouse);
    if (!wh) {
      problems.push(`warehouse "${s.id}": Odoo has no warehouse "${s.odooWarehouse}"`);
      continue;
    }
    const owner = m2oId(wh.company_id);
    if (owner === s.company) continue;
    problems.push(
      `warehouse "${s.id}" ships for Odoo company ${label(s.company, names)}, but Odoo warehouse "${s.odooWarehouse}" belongs to company ${owner === false ? 'none' : label(owner, names)}; set warehouses[].odooCompany or odooWarehouse`,
    );
  }
  return problems;
}

function label(id: number, names: Map<number, string>): string {
  const n = names.get(id);
  return n ? `${id} (${n})` : String(id);
}

/** The check: one read per model mapped, one search of the warehouses, the companies (once per connection). */
export function companiesStep(sites: readonly CompanySite[] = []) {
  return async (c: OdooClient): Promise<string> => {
    // The client's own read, once per connection: the orders that follow use the same currencies.
    const companies = await c.companies();
    const names = new Map([...companies].map(([id, r]) => [id, r.name]));
    const cfg = c.connection.cfg;
    const own = companies.get(cfg.company)?.currency;
    const problems = [
      ...(cfg.currency && own && own !== cfg.currency
        ? [
            `odoo.currency is ${cfg.currency}, but Odoo company ${label(cfg.company, names)} keeps its books in ${own}; remove odoo.currency (Ferry reads each company's currency from Odoo) or correct it`,
          ]
        : []),
      ...(await mappedProblems(c, sites, names)),
      ...(await siteProblems(c, sites, names)),
    ];
    if (problems.length) throw new Error(problems.join('; '));
    const used = new Set([c.connection.cfg.company, ...sites.map((s) => s.company)]);
    const currencyOf = (id: number) => companies.get(id)?.currency;
    return `mappings and warehouses belong to their companies (${[...used].map((id) => `${label(id, names)} in ${currencyOf(id) ?? '?'}`).join(', ')})`;
  };
}

/** The connection check against the simulator: a good Odoo passes, each misconfiguration gives one clear failure. */
import { afterEach, describe, expect, it } from 'vitest';
import { OdooSimulator, addWarehouse } from '../../sandbox/odoo/index.js';
import type { OdooVersion } from '../../sandbox/odoo/index.js';
import { verifyConnection } from './verify.js';

let sim: OdooSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(version: OdooVersion, apps?: ('sale' | 'stock' | 'account' | 'delivery')[]) {
  sim = new OdooSimulator({ version, db: 'ferry', ...(apps ? { apps } : {}) });
  return sim.start();
}

const opts = (url: string) => ({ url, db: 'ferry', login: 'admin', apiKey: 'sim-admin-key' });

describe.each([16, 17, 18, 19] as const)('verify on Odoo %i', (version) => {
  it('passes every check, including --write, and counts round trips', async () => {
    const url = await start(version);
    const r = await verifyConnection(opts(url), { write: true, tag: 'FERRY-VERIFY-T' });
    const failed = r.checks.filter((c) => !c.ok);
    expect(failed).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.protocol).toBe(version >= 19 ? 'json2' : 'jsonrpc');
    expect(r.version).toContain(String(version));
    expect(r.checks.map((c) => c.name)).toContain('write: credit note');
    expect(r.checks.find((c) => c.name === 'warehouses')?.detail).toContain('WH/Stock');
    expect(r.checks.every((c) => c.roundTrips > 0 || c.name === 'connect')).toBe(true);
    expect(sim!.core.db.where('res.partner', (p) => p.ref === 'verify:FERRY-VERIFY-T')).toHaveLength(1);
    const cleanup = r.checks.at(-1)!;
    expect(cleanup).toMatchObject({ name: 'cleanup', ok: true });
    expect(cleanup.detail).toMatch(
      /cancelled backorder \d+; credited the rest of invoice \d+; archived product/,
    );
    const product = sim!.core.db.where('product.product', (p) => p.default_code === 'FERRY-VERIFY-T')[0];
    expect(product?.active).toBe(false);
    const credited = sim!.core.db.where(
      'account.move',
      (m) => m.move_type === 'out_refund' && m.state === 'posted',
    );
    expect(credited).toHaveLength(2);
  });

  it('a mapping or warehouse of another company fails the companies check, naming both companies', async () => {
    const url = await start(version);
    const core = sim!.core;
    const usd = core.db.where('res.currency', (c) => c.name === 'USD')[0]!.id;
    const b = core.callSync('res.company', 'create', [], {
      vals_list: { name: 'Ferry US Inc', currency_id: usd },
    }) as number;
    if (!core.db.where('stock.warehouse', (w) => w.company_id === b).length)
      addWarehouse(core, 'US Inc', 'USINC', b);
    const whB = core.db.where('stock.warehouse', (w) => w.company_id === b)[0]!;
    const plA = core.db.insert('product.pricelist', { name: 'A USD', currency_id: usd, company_id: 1 }).id;
    const plB = core.db.insert('product.pricelist', { name: 'B USD', currency_id: usd, company_id: b }).id;
    const journalA = core.db.where('account.journal', (j) => j.type === 'sale' && j.company_id === 1)[0]!.id;
    const good = {
      ...opts(url),
      pricelists: { USD: plA },
      channelCompanies: { 'shop-us': b },
      companySettings: { [b]: { pricelists: { USD: plB } } },
    };
    const sites = [
      { id: 'eu-wms', odooWarehouse: 'WH', company: 1 },
      { id: 'us-3pl', odooWarehouse: String(whB.code), company: b },
    ];
    const ok = await verifyConnection(good, { sites });
    expect(ok.checks.find((c) => c.name === 'companies')).toMatchObject({ ok: true });
    const whA = core.db.where('stock.warehouse', (w) => w.code === 'WH')[0]!.id;
    const bad = await verifyConnection(
      {
        ...good,
        warehouses: { 'us-3pl': whA },
        companySettings: { [b]: { pricelists: { USD: plA }, salesJournalId: journalA } },
      },
      { sites: [{ ...sites[0]!, company: b }, sites[1]!] },
    );
    const check = bad.checks.find((c) => c.name === 'companies')!;
    expect(bad.ok).toBe(false);
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(
      `odoo.companies.${b}.pricelists.USD: product.pricelist ${plA} "A USD" belongs to company 1 (My Company), not to company ${b} (Ferry US Inc)`,
    );
    expect(check.detail).toContain(`odoo.companies.${b}.salesJournalId: account.journal ${journalA}`);
    const whName = String(core.db.get('stock.warehouse', whA)!.name);
    expect(check.detail).toContain(
      `odoo.warehouses.us-3pl: stock.warehouse ${whA} "${whName}" belongs to company 1 (My Company), not to company ${b} (Ferry US Inc)`,
    );
    expect(check.detail).toContain(
      `warehouse "eu-wms" ships for Odoo company ${b} (Ferry US Inc), but Odoo warehouse "WH" belongs to company 1 (My Company)`,
    );
  });

  it("names each company's currency, and fails a pricelist mapped under another currency or odoo.currency Odoo does not keep", async () => {
    const url = await start(version);
    const core = sim!.core;
    const usd = core.db.where('res.currency', (c) => c.name === 'USD')[0]!.id;
    const eur = core.db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
    const b = core.callSync('res.company', 'create', [], {
      vals_list: { name: 'Ferry EU BV', currency_id: eur },
    }) as number;
    if (!core.db.where('stock.warehouse', (w) => w.company_id === b).length)
      addWarehouse(core, 'EU BV', 'EUBV', b);
    const plEur = core.db.insert('product.pricelist', { name: 'B EUR', currency_id: eur, company_id: b }).id;
    const plUsd = core.db.insert('product.pricelist', { name: 'B USD', currency_id: usd, company_id: b }).id;
    const sites = [
      { id: 'us-wms', odooWarehouse: 'WH', company: 1 },
      {
        id: 'eu-3pl',
        odooWarehouse: String(core.db.where('stock.warehouse', (w) => w.company_id === b)[0]!.code),
        company: b,
      },
    ];
    const good = {
      ...opts(url),
      currency: 'USD',
      channelCompanies: { 'shop-eu': b },
      companySettings: { [b]: { pricelists: { EUR: plEur, USD: plUsd } } },
    };
    const ok = await verifyConnection(good, { sites });
    expect(ok.checks.find((c) => c.name === 'companies')).toMatchObject({
      ok: true,
      detail: `mappings and warehouses belong to their companies (1 (My Company) in USD, ${b} (Ferry EU BV) in EUR)`,
    });
    const bad = await verifyConnection(
      { ...good, currency: 'EUR', companySettings: { [b]: { pricelists: { EUR: plUsd } } } },
      { sites },
    );
    const check = bad.checks.find((c) => c.name === 'companies')!;
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(
      "odoo.currency is EUR, but Odoo company 1 (My Company) keeps its books in USD; remove odoo.currency (Ferry reads each company's currency from Odoo) or correct it",
    );
    expect(check.detail).toContain(`odoo.companies.${b}.pricelists.EUR: product.pricelist ${plUsd} "B USD`);
    expect(check.detail).toContain(`is in USD, not EUR; map it under USD or name a pricelist in EUR`);
  });

  it('without stock_delivery: passes with a warning that names the module, and ships with chatter tracking', async () => {
    const url = await start(version, ['sale', 'stock', 'account']);
    const r = await verifyConnection(opts(url), { write: true, tag: 'FERRY-VERIFY-M' });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    const tracking = r.checks.find((c) => c.name === 'tracking numbers');
    expect(tracking).toMatchObject({ ok: true, warning: true });
    expect(tracking?.detail).toContain(`install ${version <= 16 ? 'delivery' : 'stock_delivery'}`);
    expect(sim!.core.db.where('mail.message', (m) => String(m.body).includes('FERRY-VERIFY-M'))).toHaveLength(
      1,
    );
  });
});

describe('verify --write refuses what looks like production', () => {
  it('a configured production environment', async () => {
    const url = await start(18);
    const r = await verifyConnection(opts(url), { write: true, environment: 'production' });
    expect(r.ok).toBe(false);
    expect(r.checks.at(-1)).toMatchObject({ name: 'write: safe database', ok: false });
    expect(r.checks.at(-1)!.detail).toContain('--allow-production');
    expect(sim!.core.db.where('res.partner', (p) => String(p.ref).startsWith('verify:'))).toHaveLength(0);
  });

  it('posted invoices of real customers, unless --allow-production', async () => {
    const url = await start(17);
    const first = await verifyConnection(opts(url), { write: true, tag: 'FERRY-VERIFY-A' });
    expect(first.ok).toBe(true);
    // a second verify run is fine: the posted invoices are verify's own
    expect((await verifyConnection(opts(url), { write: true, tag: 'FERRY-VERIFY-B' })).ok).toBe(true);
    const customer = sim!.core.db.where('res.partner', (p) => p.ref === 'verify:FERRY-VERIFY-A')[0]!;
    sim!.core.db.update('res.partner', customer.id, { ref: 'C-0042' });
    const refused = await verifyConnection(opts(url), { write: true, tag: 'FERRY-VERIFY-C' });
    expect(refused.checks.at(-1)!.detail).toMatch(/looks like production \(\d+ posted customer invoices/);
    const allowed = await verifyConnection(opts(url), {
      write: true,
      tag: 'FERRY-VERIFY-D',
      allowProduction: true,
    });
    expect(allowed.ok).toBe(true);
  });
});

describe('verify reports configuration errors once, clearly', () => {
  it('wrong URL', async () => {
    const url = await start(17);
    await sim!.stop();
    const r = await verifyConnection(opts(url));
    expect(r.ok).toBe(false);
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]!.detail).toMatch(/cannot reach Odoo at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it('wrong database', async () => {
    const url = await start(17);
    const r = await verifyConnection({ ...opts(url), db: 'nope' });
    expect(r.checks.map((c) => c.ok)).toEqual([true, false]);
    expect(r.checks[1]!.detail).toContain('database "nope" is not available');
  });

  it.each([17, 19] as const)('bad key on %i', async (v) => {
    const url = await start(v);
    const r = await verifyConnection({ ...opts(url), apiKey: 'wrong' });
    expect(r.checks.map((c) => c.ok)).toEqual([true, false]);
    expect(r.checks[1]!.detail).toContain('partner_auth: Odoo refused login "admin" on database "ferry"');
  });

  it.each([
    [['stock', 'account'], 'sale'],
    [['sale', 'account'], 'stock'],
  ] as const)('Odoo with only %j', async (apps, missing) => {
    const url = await start(18, [...apps]);
    const r = await verifyConnection(opts(url));
    expect(r.ok).toBe(false);
    expect(r.checks.at(-1)).toMatchObject({ name: 'apps', ok: false });
    expect(r.checks.at(-1)!.detail).toContain(`Odoo apps not installed: ${missing}`);
  });

  it('a user without sales rights fails the access checks of those models only', async () => {
    const url = await start(17);
    sim!.core.users.push({
      uid: 6,
      login: 'bot',
      password: 'x',
      apiKeys: ['bot-key'],
      access: { 'res.partner': ['read', 'write', 'create'], 'ir.module.module': ['read'] },
    });
    const r = await verifyConnection({ ...opts(url), login: 'bot', apiKey: 'bot-key' });
    expect(r.checks.find((c) => c.name === 'access res.partner')?.ok).toBe(true);
    expect(r.checks.find((c) => c.name === 'access sale.order')?.detail).toContain(
      'may not read, write, create sale.order',
    );
  });
});

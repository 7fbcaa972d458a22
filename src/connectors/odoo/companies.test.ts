/**
 * Orders of two Odoo companies through one connection: each books with its own company's products
 * (a SKU each company keeps as its own product resolves per company), pricelist, taxes and sales
 * journal; a setting missing for a company is an error naming the company, never the other
 * company's setting (which Odoo would refuse: "Incompatible companies on records").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import { Order } from '../../core/model.js';
import { addAccount, addWarehouse, seedProduct, type OdooSimulator } from '../../sandbox/odoo/index.js';
import { order, rig } from '../../test-helpers/odooFixtures.js';
import type { Rig } from '../../test-helpers/odooFixtures.js';
import { createOdooClient, type OdooOptions } from './index.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

interface World {
  b: number;
  taxB: number;
  skuA: number;
  skuB: number;
  plA: number;
  plB: number;
  journalB: number;
  shipping: number;
}

/** Company B with its warehouse, tax, pricelist, a second sales journal and its own SKU-1; SKU-1 and SKU-2 of A become A's. */
function seedCompanyB(sim: OdooSimulator): World {
  const core = sim.core;
  const usd = core.db.where('res.currency', (c) => c.name === 'USD')[0]!.id;
  const us = core.db.where('res.country', (c) => c.code === 'US')[0]?.id ?? false;
  const b = core.callSync('res.company', 'create', [], {
    vals_list: { name: 'Ferry US Inc', currency_id: usd },
  }) as number;
  if (!core.db.where('stock.warehouse', (w) => w.company_id === b).length)
    addWarehouse(core, 'US Inc', 'USINC', b);
  if (core.version >= 17) core.db.insert('account.tax.group', { name: 'US taxes', company_id: b });
  const taxB = core.callSync('account.tax', 'create', [], {
    vals_list: { name: 'US Tax 15%', amount: 15, type_tax_use: 'sale', company_id: b, country_id: us },
  }) as number;
  const skuA = core.db.where('product.product', (p) => p.default_code === 'SKU-1')[0]!.id;
  core.db.update('product.product', skuA, { company_id: 1 });
  core.db.update(
    'product.product',
    core.db.where('product.product', (p) => p.default_code === 'SKU-2')[0]!.id,
    {
      company_id: 1,
    },
  );
  const skuB = seedProduct(core, {
    sku: 'SKU-1',
    name: 'Widget (US Inc)',
    price: 13.75,
    invoicePolicy: 'order',
  });
  core.db.update('product.product', skuB, { company_id: b });
  const shipping = seedProduct(core, { sku: 'SHIP', price: 0, storable: false, invoicePolicy: 'order' });
  const journal = (name: string, code: string, sequence: number) =>
    core.db.insert('account.journal', { name, code, type: 'sale', sequence, company_id: b, active: true }).id;
  journal('US Invoices', 'USINV', 1);
  return {
    b,
    taxB,
    skuA,
    skuB,
    plA: core.db.insert('product.pricelist', { name: 'A USD', currency_id: usd, company_id: 1 }).id,
    plB: core.db.insert('product.pricelist', { name: 'B USD', currency_id: usd, company_id: b }).id,
    journalB: journal('US Webshop Sales', 'USWEB', 2),
    shipping,
  };
}

function options(w: World, over: Partial<OdooOptions> = {}): Partial<OdooOptions> {
  return {
    channelCompanies: { 'shop-b': w.b },
    taxes: [{ title: 'Tax 15%', company: w.b, odooTaxId: w.taxB }],
    pricelists: { USD: w.plA },
    shippingProductId: w.shipping,
    companySettings: {
      [w.b]: { pricelists: { USD: w.plB }, shippingProductId: w.shipping, salesJournalId: w.journalB },
    },
    ...over,
  };
}

/** An order of channel `channel` with SKU-1 (and SKU-2 when `withSku2`). */
function orderOf(channel: string, n: number, lines = 1): Order {
  return Order.parse({ ...order(n, {}, lines), channel });
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isFerryError(e), String(e)).toBe(true);
  return e as { code: string; message: string };
}

describe.each([16, 17, 19] as const)('two Odoo companies on Odoo %i', (version) => {
  it("books each company's order with its own product, pricelist and taxes, in one batch", async () => {
    let w!: World;
    r = await rig(version, (sim) => options((w = seedCompanyB(sim))));
    const res = await r.client.createAndConfirmOrders([orderOf('shop', 1), orderOf('shop-b', 2)]);
    expect(res.failed).toEqual([]);
    const db = r.sim.core.db;
    const so = (ref: string) => db.where('sale.order', (o) => o.client_order_ref === ref)[0]!;
    const line = (id: number) => db.where('sale.order.line', (l) => l.order_id === id)[0]!;
    const a = so('shop:O-1');
    const b = so('shop-b:O-2');
    expect([a.company_id, a.pricelist_id, line(a.id).product_id]).toEqual([1, w.plA, w.skuA]);
    expect([b.company_id, b.pricelist_id, line(b.id).product_id]).toEqual([w.b, w.plB, w.skuB]);
    const taxField = version >= 19 ? 'tax_ids' : 'tax_id';
    expect(line(b.id)[taxField]).toEqual([w.taxB]);
    expect(db.get('stock.warehouse', b.warehouse_id as number)!.company_id).toBe(w.b);
  });

  it("never serves one company's product to the other: a SKU only company A has is unknown in B", async () => {
    r = await rig(version, (sim) => options(seedCompanyB(sim)));
    const e = await refusal(r.client.createAndConfirmOrder(orderOf('shop-b', 3, 2)));
    expect(e.code).toBe('mapping_missing');
    expect(e.message).toMatch(/no active Odoo product with SKU or barcode SKU-2 in Odoo company \d+/);
  });

  it("never lends the other company's pricelist or shipping product: a missing one names the company", async () => {
    let w!: World;
    r = await rig(version, (sim) => {
      w = seedCompanyB(sim);
      return options(w, { companySettings: { [w.b]: {} } });
    });
    // No USD pricelist of B: Odoo's default for the customer in B, never A's list.
    const plain = await r.client.createAndConfirmOrder(orderOf('shop-b', 4));
    const so = r.sim.core.db.get('sale.order', plain.odooId)!;
    expect([so.company_id, so.pricelist_id ?? false]).toEqual([w.b, false]);
    const shipped = Order.parse({
      ...orderOf('shop-b', 5),
      shippingLines: [
        {
          title: 'Standard',
          price: { amountMinor: 500, currency: 'USD' },
          discount: { amountMinor: 0, currency: 'USD' },
          taxes: [],
        },
      ],
    });
    const noShipping = await refusal(r.client.createAndConfirmOrder(shipped));
    expect(noShipping.code).toBe('config_invalid');
    expect(noShipping.message).toContain(
      `no Odoo shipping product is configured for company ${w.b}; set odoo.companies.${w.b}.shippingProductId`,
    );
    expect(r.sim.core.db.where('sale.order', (o) => o.client_order_ref === 'shop-b:O-5')).toEqual([]);
  });

  it("finds every company's product of a SKU for stock reads, and each company only its own for orders", async () => {
    let w!: World;
    r = await rig(version, (sim) => options((w = seedCompanyB(sim))));
    expect((await r.client.resolveProductsAnyCompany(['SKU-1'])).get('SKU-1')!.sort()).toEqual(
      [w.skuA, w.skuB].sort(),
    );
    expect(await r.client.resolveProducts(['SKU-1'])).toEqual(new Map([['SKU-1', w.skuA]]));
    // The price rule reads each company's own price of the SKU.
    expect(await r.client.listPrices(['SKU-1', 'SKU-3'], 'USD', w.b)).toEqual(
      new Map([
        ['SKU-1', 1375],
        ['SKU-3', 1250],
      ]),
    );
    expect(await r.client.listPrices(['SKU-1'], 'USD', 1)).toEqual(new Map([['SKU-1', 1250]]));
    expect(await r.client.resolveProducts(['SKU-1', 'SKU-3'], w.b)).toEqual(
      new Map([
        ['SKU-1', w.skuB],
        ['SKU-3', r.products[2]],
      ]),
    );
  });

  it("invoices and credits company B's order in B's configured sales journal", async () => {
    let w!: World;
    r = await rig(version, (sim) => options((w = seedCompanyB(sim))));
    const o = await r.client.createAndConfirmOrder(orderOf('shop-b', 6));
    const inv = await r.client.invoiceOrder(o.odooId);
    const invoice = r.sim.core.db.get('account.move', inv.posted[0]!.id)!;
    expect([invoice.company_id, invoice.journal_id, invoice.state]).toEqual([w.b, w.journalB, 'posted']);
    const credit = await r.client.createCreditNote({
      invoiceId: invoice.id,
      key: 'cn-b-6',
      reason: 'Return',
    });
    const note = r.sim.core.db.get('account.move', credit.creditNoteId)!;
    expect([note.company_id, note.journal_id, note.move_type]).toEqual([w.b, w.journalB, 'out_refund']);
  });
});

/**
 * Journal entries of company B: B's journal and B's accounts of the codes given, never A's. The
 * account search is per version: `company_id` up to 17; from 18 `company_ids` with B current
 * (`allowed_company_ids`), since an account's code is kept per company and searched in the
 * current one, and account.account has no `company_id`.
 */
describe.each([16, 17, 18, 19] as const)(
  "journal entries in each company's accounts on Odoo %i",
  (version) => {
    let w!: World;
    let miscB = 0;
    let accountsB: Record<string, number> = {};
    async function start() {
      r = await rig(version, (sim) => {
        w = seedCompanyB(sim);
        miscB = sim.core.db.insert('account.journal', {
          name: 'US Misc',
          code: 'MISC',
          type: 'general',
          sequence: 9,
          company_id: w.b,
          active: true,
        }).id;
        accountsB = {
          '627000': addAccount(sim.core, {
            code: '627000',
            name: 'US Bank Fees',
            accountType: 'expense',
            companies: [w.b],
          }),
          '101401': addAccount(sim.core, {
            code: '101401',
            name: 'US Bank',
            accountType: 'asset_cash',
            companies: [w.b],
          }),
        };
        return options(w);
      });
      return r;
    }
    const lines = [
      { account: '627000', debitMinor: 250 },
      { account: '101401', creditMinor: 250 },
    ];
    const accountsOf = (moveId: number) =>
      r!.sim.core.db.where('account.move.line', (l) => l.move_id === moveId).map((l) => l.account_id);

    it("posts in its company's journal and accounts of those codes, never the other company's", async () => {
      const rig = await start();
      const db = rig.sim.core.db;
      const b = await rig.client.postJournalEntry({ key: 'fee-b-1', currency: 'USD', company: w.b, lines });
      const a = await rig.client.postJournalEntry({ key: 'fee-a-1', currency: 'USD', lines });
      const moveB = db.get('account.move', b.moveId)!;
      expect([moveB.journal_id, moveB.company_id, moveB.state]).toEqual([miscB, w.b, 'posted']);
      expect(accountsOf(b.moveId)).toEqual([accountsB['627000'], accountsB['101401']]);
      const miscA = db.get('account.journal', db.get('account.move', a.moveId)!.journal_id as number)!;
      expect([miscA.code, miscA.company_id]).toEqual(['MISC', 1]);
      const codeA = (id: unknown) => db.get('account.account', id as number)!;
      expect(accountsOf(a.moveId).map((id) => codeA(id).code_store)).toEqual(['627000', '101401']);
      expect(accountsOf(a.moveId).some((id) => Object.values(accountsB).includes(id as number))).toBe(false);
    });

    it('names the company and the codes it lacks, and creates nothing', async () => {
      const rig = await start();
      const before = rig.sim.core.db.all('account.move').length;
      const e = await refusal(
        rig.client.postJournalEntry({
          key: 'fee-b-2',
          currency: 'USD',
          company: w.b,
          // 400000 is company A's only.
          lines: [
            { account: '400000', debitMinor: 100 },
            { account: '101401', creditMinor: 100 },
          ],
        }),
      );
      expect(e.code).toBe('mapping_missing');
      expect(e.message).toBe(`Odoo company ${w.b} has no account 400000 for journal entry fee-b-2`);
      expect(rig.sim.core.db.all('account.move')).toHaveLength(before);
    });

    // Only 18+ shares one account between companies (company_ids); up to 17 an account has one company.
    if (version >= 18)
      it('uses an account shared by both companies in each', async () => {
        const rig = await start();
        const shared = addAccount(rig.sim.core, {
          code: '999000',
          name: 'Clearing',
          accountType: 'asset_current',
          companies: [1, w.b],
        });
        const clearing = [
          { account: '999000', debitMinor: 100 },
          { account: '101401', creditMinor: 100 },
        ];
        const b = await rig.client.postJournalEntry({
          key: 'clr-b',
          currency: 'USD',
          company: w.b,
          lines: clearing,
        });
        const a = await rig.client.postJournalEntry({ key: 'clr-a', currency: 'USD', lines: clearing });
        expect(accountsOf(b.moveId)[0]).toBe(shared);
        expect(accountsOf(a.moveId)[0]).toBe(shared);
      });
  },
);

/** The same order in `currency` (every amount's currency), for a company that keeps its books in it. */
function inCurrency(o: Order, currency: string): Order {
  return Order.parse(
    JSON.parse(JSON.stringify(o).replaceAll('"currency":"USD"', `"currency":"${currency}"`)),
  );
}

/**
 * Each company's currency is Odoo's (res.company `currency_id`, read once per connection): list
 * prices compare in it, and an order in another currency books on its company's pricelist for that
 * currency or is refused naming the company and the currency — never sent without a pricelist, which
 * would book the channel's amounts in the company's currency.
 */
describe.each([16, 17, 18, 19] as const)('company currencies on Odoo %i', (version) => {
  let w!: World;
  let plBusd = 0;
  async function start(pricelistsB: Record<string, number> | 'usd' = {}) {
    r = await rig(version, (sim) => {
      w = seedCompanyB(sim);
      const db = sim.core.db;
      const eur = db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
      db.update('res.currency', eur, { active: true });
      db.update('res.company', w.b, { currency_id: eur });
      db.update('product.pricelist', w.plB, { currency_id: eur });
      const usd = db.where('res.currency', (c) => c.name === 'USD')[0]!.id;
      plBusd = db.insert('product.pricelist', { name: 'B USD', currency_id: usd, company_id: w.b }).id;
      const own = pricelistsB === 'usd' ? { EUR: w.plB, USD: plBusd } : pricelistsB;
      return options(w, {
        companySettings: {
          [w.b]: { pricelists: own, shippingProductId: w.shipping, salesJournalId: w.journalB },
        },
      });
    });
    return r;
  }

  it('refuses an order in a currency no pricelist of its company serves, naming both, before any customer is made', async () => {
    const rig = await start();
    const db = rig.sim.core.db;
    const partners = db.all('res.partner').length;
    const alone = await rig.client.createAndConfirmOrders([orderOf('shop-b', 12)]);
    expect(alone.ok).toEqual([]);
    expect(alone.failed.map((f) => [f.channelRef, f.error.code, f.error.message])).toEqual([
      [
        'shop-b:O-12',
        'mapping_missing',
        `order shop-b:O-12 is in USD, but Odoo company ${w.b} keeps its books in EUR and has no pricelist in USD; set odoo.companies.${w.b}.pricelists.USD to a pricelist of company ${w.b} in USD, then replay`,
      ],
    ]);
    expect(db.where('sale.order', (o) => o.client_order_ref === 'shop-b:O-12')).toEqual([]);
    expect(db.all('res.partner')).toHaveLength(partners); // no customer made for it
    // In a batch, the other company's order still books.
    const both = await rig.client.createAndConfirmOrders([orderOf('shop', 11), orderOf('shop-b', 12)]);
    expect(both.ok.map((o) => o.channelRef)).toEqual(['shop:O-11']);
    expect(both.failed.map((f) => f.channelRef)).toEqual(['shop-b:O-12']);
  });

  it("books an order in the company's own currency without a pricelist, and another currency on its pricelist", async () => {
    const rig = await start({});
    const eurOrder = await rig.client.createAndConfirmOrder(inCurrency(orderOf('shop-b', 13), 'EUR'));
    const so = rig.sim.core.db.get('sale.order', eurOrder.odooId)!;
    const eur = rig.sim.core.db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
    expect([so.company_id, so.pricelist_id ?? false, so.currency_id]).toEqual([w.b, false, eur]);
    await rig.stop();
    const withUsd = await start('usd');
    const usdOrder = await withUsd.client.createAndConfirmOrder(orderOf('shop-b', 14));
    const so2 = withUsd.sim.core.db.get('sale.order', usdOrder.odooId)!;
    expect([so2.company_id, so2.pricelist_id]).toEqual([w.b, plBusd]);
  });

  it('reads the companies again for a company Odoo did not have at the first read (at most once a minute)', async () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const rig = await start();
    const client = createOdooClient({
      url: rig.sim.url,
      db: 'ferry',
      login: 'admin',
      apiKey: 'sim-admin-key',
      taxes: [{ title: 'Tax 15%', odooTaxId: rig.sim.core.db.settings.defaultSaleTaxIds[0]! }],
      channelCompanies: { 'shop-c': w.b + 1 },
      clock: { now: () => now },
    });
    try {
      expect(await client.listPrices(['SKU-1'], 'USD', 1)).toEqual(new Map([['SKU-1', 1250]]));
      const db = rig.sim.core.db;
      const eur = db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
      const c = rig.sim.core.callSync('res.company', 'create', [], {
        vals_list: { name: 'Ferry NL BV', currency_id: eur },
      }) as number;
      expect(c).toBe(w.b + 1);
      now += 61_000;
      const res = await client.createAndConfirmOrders([orderOf('shop-c', 15)]);
      expect(res.failed.map((f) => f.error.message)).toEqual([
        `order shop-c:O-15 is in USD, but Odoo company ${c} keeps its books in EUR and has no pricelist in USD; set odoo.companies.${c}.pricelists.USD to a pricelist of company ${c} in USD, then replay`,
      ]);
    } finally {
      await client.close();
    }
  });

  it("gives list prices only in the company's own currency", async () => {
    const rig = await start();
    expect(await rig.client.listPrices(['SKU-1'], 'EUR', w.b)).toEqual(new Map([['SKU-1', 1375]]));
    expect(await rig.client.listPrices(['SKU-1'], 'USD', w.b)).toEqual(new Map());
    expect(await rig.client.listPrices(['SKU-1'], 'USD', 1)).toEqual(new Map([['SKU-1', 1250]]));
    expect(await rig.client.listPrices(['SKU-1'], 'EUR')).toEqual(new Map());
  });
});

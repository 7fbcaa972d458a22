/**
 * Multi-company consistency, as Odoo's `_check_company` enforces it (odoo/models.py, 17–19): a
 * sale order of company B refuses a product, tax, pricelist, warehouse, payment term or invoicing
 * journal of company A with a UserError "Incompatible companies on records:" (19: "Uh-oh! You’ve
 * got some company inconsistencies here:") naming the record,
 * its company, the field and the foreign records; records without a company (shared products,
 * payment terms) serve every company. Invoices go to the order company's sales journal, and a
 * credit note refuses another company's journal.
 */
import { describe, expect, it } from 'vitest';
import { addWarehouse } from './seed.js';
import { seedCustomer, seedProduct } from './seed-data.js';
import { SimCore } from './simulator.js';
import { ExceptionName, SimError } from './types.js';
import type { OdooVersion } from './types.js';

function setup(version: OdooVersion) {
  const c = new SimCore({ version, db: 'companies' });
  const usd = c.db.where('res.currency', (r) => r.name === 'USD')[0]!.id;
  const b = c.callSync('res.company', 'create', [], {
    vals_list: { name: 'Ferry US Inc', currency_id: usd },
  }) as number;
  if (!c.db.where('stock.warehouse', (w) => w.company_id === b).length) addWarehouse(c, 'US Inc', 'USINC', b);
  if (version >= 17) c.db.insert('account.tax.group', { name: 'US taxes', company_id: b });
  // 16 needs the tax's country (a company without a chart has no fiscal country to default it to).
  const us = c.db.where('res.country', (r) => r.code === 'US')[0]?.id ?? false;
  const taxB = c.callSync('account.tax', 'create', [], {
    vals_list: { name: 'US State 6%', amount: 6, type_tax_use: 'sale', company_id: b, country_id: us },
  }) as number;
  const taxA = c.db.where('account.tax', (t) => t.company_id === 1 && t.type_tax_use === 'sale')[0]!.id;
  const productA = seedProduct(c, { sku: 'A-ONLY', name: 'Widget A' });
  c.db.update('product.product', productA, { company_id: 1 });
  const productB = seedProduct(c, { sku: 'B-ONLY', name: 'Widget B' });
  c.db.update('product.product', productB, { company_id: b });
  const shared = seedProduct(c, { sku: 'SHARED', name: 'Shared widget', invoicePolicy: 'order' });
  const pricelistA = c.db.insert('product.pricelist', { name: 'A list', currency_id: usd, company_id: 1 }).id;
  const pricelistB = c.db.insert('product.pricelist', { name: 'B list', currency_id: usd, company_id: b }).id;
  const termA = c.db.insert('account.payment.term', { name: 'A 30 Days', company_id: 1, active: true }).id;
  const journalB = c.db.insert('account.journal', {
    name: 'US Sales',
    code: 'USINV',
    type: 'sale',
    sequence: 5,
    company_id: b,
    active: true,
  }).id;
  const journalA = c.db.where('account.journal', (j) => j.type === 'sale' && j.company_id === 1)[0]!.id;
  const whA = c.db.where('stock.warehouse', (w) => w.company_id === 1)[0]!.id;
  const partner = seedCustomer(c, { name: 'Both companies' });
  const taxField = version >= 19 ? 'tax_ids' : 'tax_id';
  const create = (vals: Record<string, unknown>, lines: Record<string, unknown>[]) =>
    c.call('sale.order', 'create', [], {
      vals_list: {
        partner_id: partner,
        company_id: b,
        ...vals,
        order_line: lines.map((l) => [0, 0, { product_uom_qty: 1, price_unit: 10, ...l }]),
      },
    }) as Promise<number>;
  return {
    c,
    b,
    taxA,
    taxB,
    productA,
    productB,
    shared,
    pricelistA,
    pricelistB,
    termA,
    journalA,
    journalB,
    whA,
    taxField,
    create,
  };
}

/** `_check_company`'s first line: 19 (odoo/orm/models.py) words it otherwise, as real 19.0 answered. */
const heading = (v: OdooVersion) =>
  v >= 19 ? 'Uh-oh! You’ve got some company inconsistencies here:' : 'Incompatible companies on records:';
const joint = (v: OdooVersion) => (v >= 19 ? 'while' : 'and');
const crossover = 'To avoid a mess, no company crossover is allowed!';

async function refusal(p: Promise<unknown>): Promise<SimError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'Odoo refused the call').toBeInstanceOf(SimError);
  return e as SimError;
}

describe.each([16, 17, 18, 19] as const)('Odoo %i: company consistency', (version) => {
  it("refuses another company's product on a line, and creates nothing", async () => {
    const s = setup(version);
    const before = s.c.db.all('sale.order').length;
    const e = await refusal(s.create({}, [{ product_id: s.productA, [s.taxField]: [[6, 0, [s.taxB]]] }]));
    if (version === 17) {
      // Real 17.0-20240709 refused it reading the product (an AccessError on product.product).
      expect(e.exception).toBe(ExceptionName.accessError);
      expect(e.message).toBe(
        "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, Mitchell Admin (id=2) doesn't have 'read' access to:\n- Product Variant (product.product)\n\nIf you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.",
      );
    } else if (version >= 19) {
      // Real 19.0: _check_company's line check, naming the line, its company and the product.
      expect(e.exception).toBe(ExceptionName.userError);
      expect(e.message).toMatch(
        /^Uh-oh! You’ve got some company inconsistencies here:\n- “S\d{5} - .+ \(Both companies\)” belongs to company “Ferry US Inc” while “Product” \(product_id: '\[A-ONLY\] Widget A'\) belongs to another company\./,
      );
    } else {
      // sale.order._check_order_line_company_id, as real Odoo 18.0-20250702 answered it.
      expect(e.exception).toBe(ExceptionName.validationError);
      expect(e.message).toBe(
        'Your quotation contains products from company My Company whereas your quotation belongs to company Ferry US Inc. \n Please change the company of your quotation or remove the products from other companies ([A-ONLY] Widget A).',
      );
    }
    expect(s.c.db.all('sale.order')).toHaveLength(before);
  });

  it("refuses another company's tax on a line", async () => {
    const s = setup(version);
    const e = await refusal(s.create({}, [{ product_id: s.productB, [s.taxField]: [[6, 0, [s.taxA]]] }]));
    expect(e.exception).toBe(ExceptionName.userError);
    // Up to 17 the record, company and label are Python reprs; 18 quotes them “…” (real 18 answered
    // `- “S04613 - CC-shared (CC cust)” belongs to company “My Company” and “Taxes” (tax_id: '…')`);
    // 19 says “while” between a heading and a closing line of its own (real 19.0 answered them).
    // From 17 the line's name ends in the customer, as real 17.0-20240709 printed "(Administrator)".
    const line = version >= 17 ? 'S\\d{5} - Widget B \\(Both companies\\)' : 'S\\d{5} - Widget B';
    const q = (t: string) => (version >= 18 ? `“${t}”` : `'${t}'`);
    expect(e.message).toMatch(
      new RegExp(
        `^${heading(version)}\\n- ${q(line)} belongs to company ${q('Ferry US Inc')} ${joint(version)} ${q('Taxes')} \\(${s.taxField}: '15%'\\) belongs to another company\\.${version >= 19 ? `\\n${crossover}` : ''}$`,
      ),
    );
  });

  it('names a tax of another country with its country code, as real 17.0, 18.0 and 19.0 did', async () => {
    const s = setup(version);
    // Company 1's order with company B's US tax (company B has no fiscal country): real 19.0 answered
    // "… (tax_ids: 'FERRY-CT 7.5% … B (US)') belongs to another company." (17.0 and 18.0 alike).
    const e = await refusal(
      s.c.call('sale.order', 'create', [], {
        vals_list: {
          partner_id: s.c.db.where('res.partner', (p) => p.name === 'Both companies')[0]!.id,
          company_id: 1,
          order_line: [
            [
              0,
              0,
              { product_id: s.shared, product_uom_qty: 1, price_unit: 10, [s.taxField]: [[6, 0, [s.taxB]]] },
            ],
          ],
        },
      }),
    );
    expect(e.message).toContain(`(${s.taxField}: '${version >= 17 ? 'US State 6% (US)' : 'US State 6%'}')`);
  });

  it("refuses another company's pricelist, warehouse and payment terms on the order", async () => {
    const s = setup(version);
    const line = { product_id: s.productB, [s.taxField]: [[6, 0, [s.taxB]]] };
    for (const [vals, label, value] of [
      [{ pricelist_id: s.pricelistA }, 'Pricelist', "(pricelist_id: 'A list (USD)')"],
      [{ warehouse_id: s.whA }, 'Warehouse', "(warehouse_id: '"],
      [{ payment_term_id: s.termA }, 'Payment Terms', "(payment_term_id: 'A 30 Days')"],
    ] as const) {
      const e = await refusal(s.create(vals, [line]));
      const q = (t: string) => (version >= 18 ? `“${t}”` : `'${t}'`);
      expect(e.message.startsWith(`${heading(version)}\n- `)).toBe(true);
      expect(e.message).toContain(
        `belongs to company ${q('Ferry US Inc')} ${joint(version)} ${q(label)} ${value}`,
      );
    }
  });

  it('accepts shared products and records of its own company', async () => {
    const s = setup(version);
    const so = await s.create({ pricelist_id: s.pricelistB }, [
      { product_id: s.productB, [s.taxField]: [[6, 0, [s.taxB]]] },
      { product_id: s.shared, [s.taxField]: [[6, 0, []]] },
    ]);
    expect(s.c.db.get('sale.order', so)!.company_id).toBe(s.b);
  });

  it("refuses a line written later with another company's product", async () => {
    const s = setup(version);
    const so = await s.create({}, [{ product_id: s.productB, [s.taxField]: [[6, 0, [s.taxB]]] }]);
    const e = await refusal(
      s.c.call('sale.order', 'write', [so], {
        vals: {
          order_line: [[0, 0, { product_id: s.productA, product_uom_qty: 1, [s.taxField]: [[6, 0, []]] }]],
        },
      }),
    );
    if (version >= 19) {
      // Real 19.0 answered a write as it answered a create: _check_company's line check.
      expect(e.exception).toBe(ExceptionName.userError);
      expect(e.message).toContain(
        "while “Product” (product_id: '[A-ONLY] Widget A') belongs to another company.\nTo avoid a mess, no company crossover is allowed!",
      );
    } else {
      // The order's constraint, on 17 too (real 17.0-20240709 answered a write so).
      expect(e.exception).toBe(ExceptionName.validationError);
      expect(e.message).toContain('remove the products from other companies ([A-ONLY] Widget A).');
    }
    expect(s.c.db.where('sale.order.line', (l) => l.order_id === so)).toHaveLength(1);
  });

  it("invoices in the order company's sales journal, and a credit note refuses another company's journal", async () => {
    const s = setup(version);
    const so = await s.create({}, [{ product_id: s.shared, [s.taxField]: [[6, 0, [s.taxB]]] }]);
    await s.c.call('sale.order', 'action_confirm', [so], {});
    const ctx = { active_model: 'sale.order', active_ids: [so], active_id: so };
    const wiz = (await s.c.call(
      'sale.advance.payment.inv',
      'create',
      [],
      { vals_list: [{ advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [so]]] }] },
      ctx,
    )) as number[] | number;
    await s.c.call(
      'sale.advance.payment.inv',
      'create_invoices',
      [Array.isArray(wiz) ? wiz[0]! : wiz],
      {},
      ctx,
    );
    const inv = s.c.db.where('account.move', (m) => m.move_type === 'out_invoice')[0]!;
    expect(inv.company_id).toBe(s.b);
    expect(inv.journal_id).toBe(s.journalB);
    await s.c.call('account.move', 'action_post', [inv.id], {});
    const rctx = { active_model: 'account.move', active_ids: [inv.id], active_id: inv.id };
    const e = await refusal(
      s.c.call(
        'account.move.reversal',
        'create',
        [],
        { vals_list: [{ move_ids: [[6, 0, [inv.id]]], reason: 'x', journal_id: s.journalA }] },
        rctx,
      ),
    );
    expect(e.message.startsWith(`${heading(version)}\n`)).toBe(true);
    expect(e.message).toContain(version >= 18 ? "“Journal” (journal_id: '" : "'Journal' (journal_id: '");
  });
});

describe.each([17, 18, 19] as const)("Odoo %i: a tax's country", (version) => {
  // Real 17.0, 18.0 and 19.0 (2026-12-06): a chartless company's tax without country_id was refused
  // (Field: Country); the generic chart's company gave its taxes the United States; a tax of the US
  // in a company without that fiscal country read back as "name (US)".
  it("defaults to the company's fiscal country, is required without one, and names a foreign one", async () => {
    const s = setup(version);
    const us = s.c.db.where('res.country', (r) => r.code === 'US')[0]!.id;
    const create = (vals: Record<string, unknown>) =>
      s.c.call('account.tax', 'create', [], {
        vals_list: { amount: 5, type_tax_use: 'sale', ...vals },
      }) as Promise<number>;
    const own = await create({ name: 'A 5%', company_id: 1 });
    const groupB = s.c.db.where('account.tax.group', (g) => g.company_id === s.b)[0]!.id;
    const e = await refusal(create({ name: 'B 5%', company_id: s.b, tax_group_id: groupB }));
    expect(e.exception).toBe(ExceptionName.validationError);
    expect(e.message).toMatch(/Country'? \(country_id\)/);
    expect(s.c.db.where('account.tax', (t) => t.name === 'B 5%')).toEqual([]);
    const read = (ids: number[]) =>
      s.c.call('account.tax', 'read', ids, { fields: ['display_name', 'country_id'] }) as Promise<
        { display_name: string; country_id: [number, string] }[]
      >;
    const rows = await read([own, s.taxB]);
    expect(rows.map((r) => [r.display_name, r.country_id[0]])).toEqual([
      ['A 5%', us],
      ['US State 6% (US)', us],
    ]);
  });
});

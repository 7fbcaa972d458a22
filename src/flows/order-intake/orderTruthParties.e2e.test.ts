/**
 * Order truth end to end (issue 14), parties, identities and holds: B2B terms, custom items and gift
 * cards, SKU resolution, text, size, exact ids and test orders, customer null, two companies, holds.
 * Same rig and checks as orderTruth.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import { systemClock } from '../../core/clock.js';
import { ExceptionService } from '../../engine/index.js';
import { shopifyOrderBody, type OrderSpec } from '../../test-helpers/shopifyOrderBody.js';
import { waitFor } from '../../test-helpers/stores.js';
import { COUNTY, orderTruthRig } from './test-helpers/orderTruthRig.js';
import { createOdooClient } from '../../connectors/odoo/index.js';
import { compileConfig } from '../../ops/config/index.js';

describeStores('order truth: parties, identities and holds reach Odoo and the warehouse', (fx) => {
  const t = orderTruthRig(() => fx().location);
  const {
    post,
    ref,
    events,
    wms,
    canonical,
    waitEvent,
    received,
    waitWms,
    odoo,
    pid,
    cents,
    productId,
    place,
    line,
  } = t;
  it('tax-exempt B2B with PO and Net 30: the company is the customer, the PO the reference, the terms on the order', async () => {
    const b = await place({
      id: 1_400_008,
      taxExempt: true,
      financialStatus: 'paid',
      customer: {
        id: 7101,
        email: 'buyer@acme.example',
        first_name: 'Grace',
        last_name: 'Hopper',
        tax_exempt: true,
      },
      billingAddress: {
        name: 'Grace Hopper',
        company: 'Acme Wholesale Ltd',
        address1: '9 Dock Road',
        city: 'Boston',
        zip: '02110',
        country_code: 'US',
        province_code: 'MA',
      },
      shippingAddress: {
        name: 'Acme Receiving',
        company: 'Acme Wholesale Ltd',
        address1: '12 Pier St',
        city: 'Boston',
        zip: '02210',
        country_code: 'US',
        province_code: 'MA',
      },
      b2b: { companyId: 88001, locationId: 88101, poNumber: 'PO-77-ACME', terms: 'Net 30', dueInDays: 30 },
      lines: [line(81, t.skus[0]!, 10000, 10, { taxes: [] })],
    });
    const o = await canonical(1_400_008);
    expect(o.taxExempt).toBe(true);
    expect(o.customer).toMatchObject({
      name: 'Acme Wholesale Ltd',
      isCompany: true,
      contact: { name: 'Grace Hopper' },
    });
    expect(o.b2b).toEqual({
      companyId: '88001',
      companyName: 'Acme Wholesale Ltd',
      locationId: '88101',
      poNumber: 'PO-77-ACME',
      paymentTerms: { name: 'Net 30', type: 'NET', dueInDays: 30 },
    });
    const { so, lines } = odoo(1_400_008);
    expect(so.client_order_ref).toBe('PO-77-ACME');
    expect((so.payment_term_id as [number, string])[0]).toBe(t.ids.net30);
    expect(lines.map((l) => l.tax_id)).toEqual([[]]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    const db = t.dist.odoo.core.db;
    const partner = db.get('res.partner', (so.partner_id as [number, string])[0])!;
    expect(partner).toMatchObject({ is_company: true, name: 'Acme Wholesale Ltd' });
    const children = db.where('res.partner', (p) => p.parent_id === partner.id);
    expect(children.find((p) => p.type === 'contact')).toMatchObject({
      name: 'Grace Hopper',
      email: 'buyer@acme.example',
    });
    const raw = db.where('sale.order', (r) => r.client_order_ref === 'PO-77-ACME')[0]!;
    expect(db.get('res.partner', raw.partner_shipping_id as number)).toMatchObject({
      type: 'delivery',
      street: '12 Pier St',
    });
    expect(received(1_400_008)).toEqual([[t.skus[0], 10]]);
  }, 60_000);

  it('a custom item and a gift card book on service products and never go to the warehouse', async () => {
    const b = await place({
      id: 1_400_009,
      lines: [
        line(91, t.skus[0]!, 1000, 1),
        line(92, '', 2500, 1, { title: 'Engraving service', productId: null, variantId: null, taxes: [] }),
        line(93, '', 5000, 1, { title: 'Gift card', giftCard: true, taxes: [] }),
      ],
    });
    const o = await canonical(1_400_009);
    expect(o.lines.map((l) => l.kind)).toEqual(['product', 'custom', 'gift_card']);
    const { so, lines } = odoo(1_400_009);
    expect(lines.map(pid)).toEqual([productId(t.skus[0]!), t.ids.custom, t.ids.giftCard]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_009)).toEqual([[t.skus[0], 1]]);
  }, 60_000);

  it('an empty SKU mapped by variant resolves once and the same SKU ships', async () => {
    await t.app.store.transaction((tx) =>
      tx.mappings.appendMapping({
        kind: 'sku',
        scope: 'shop-eu',
        key: 'variant:55501',
        value: t.skus[5]!,
        actor: 'test',
        now: Date.now(),
      }),
    );
    await place({ id: 1_400_010, lines: [line(101, '', 1200, 2, { variantId: 55501 })] });
    const o = await canonical(1_400_010);
    expect(o.lines[0]!.resolved).toMatchObject({ sku: t.skus[5] });
    expect(odoo(1_400_010).lines.map(pid)).toEqual([productId(t.skus[5]!)]);
    expect(received(1_400_010)).toEqual([[t.skus[5], 2]]);
  }, 60_000);

  it("the README's walk-through: an unknown legacy SKU, a mapping, a replay, and the order ships", async () => {
    const spec = { id: 1_400_011, lines: [line(111, 'LEGACY-0042', 1500, 1)] };
    await post(shopifyOrderBody(spec).body);
    const exc = await waitFor(
      async () =>
        (await t.app.store.exceptions.listExceptions({ code: 'mapping_missing' })).some(
          (e) => (e.payload as { ref: string }).ref === ref(1_400_011),
        ),
      'mapping exception',
      30_000,
    ).then(async () =>
      (await t.app.store.exceptions.listExceptions({ code: 'mapping_missing' })).find(
        (e) => (e.payload as { ref: string }).ref === ref(1_400_011),
      )!,
    );
    expect(exc.message).toContain('ferry mappings set sku shop-eu LEGACY-0042');
    await t.app.store.transaction((tx) =>
      tx.mappings.appendMapping({
        kind: 'sku',
        scope: 'shop-eu',
        key: 'LEGACY-0042',
        value: t.skus[0]!,
        actor: 'test',
        now: Date.now(),
      }),
    );
    await new ExceptionService(t.app.store, systemClock).replay(exc.id, 'test');
    await waitWms(1_400_011);
    expect(received(1_400_011)).toEqual([[t.skus[0], 1]]);
  }, 60_000);

  it('CJK and emoji in the note, the address and line properties arrive intact', async () => {
    await place({
      id: 1_400_012,
      note: '请在门口留下 🎁 ありがとう',
      shippingAddress: {
        name: '山田 太郎 🚀',
        address1: '東京都千代田区1-1',
        city: '東京',
        zip: '100-0001',
        country_code: 'JP',
        phone: null,
      },
      lines: [line(121, t.skus[0]!, 2000, 1, { properties: [{ name: 'Engraving', value: '愛 ❤️ Ada' }] })],
    });
    const o = await canonical(1_400_012);
    expect(o.note).toBe('请在门口留下 🎁 ありがとう');
    expect(o.lines[0]!.properties).toEqual([{ name: 'Engraving', value: '愛 ❤️ Ada' }]);
    const { so, lines } = odoo(1_400_012);
    expect(so.note).toBe('请在门口留下 🎁 ありがとう');
    expect(lines[0]!.name).toContain('Engraving: 愛 ❤️ Ada');
    expect(wms().order(ref(1_400_012))!.input.recipient).toMatchObject({
      name: '山田 太郎 🚀',
      city: '東京',
    });
  }, 60_000);

  it('120 lines reach Odoo and the warehouse line for line', async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      line(2000 + i, t.skus[i % 10]!, 100 + i, 1 + (i % 3)),
    );
    const b = await place({ id: 1_400_013, lines });
    const { so, lines: odooLines } = odoo(1_400_013);
    expect(odooLines).toHaveLength(120);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_013).reduce((a, [, q]) => a + Number(q), 0)).toBe(
      lines.reduce((a, l) => a + l.quantity, 0),
    );
  }, 60_000);

  it('ids above 2^53 with test: true parse exactly; the test order reaches Odoo but never the warehouse', async () => {
    const id = '820982911946154508';
    await place(
      {
        id,
        test: true,
        lines: [
          line(Number('1'), t.skus[0]!, 1000, 1),
          { ...line(0, t.skus[1]!, 500, 1), id: '866550311766439020' },
        ],
      },
      'release_skipped',
    );
    const o = await canonical(id);
    expect(o.channelOrderId).toBe(id);
    expect(o.test).toBe(true);
    expect(o.lines[1]!.lineId).toBe('866550311766439020');
    expect(odoo(id).lines).toHaveLength(2);
    expect(wms().order(ref(id))).toBeUndefined();
  }, 60_000);

  it('customer null: the order is booked on a customer named from its address', async () => {
    const b = await place({ id: 1_400_014, customer: null, lines: [line(141, t.skus[0]!, 1000, 1)] });
    const o = await canonical(1_400_014);
    expect(o.customer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(o.customer.channelCustomerId).toBeUndefined();
    expect(cents(odoo(1_400_014).so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_014)).toEqual([[t.skus[0], 1]]);
  }, 60_000);

  it("two companies: each channel's order lands in its own company with its own product, pricelist, taxes, customer and warehouse", async () => {
    const spec: OrderSpec = { id: 1_400_020, lines: [line(201, t.skus[0]!, 1000, 2)] };
    await post(shopifyOrderBody(spec).body, 'orders/create', 'shop-us');
    await post(shopifyOrderBody(spec).body, 'orders/create', 'shop-eu');
    const threePl = t.dist.threePl!;
    await waitFor(() => threePl.orders.has('shop-us-1400020'), "US order at company 2's 3PL", 30_000);
    await waitWms(1_400_020);
    const db = t.dist.odoo.core.db;
    const [us] = db.where('sale.order', (r) => r.client_order_ref === 'shop-us:1400020');
    const eu = odoo(1_400_020);
    const euRow = db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:1400020')[0]!;
    expect([us!.company_id, us!.pricelist_id]).toEqual([t.ids.company2, t.ids.pricelist2]);
    expect([euRow.company_id, euRow.pricelist_id]).toEqual([1, t.ids.pricelist1]);
    expect(db.get('stock.warehouse', us!.warehouse_id as number)!.company_id).toBe(t.ids.company2);
    const usLines = db.where('sale.order.line', (l) => l.order_id === us!.id);
    // The same SKU, each company's own product.
    expect(usLines.map((l) => l.product_id)).toEqual([t.ids.product2]);
    expect(eu.lines.map(pid)).toEqual([t.ids.product1]);
    expect(usLines.map((l) => l.tax_id)).toEqual([[t.ids.state2]]);
    expect(eu.lines.map((l) => l.tax_id)).toEqual([[t.ids.state]]);
    // Each order at its own company's warehouse only.
    expect(wms().order('shop-us-1400020')).toBeUndefined();
    expect(threePl.orders.has('shop-eu-1400020')).toBe(false);
    expect(threePl.orders.get('shop-us-1400020')!.order.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [t.skus[0], 2],
    ]);
    expect(received(1_400_020)).toEqual([[t.skus[0], 2]]);
    // Invoiced and credited with Ferry's own Odoo options: in company 2's sales journal.
    const client = createOdooClient({
      ...compileConfig(t.config).odoo!.options,
      apiKey: t.dist.env.FERRY_SIM_ODOO_KEY!,
    });
    try {
      const inv = await client.invoiceOrder(us!.id);
      const invoice = db.get('account.move', inv.posted[0]!.id)!;
      expect([invoice.company_id, invoice.journal_id]).toEqual([t.ids.company2, t.ids.journal2]);
      const note = await client.createCreditNote({
        invoiceId: invoice.id,
        key: 'us-1400020',
        reason: 'Return',
      });
      expect(db.get('account.move', note.creditNoteId)!.journal_id).toBe(t.ids.journal2);
    } finally {
      await client.close();
    }
    expect(db.get('res.partner', us!.partner_id as number)!.company_id).toBe(t.ids.company2);
    expect(db.get('res.partner', (eu.so.partner_id as [number, string])[0])!.company_id).toBe(1);
    // A SKU only company 1 has is unknown to company 2's order: the exception names the company.
    const onlyEu = t.skus.at(-1)!;
    await post(
      shopifyOrderBody({ id: 1_400_023, lines: [line(231, onlyEu, 1000, 1)] }).body,
      'orders/create',
      'shop-us',
    );
    await waitFor(
      async () =>
        (await t.app.store.exceptions.listExceptions({ code: 'mapping_missing' })).some((e) =>
          e.message.includes(`SKU "${onlyEu}" has no Odoo product in Odoo company ${t.ids.company2}`),
        ),
      'SKU unknown in the US company',
      30_000,
    );
    // County Tax is mapped for the default company only: it never serves the US company.
    await post(
      shopifyOrderBody({ id: 1_400_021, lines: [line(211, t.skus[0]!, 1000, 1, { taxes: [COUNTY] })] }).body,
      'orders/create',
      'shop-us',
    );
    await waitFor(
      async () =>
        (await t.app.store.exceptions.listExceptions({ code: 'mapping_missing' })).some((e) =>
          e.message.includes(
            `"County Tax" (rate 0.0225, excluded) of channel shop-us in company ${t.ids.company2}`,
          ),
        ),
      'County Tax unmapped in the US company',
      30_000,
    );
  }, 60_000);

  it("two companies in USD: an EUR order books on its company's EUR pricelist; the other company, with none, refuses it naming company and currency", async () => {
    const spec: OrderSpec = {
      id: 1_400_030,
      currency: 'EUR',
      lines: [line(301, t.skus[1]!, 1000, 1)],
    };
    await place(spec);
    const db = t.dist.odoo.core.db;
    const eur = db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
    const eu = db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:1400030')[0]!;
    expect([eu.company_id, eu.pricelist_id, eu.currency_id]).toEqual([1, t.ids.pricelistEur1, eur]);
    expect(cents(odoo(1_400_030).so.amount_total)).toBe(1060);
    expect(received(1_400_030)).toEqual([[t.skus[1], 1]]);

    await post(shopifyOrderBody(spec).body, 'orders/create', 'shop-us');
    const message = `order shop-us:1400030 is in EUR, but Odoo company ${t.ids.company2} keeps its books in USD and has no pricelist in EUR; set odoo.companies.${t.ids.company2}.pricelists.EUR to a pricelist of company ${t.ids.company2} in EUR, then replay`;
    await waitFor(
      async () =>
        (await t.app.store.exceptions.listExceptions({ code: 'mapping_missing' })).some((e) =>
          e.message.includes(message),
        ),
      'EUR refused in the US company',
      30_000,
    );
    // Nothing reached Odoo or the 3PL for it: no order sent without a pricelist in the wrong currency.
    expect(db.where('sale.order', (r) => r.client_order_ref === 'shop-us:1400030')).toEqual([]);
    expect(t.dist.threePl!.orders.has('shop-us-1400030')).toBe(false);
    const row = await t.app.store.orders.getOrderByRef('shop-us-1400030');
    expect(row?.state).not.toBe('accepted');
  }, 60_000);

  it('a channel that ignores test orders records them and sends nothing to Odoo', async () => {
    await post(
      shopifyOrderBody({ id: 1_400_022, test: true, lines: [line(221, t.skus[0]!, 1000, 1)] }).body,
      'orders/create',
      'shop-us',
    );
    await waitFor(
      async () => {
        const row = await t.app.store.orders.getOrderByRef('shop-us-1400022');
        return (
          !!row && (await t.app.store.orders.listOrderEvents(row.id)).some((e) => e.type === 'test_ignored')
        );
      },
      'test order ignored',
      30_000,
    );
    expect(t.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-us:1400022')).toEqual(
      [],
    );
  }, 60_000);

  describe('holds before release', () => {
    it('an authorised-only order waits, and ships once Shopify reports it paid', async () => {
      const spec: OrderSpec = {
        id: 1_400_015,
        financialStatus: 'authorized',
        lines: [line(151, t.skus[0]!, 1000, 1)],
      };
      await place(spec, 'hold');
      expect(wms().order(ref(1_400_015))).toBeUndefined();
      expect((await canonical(1_400_015)).financialStatus).toBe('authorized');
      await post(
        shopifyOrderBody({ ...spec, financialStatus: 'paid', updatedAt: '2026-03-01T10:30:00-05:00' }).body,
        'orders/updated',
      );
      await waitWms(1_400_015);
      await waitEvent(1_400_015, 'released');
      expect(await events(1_400_015)).toEqual(
        expect.arrayContaining(['validated', 'accepted', 'hold', 'hold_released', 'released']),
      );
    }, 60_000);

    it('an edit while held lowers the confirmed Odoo order (a removed line to 0); the warehouse gets the edited order', async () => {
      const spec: OrderSpec = {
        id: 1_400_017,
        financialStatus: 'authorized',
        lines: [line(171, t.skus[0]!, 1000, 3), line(172, t.skus[1]!, 2000, 1)],
      };
      await place(spec, 'hold');
      const edited: OrderSpec = {
        ...spec,
        updatedAt: '2026-03-01T10:20:00-05:00',
        lines: [
          line(171, t.skus[0]!, 1000, 3, { currentQuantity: 1 }),
          line(172, t.skus[1]!, 2000, 1, { currentQuantity: 0 }),
        ],
      };
      const b = shopifyOrderBody(edited);
      await post(b.body, 'orders/updated');
      await waitEvent(1_400_017, 'odoo_updated');
      const { so, lines } = odoo(1_400_017);
      expect(lines.map((l) => l.product_uom_qty)).toEqual([1, 0]);
      expect(cents(so.amount_total)).toBe(b.currentTotal);
      await post(
        shopifyOrderBody({ ...edited, financialStatus: 'paid', updatedAt: '2026-03-01T10:40:00-05:00' }).body,
        'orders/updated',
      );
      await waitWms(1_400_017);
      expect(received(1_400_017)).toEqual([[t.skus[0], 1]]);
    }, 60_000);

    it('a person holds an order through the admin API and releases it; both are audited', async () => {
      const spec: OrderSpec = {
        id: 1_400_016,
        financialStatus: 'authorized',
        lines: [line(161, t.skus[0]!, 1000, 1)],
      };
      await place(spec, 'hold');
      const { OrderHoldService } = await import('../../api/admin/services/holds.js');
      const holds = new OrderHoldService(t.app.store, systemClock);
      await holds.hold(ref(1_400_016), 'customer asked to wait', 'ops@example.com');
      const r = await holds.release(ref(1_400_016), 'payment checked by phone', 'ops@example.com');
      expect(r.releaseQueued).toBe(true);
      await waitWms(1_400_016);
      const audit = await t.app.store.audit.listAudit({ targetId: ref(1_400_016) });
      expect(audit.map((a) => a.action).sort()).toEqual(['order.hold', 'order.release']);
    }, 60_000);
  });
});

/**
 * Order truth end to end (issue 14): Shopify webhook bodies written from the documented REST order
 * shape, signed and posted with Shopify's headers, through Ferry to the Odoo simulator and the JSON
 * WMS. Each case checks what a distributor would: the canonical order, the Odoo order (lines,
 * taxes, totals to the cent) and what the warehouse receives. One rig per store for every case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryApp } from '../../app/index.js';
import { signShopifyWebhook } from '../../connectors/shopify/index.js';
import { Order } from '../../core/model.js';
import type { Distributor } from '../../sandbox/distributor.js';
import { addWarehouse, seedProduct, seedTax } from '../../sandbox/odoo/index.js';
import type { Rec } from '../../sandbox/odoo/index.js';
import { appendMapping, getOrderByRef, listOrderEvents } from '../../store/orders/index.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { shopifyOrderBody, type LineSpec, type OrderSpec } from '../../test-helpers/shopifyOrderBody.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { ExceptionService } from '../../engine/index.js';
import { listAudit } from '../../store/admin/index.js';
import { systemClock } from '../../core/clock.js';

const STATE = { title: 'State Tax', rate: 0.06 };
const COUNTY = { title: 'County Tax', rate: 0.0225 };
const VAT = { title: 'VAT', rate: 0.2 };

interface Ids {
  company2: number;
  state2: number;
  state: number;
  county: number;
  vat: number;
  custom: number;
  giftCard: number;
  net30: number;
}

describeStores('order truth: quantities, taxes and parties reach Odoo and the warehouse', (fx) => {
  let rig: Rig;
  let app: FerryApp;
  let dist: Distributor;
  let ids: Ids;
  let skus: string[];
  beforeAll(async () => {
    rig = await startRig(fx().location, {
      distributor: { products: 10, warehouses: ['wms'], stores: ['shop-eu', 'shop-us'] },
      warehouses: { pollEverySeconds: 1 },
      configure: (c, d) => {
        const core = d.odoo.core;
        const service = (sku: string) =>
          seedProduct(core, { sku, name: sku, price: 0, storable: false, invoicePolicy: 'order' });
        ids = {
          company2: 0,
          state2: 0,
          state: seedTax(core, 'State Tax 6%', 6),
          county: seedTax(core, 'County Tax 2.25%', 2.25),
          vat: seedTax(core, 'VAT 20% included', 20, true),
          custom: service('CUSTOM-ITEM'),
          giftCard: service('GIFT-CARD'),
          net30: core.db.insert('account.payment.term', { name: '30 Days', active: true }).id,
        };
        const discount = service('DISCOUNT');
        const usd = core.db.where('res.currency', (r) => r.name === 'USD')[0]!.id;
        ids.company2 = core.db.insert('res.company', { name: 'Ferry US Inc', currency_id: usd }).id;
        // As on a real Odoo: the second company's own tax group and warehouse (Odoo refuses a tax
        // without a group, and from 18 an order in a company without a warehouse).
        core.db.insert('account.tax.group', { name: 'US Inc taxes', company_id: ids.company2 });
        addWarehouse(core, 'Ferry US Inc', 'USINC', ids.company2);
        ids.state2 = core.callSync('account.tax', 'create', [], {
          vals_list: {
            name: 'State Tax 6% (US Inc)',
            amount: 6,
            type_tax_use: 'sale',
            company_id: ids.company2,
          },
        }) as number;
        return {
          ...c,
          odoo: {
            ...c.odoo!,
            taxes: [
              { title: 'State Tax', company: ids.company2, odooTaxId: ids.state2 },
              { title: 'State Tax', rate: '0.06', included: false, odooTaxId: ids.state },
              { title: 'County Tax', rate: '0.0225', included: false, odooTaxId: ids.county },
              { title: 'VAT', rate: '0.2', included: true, odooTaxId: ids.vat },
            ],
            discountProductId: discount,
            lineProducts: { custom: ids.custom, gift_card: ids.giftCard },
            paymentTerms: { 'Net 30': ids.net30 },
          },
          channels: c.channels!.map((ch) => ({
            ...ch,
            currencies: ['USD'],
            rules: {
              holds: { unpaid: true, highRisk: true },
              test: ch.id === 'shop-us' ? ('ignore' as const) : ('accept-no-release' as const),
            },
            ...(ch.id === 'shop-us' ? { company: ids.company2 } : {}),
          })),
        };
      },
    });
    ({ app, dist } = rig);
    skus = dist.catalogue.map((p) => p.sku);
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  let seq = 0;
  async function post(body: string, topic = 'orders/create', channel = 'shop-eu'): Promise<void> {
    seq++;
    const shop = () => dist.shops.get(channel)!;
    const res = await app.http!.inject({
      method: 'POST',
      url: `/webhooks/shopify/${channel}`,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': signShopifyWebhook(body, shop().clientSecret),
        'x-shopify-shop-domain': shop().shopDomain,
        'x-shopify-webhook-id': `wh-truth-${seq}`,
        'x-shopify-event-id': `ev-truth-${seq}`,
        'x-shopify-triggered-at': new Date().toISOString(),
        'x-shopify-api-version': '2026-04',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  const ref = (id: number | string) => `shop-eu-${id}`;
  const events = async (id: number | string) => {
    const row = await getOrderByRef(app.store.db, ref(id));
    return row ? (await listOrderEvents(app.store.db, row.id)).map((e) => e.type) : [];
  };
  const canonical = async (id: number | string) =>
    Order.parse((await getOrderByRef(app.store.db, ref(id)))!.canonical);
  const waitEvent = (id: number | string, type: string) =>
    waitFor(async () => (await events(id)).includes(type), `${ref(id)} ${type}`, 30_000);
  const wms = () => dist.wms!;
  const received = (id: number | string) =>
    wms()
      .order(ref(id))!
      .input.lines.map((l) => [l.sku, l.quantity]);
  const waitWms = (id: number | string) =>
    waitFor(() => wms().order(ref(id)) !== undefined, `WMS has ${ref(id)}`, 30_000);

  function odoo(id: number | string): { so: Rec; lines: Rec[] } {
    const db = dist.odoo.core.db;
    const key = `shop-eu:${id}`;
    const so = db.where('sale.order', (r) => r.client_order_ref === key || r.origin === key)[0]!;
    const [read] = dist.odoo.core.callSync('sale.order', 'read', [so.id], {
      fields: [
        'amount_total',
        'amount_tax',
        'amount_untaxed',
        'client_order_ref',
        'payment_term_id',
        'partner_id',
        'note',
        'origin',
      ],
    }) as Rec[];
    const lines = (
      dist.odoo.core.callSync('sale.order.line', 'search_read', [], {
        domain: [['order_id', '=', so.id]],
        fields: ['product_id', 'product_uom_qty', 'price_unit', 'discount', 'tax_id', 'price_total', 'name'],
      }) as Rec[]
    ).sort((a, b) => a.id - b.id);
    return { so: read!, lines };
  }
  const pid = (l: Rec) => (l.product_id as [number, string])[0];
  const cents = (v: unknown) => Math.round(Number(v) * 100);
  const productId = (sku: string) =>
    dist.odoo.core.db.where('product.product', (p) => p.default_code === sku)[0]!.id;

  async function place(spec: OrderSpec, wait = 'wms') {
    const built = shopifyOrderBody(spec);
    await post(built.body);
    if (wait === 'wms') await waitWms(spec.id);
    else await waitEvent(spec.id, wait);
    return built;
  }

  const line = (
    id: number,
    sku: string,
    price: number,
    quantity: number,
    more: Partial<LineSpec> = {},
  ): LineSpec => ({
    id,
    sku,
    title: `Item ${sku}`,
    price,
    quantity,
    taxes: [STATE],
    ...more,
  });

  it('taxes excluded with several tax lines per line, shipping discount and shipping tax: Odoo total to the cent', async () => {
    const b = await place({
      id: 1_400_001,
      lines: [
        line(11, skus[0]!, 1999, 3, { taxes: [STATE, COUNTY] }),
        line(12, skus[1]!, 4550, 1, { taxes: [STATE, COUNTY] }),
      ],
      shipping: [{ title: 'UPS Ground', code: 'UPSN', price: 1200, discount: 500, taxes: [STATE] }],
    });
    const o = await canonical(1_400_001);
    expect(o.lines[0]!.taxes.map((t) => [t.title, t.rate, t.amount.amountMinor])).toEqual([
      ['State Tax', '0.06', 360],
      ['County Tax', '0.0225', 135],
    ]);
    expect(o.shippingLines[0]).toMatchObject({
      price: { amountMinor: 1200 },
      discount: { amountMinor: 500 },
    });
    expect(o.totals!.current.amountMinor).toBe(b.currentTotal);
    const { so, lines } = odoo(1_400_001);
    expect(lines.map((l) => [l.product_uom_qty, l.price_unit, l.tax_id])).toEqual([
      [3, 19.99, [ids.state, ids.county]],
      [1, 45.5, [ids.state, ids.county]],
      [1, 7, [ids.state]],
    ]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_001)).toEqual([
      [skus[0], 3],
      [skus[1], 1],
    ]);
  }, 60_000);

  it('a fixed discount spread across lines keeps its remainder cent; a discount no 2-decimal percentage gives exactly gets its own line', async () => {
    // 10.00 off three lines of 33.33: Shopify allocates 3.34 + 3.33 + 3.33.
    const b = await place({
      id: 1_400_002,
      lines: [
        line(21, skus[0]!, 3333, 1, { discounts: [334] }),
        line(22, skus[1]!, 3333, 1, { discounts: [333] }),
        line(23, skus[2]!, 33333, 3, { discounts: [1] }),
      ],
    });
    const o = await canonical(1_400_002);
    expect(o.lines.map((l) => l.discount.amountMinor)).toEqual([334, 333, 1]);
    const { so, lines } = odoo(1_400_002);
    expect(lines.map((l) => [pid(l), l.product_uom_qty, l.price_unit, l.discount])).toEqual([
      [productId(skus[0]!), 1, 33.33, 10.02],
      [productId(skus[1]!), 1, 33.33, 9.99],
      [productId(skus[2]!), 3, 333.33, 0],
      [productId('DISCOUNT'), 1, -0.01, 0],
    ]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
  }, 60_000);

  it('lines Shopify does not tax get explicit empty taxes in Odoo, never the product default', async () => {
    const b = await place({
      id: 1_400_003,
      lines: [line(31, skus[3]!, 2500, 2, { taxes: [] }), line(32, skus[4]!, 1000, 1)],
      shipping: [{ title: 'Free shipping', price: 0 }],
    });
    const { so, lines } = odoo(1_400_003);
    expect(lines.map((l) => l.tax_id)).toEqual([[], [ids.state], []]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(cents(so.amount_total)).toBe(5000 + 1000 + 60);
  }, 60_000);

  it('edit to zero and a refund: Odoo and the warehouse get what the customer owes now', async () => {
    const b = await place({
      id: 1_400_004,
      lines: [
        line(41, skus[0]!, 1000, 2, { currentQuantity: 0 }),
        line(42, skus[1]!, 1500, 3, { discounts: [300] }),
        line(43, skus[2]!, 800, 1),
      ],
      refunds: [{ lineId: 42, quantity: 1 }],
    });
    const o = await canonical(1_400_004);
    expect(o.lines.map((l) => [l.orderedQuantity, l.quantity])).toEqual([
      [2, 0],
      [3, 2],
      [1, 1],
    ]);
    expect(o.lines[1]!.discount.amountMinor).toBe(200);
    const { so, lines } = odoo(1_400_004);
    expect(lines.map((l) => l.product_uom_qty)).toEqual([0, 2, 1]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_004)).toEqual([
      [skus[1], 2],
      [skus[2], 1],
    ]);
  }, 60_000);

  it('partly fulfilled: only what is still to fulfil goes to the warehouse; fully fulfilled: nothing does', async () => {
    await place({
      id: 1_400_005,
      lines: [
        line(51, skus[0]!, 1000, 4, { fulfillableQuantity: 1 }),
        line(52, skus[1]!, 1000, 2, { fulfillableQuantity: 0 }),
      ],
    });
    expect(received(1_400_005)).toEqual([[skus[0], 1]]);
    await place(
      { id: 1_400_006, lines: [line(61, skus[0]!, 1000, 2, { fulfillableQuantity: 0 })] },
      'release_skipped',
    );
    expect(wms().order(ref(1_400_006))).toBeUndefined();
    expect(odoo(1_400_006).lines.map((l) => l.product_uom_qty)).toEqual([2]);
  }, 60_000);

  it('taxes included, paid in another presentment currency: shop money in Odoo, presentment kept', async () => {
    const b = await place({
      id: 1_400_007,
      taxesIncluded: true,
      presentmentCurrency: 'EUR',
      presentmentRate: 0.92,
      lines: [line(71, skus[0]!, 11999, 1, { taxes: [VAT] }), line(72, skus[1]!, 2999, 3, { taxes: [VAT] })],
      shipping: [{ title: 'DHL', price: 595, taxes: [VAT] }],
    });
    const o = await canonical(1_400_007);
    expect(o.currency).toBe('USD');
    expect(o.presentment).toEqual({
      currency: 'EUR',
      placed: { amountMinor: Math.round(b.placedTotal * 0.92), currency: 'EUR' },
      current: { amountMinor: Math.round(b.currentTotal * 0.92), currency: 'EUR' },
    });
    expect(o.lines[0]!.taxes[0]!.amount.amountMinor).toBe(2000);
    const { so, lines } = odoo(1_400_007);
    expect(lines.map((l) => l.tax_id)).toEqual([[ids.vat], [ids.vat], [ids.vat]]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(cents(so.amount_total)).toBe(11999 + 3 * 2999 + 595);
  }, 60_000);

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
      lines: [line(81, skus[0]!, 10000, 10, { taxes: [] })],
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
    expect((so.payment_term_id as [number, string])[0]).toBe(ids.net30);
    expect(lines.map((l) => l.tax_id)).toEqual([[]]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    const db = dist.odoo.core.db;
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
    expect(received(1_400_008)).toEqual([[skus[0], 10]]);
  }, 60_000);

  it('a custom item and a gift card book on service products and never go to the warehouse', async () => {
    const b = await place({
      id: 1_400_009,
      lines: [
        line(91, skus[0]!, 1000, 1),
        line(92, '', 2500, 1, { title: 'Engraving service', productId: null, variantId: null, taxes: [] }),
        line(93, '', 5000, 1, { title: 'Gift card', giftCard: true, taxes: [] }),
      ],
    });
    const o = await canonical(1_400_009);
    expect(o.lines.map((l) => l.kind)).toEqual(['product', 'custom', 'gift_card']);
    const { so, lines } = odoo(1_400_009);
    expect(lines.map(pid)).toEqual([productId(skus[0]!), ids.custom, ids.giftCard]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_009)).toEqual([[skus[0], 1]]);
  }, 60_000);

  it('an empty SKU mapped by variant resolves once and the same SKU ships', async () => {
    await app.store.transaction((tx) =>
      appendMapping(tx.db, {
        kind: 'sku',
        scope: 'shop-eu',
        key: 'variant:55501',
        value: skus[5]!,
        actor: 'test',
        now: Date.now(),
      }),
    );
    await place({ id: 1_400_010, lines: [line(101, '', 1200, 2, { variantId: 55501 })] });
    const o = await canonical(1_400_010);
    expect(o.lines[0]!.resolved).toMatchObject({ sku: skus[5] });
    expect(odoo(1_400_010).lines.map(pid)).toEqual([productId(skus[5]!)]);
    expect(received(1_400_010)).toEqual([[skus[5], 2]]);
  }, 60_000);

  it("the README's walk-through: an unknown legacy SKU, a mapping, a replay, and the order ships", async () => {
    const spec = { id: 1_400_011, lines: [line(111, 'LEGACY-0042', 1500, 1)] };
    await post(shopifyOrderBody(spec).body);
    const exc = await waitFor(
      async () =>
        (await app.store.listExceptions({ code: 'mapping_missing' })).some(
          (e) => (e.payload as { ref: string }).ref === ref(1_400_011),
        ),
      'mapping exception',
      30_000,
    ).then(async () =>
      (await app.store.listExceptions({ code: 'mapping_missing' })).find(
        (e) => (e.payload as { ref: string }).ref === ref(1_400_011),
      )!,
    );
    expect(exc.message).toContain('ferry mappings set sku shop-eu LEGACY-0042');
    await app.store.transaction((tx) =>
      appendMapping(tx.db, {
        kind: 'sku',
        scope: 'shop-eu',
        key: 'LEGACY-0042',
        value: skus[0]!,
        actor: 'test',
        now: Date.now(),
      }),
    );
    await new ExceptionService(app.store, systemClock).replay(exc.id, 'test');
    await waitWms(1_400_011);
    expect(received(1_400_011)).toEqual([[skus[0], 1]]);
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
      lines: [line(121, skus[0]!, 2000, 1, { properties: [{ name: 'Engraving', value: '愛 ❤️ Ada' }] })],
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
    const lines = Array.from({ length: 120 }, (_, i) => line(2000 + i, skus[i % 10]!, 100 + i, 1 + (i % 3)));
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
          line(Number('1'), skus[0]!, 1000, 1),
          { ...line(0, skus[1]!, 500, 1), id: '866550311766439020' },
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
    const b = await place({ id: 1_400_014, customer: null, lines: [line(141, skus[0]!, 1000, 1)] });
    const o = await canonical(1_400_014);
    expect(o.customer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(o.customer.channelCustomerId).toBeUndefined();
    expect(cents(odoo(1_400_014).so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_014)).toEqual([[skus[0], 1]]);
  }, 60_000);

  it("two companies: each channel's order lands in its own company with its own taxes and customer", async () => {
    const spec: OrderSpec = { id: 1_400_020, lines: [line(201, skus[0]!, 1000, 2)] };
    await post(shopifyOrderBody(spec).body, 'orders/create', 'shop-us');
    await post(shopifyOrderBody(spec).body, 'orders/create', 'shop-eu');
    await waitFor(() => wms().order('shop-us-1400020') !== undefined, 'US order at the WMS', 30_000);
    await waitWms(1_400_020);
    const db = dist.odoo.core.db;
    const [us] = db.where('sale.order', (r) => r.client_order_ref === 'shop-us:1400020');
    const eu = odoo(1_400_020);
    expect(us!.company_id).toBe(ids.company2);
    expect(db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:1400020')[0]!.company_id).toBe(1);
    const usLines = db.where('sale.order.line', (l) => l.order_id === us!.id);
    expect(usLines.map((l) => l.tax_id)).toEqual([[ids.state2]]);
    expect(eu.lines.map((l) => l.tax_id)).toEqual([[ids.state]]);
    expect(db.get('res.partner', us!.partner_id as number)!.company_id).toBe(ids.company2);
    expect(db.get('res.partner', (eu.so.partner_id as [number, string])[0])!.company_id).toBe(1);
    // County Tax is mapped for the default company only: it never serves the US company.
    await post(
      shopifyOrderBody({ id: 1_400_021, lines: [line(211, skus[0]!, 1000, 1, { taxes: [COUNTY] })] }).body,
      'orders/create',
      'shop-us',
    );
    await waitFor(
      async () =>
        (await app.store.listExceptions({ code: 'mapping_missing' })).some((e) =>
          e.message.includes(
            `"County Tax" (rate 0.0225, excluded) of channel shop-us in company ${ids.company2}`,
          ),
        ),
      'County Tax unmapped in the US company',
      30_000,
    );
  }, 60_000);

  it('a channel that ignores test orders records them and sends nothing to Odoo', async () => {
    await post(
      shopifyOrderBody({ id: 1_400_022, test: true, lines: [line(221, skus[0]!, 1000, 1)] }).body,
      'orders/create',
      'shop-us',
    );
    await waitFor(
      async () => {
        const row = await getOrderByRef(app.store.db, 'shop-us-1400022');
        return !!row && (await listOrderEvents(app.store.db, row.id)).some((e) => e.type === 'test_ignored');
      },
      'test order ignored',
      30_000,
    );
    expect(dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-us:1400022')).toEqual(
      [],
    );
  }, 60_000);

  describe('holds before release', () => {
    it('an authorised-only order waits, and ships once Shopify reports it paid', async () => {
      const spec: OrderSpec = {
        id: 1_400_015,
        financialStatus: 'authorized',
        lines: [line(151, skus[0]!, 1000, 1)],
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
        lines: [line(171, skus[0]!, 1000, 3), line(172, skus[1]!, 2000, 1)],
      };
      await place(spec, 'hold');
      const edited: OrderSpec = {
        ...spec,
        updatedAt: '2026-03-01T10:20:00-05:00',
        lines: [
          line(171, skus[0]!, 1000, 3, { currentQuantity: 1 }),
          line(172, skus[1]!, 2000, 1, { currentQuantity: 0 }),
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
      expect(received(1_400_017)).toEqual([[skus[0], 1]]);
    }, 60_000);

    it('a person holds an order through the admin API and releases it; both are audited', async () => {
      const spec: OrderSpec = {
        id: 1_400_016,
        financialStatus: 'authorized',
        lines: [line(161, skus[0]!, 1000, 1)],
      };
      await place(spec, 'hold');
      const { OrderHoldService } = await import('../../api/admin/services/holds.js');
      const holds = new OrderHoldService(app.store, systemClock);
      await holds.hold(ref(1_400_016), 'customer asked to wait', 'ops@example.com');
      const r = await holds.release(ref(1_400_016), 'payment checked by phone', 'ops@example.com');
      expect(r.releaseQueued).toBe(true);
      await waitWms(1_400_016);
      const audit = await listAudit(app.store.db, { targetId: ref(1_400_016) });
      expect(audit.map((a) => a.action).sort()).toEqual(['order.hold', 'order.release']);
    }, 60_000);
  });
});

/**
 * The rig of the order-truth end-to-end tests: one Ferry per store with the Odoo simulator (taxes,
 * service products, payment terms, a second company; both keep their books in USD, company 1 also
 * has an EUR pricelist) and the JSON WMS, and the helpers that post a
 * signed Shopify body and read back the canonical order, the Odoo order and what the WMS received.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { FerryApp } from '../../../app/index.js';
import type { FerryConfigInput } from '../../../ops/config/index.js';
import { signShopifyWebhook } from '../../../connectors/shopify/index.js';
import { Order } from '../../../core/model.js';
import type { Distributor } from '../../../sandbox/distributor.js';
import { addWarehouse, seedProduct, seedTax } from '../../../sandbox/odoo/index.js';
import type { Rec } from '../../../sandbox/odoo/index.js';
import { startRig, type Rig } from '../../../test-helpers/rig.js';
import { shopifyOrderBody, type LineSpec, type OrderSpec } from '../../../test-helpers/shopifyOrderBody.js';
import { waitFor } from '../../../test-helpers/stores.js';

export const STATE = { title: 'State Tax', rate: 0.06 };
export const COUNTY = { title: 'County Tax', rate: 0.0225 };
export const VAT = { title: 'VAT', rate: 0.2 };

export interface Ids {
  company2: number;
  /** The first catalogue SKU: company 1's product and company 2's own product of the same SKU. */
  product1: number;
  product2: number;
  pricelist1: number;
  pricelist2: number;
  /** Company 1's EUR pricelist; company 2 (USD) has none in EUR. */
  pricelistEur1: number;
  /** Company 2's sales journal for invoices and credit notes. */
  journal2: number;
  state2: number;
  state: number;
  county: number;
  vat: number;
  custom: number;
  giftCard: number;
  net30: number;
}

/** Starts the rig for the store `location()` names (in beforeAll) and returns its helpers. */
export function orderTruthRig(location: () => string) {
  let rig: Rig;
  let app: FerryApp;
  let dist: Distributor;
  let ids: Ids;
  let config: FerryConfigInput;
  let skus: string[];
  beforeAll(async () => {
    rig = await startRig(location(), {
      // The JSON WMS ships for company 1, the 3PL for company 2 (its warehouse USINC).
      distributor: { products: 10, warehouses: ['wms', 'x12-folder'], stores: ['shop-eu', 'shop-us'] },
      warehouses: { pollEverySeconds: 1 },
      configure: (c, d) => {
        const core = d.odoo.core;
        const service = (sku: string) =>
          seedProduct(core, { sku, name: sku, price: 0, storable: false, invoicePolicy: 'order' });
        ids = {
          company2: 0,
          product1: 0,
          product2: 0,
          pricelist1: 0,
          pricelist2: 0,
          pricelistEur1: 0,
          journal2: 0,
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
        if (!core.db.where('stock.warehouse', (w) => w.company_id === ids.company2).length)
          addWarehouse(core, 'Ferry US Inc', 'USINC', ids.company2);
        // Each company keeps its own product of the first SKU, and its own USD pricelist.
        const sku0 = d.catalogue[0]!.sku;
        ids.product1 = core.db.where('product.product', (p) => p.default_code === sku0)[0]!.id;
        core.db.update('product.product', ids.product1, { company_id: 1 });
        // The last SKU is company 1's alone: unknown to company 2's orders.
        const last = d.catalogue.at(-1)!.sku;
        core.db.update(
          'product.product',
          core.db.where('product.product', (p) => p.default_code === last)[0]!.id,
          {
            company_id: 1,
          },
        );
        ids.product2 = seedProduct(core, {
          sku: sku0,
          name: `${sku0} (US Inc)`,
          price: 10,
          invoicePolicy: 'order',
        });
        ids.journal2 = core.db.insert('account.journal', {
          name: 'US Inc Sales',
          code: 'USINV',
          type: 'sale',
          sequence: 1,
          company_id: ids.company2,
          active: true,
        }).id;
        core.db.update('product.product', ids.product2, { company_id: ids.company2 });
        ids.pricelist1 = core.db.insert('product.pricelist', {
          name: 'EU USD',
          currency_id: usd,
          company_id: 1,
        }).id;
        const eur = core.db.where('res.currency', (r) => r.name === 'EUR')[0]!.id;
        core.db.update('res.currency', eur, { active: true });
        ids.pricelistEur1 = core.db.insert('product.pricelist', {
          name: 'EU EUR',
          currency_id: eur,
          company_id: 1,
        }).id;
        ids.pricelist2 = core.db.insert('product.pricelist', {
          name: 'US Inc USD',
          currency_id: usd,
          company_id: ids.company2,
        }).id;
        const usWarehouse = core.db.where('stock.warehouse', (w) => w.company_id === ids.company2)[0]!;
        // A company without a chart has no fiscal country to default the tax's to: Odoo requires it.
        ids.state2 = core.callSync('account.tax', 'create', [], {
          vals_list: {
            name: 'State Tax 6% (US Inc)',
            amount: 6,
            type_tax_use: 'sale',
            company_id: ids.company2,
            country_id: core.db.where('res.country', (r) => r.code === 'US')[0]!.id,
          },
        }) as number;
        config = {
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
            pricelists: { USD: ids.pricelist1, EUR: ids.pricelistEur1 },
            companies: {
              [String(ids.company2)]: {
                pricelists: { USD: ids.pricelist2 },
                shippingProductId: c.odoo!.shippingProductId,
                discountProductId: discount,
                lineProducts: { custom: ids.custom, gift_card: ids.giftCard },
                paymentTerms: { 'Net 30': ids.net30 },
                salesJournalId: ids.journal2,
              },
            },
          },
          warehouses: c.warehouses!.map((w) =>
            w.id === 'east-3pl'
              ? {
                  ...w,
                  odooCompany: ids.company2,
                  odooWarehouse: String(usWarehouse.code),
                  locations: [{ code: 'WH01', odooLocation: `${String(usWarehouse.code)}/Stock` }],
                }
              : w,
          ),
          channels: c.channels!.map((ch) => ({
            ...ch,
            currencies: ['USD', 'EUR'],
            rules: {
              holds: { unpaid: true, highRisk: true },
              test: ch.id === 'shop-us' ? ('ignore' as const) : ('accept-no-release' as const),
            },
            ...(ch.id === 'shop-us' ? { company: ids.company2 } : {}),
          })),
        };
        return config;
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
    const row = await app.store.orders.getOrderByRef(ref(id));
    return row ? (await app.store.orders.listOrderEvents(row.id)).map((e) => e.type) : [];
  };
  const canonical = async (id: number | string) =>
    Order.parse((await app.store.orders.getOrderByRef(ref(id)))!.canonical);
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

  return {
    get app() {
      return app;
    },
    get dist() {
      return dist;
    },
    /** The configuration Ferry runs with. */
    get config() {
      return config;
    },
    get ids() {
      return ids;
    },
    get skus() {
      return skus;
    },
    post,
    ref,
    wms,
    events,
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
  };
}

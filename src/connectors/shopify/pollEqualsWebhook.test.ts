/**
 * An order read by the reconciliation poll is the order its webhook carried (issue 14): the same
 * canonical order, to the cent and the unit, for orders edited, refunded, partly fulfilled, taxed,
 * discounted, in another presentment currency, B2B with terms, with custom items, gift cards and
 * line properties. The webhook bodies are written from Shopify's documented REST shape; the
 * simulator serves the same order through Admin GraphQL, as a shop would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopifySimulator } from '../../sandbox/shopify/index.js';
import type { OrderJson } from '../../sandbox/shopify/orderTypes.js';
import { shopifyOrderBody, type OrderSpec } from '../../test-helpers/shopifyOrderBody.js';
import { ShopifyGraphqlClient } from './graphqlClient.js';
import { ordersUpdatedSince } from './graphqlOrders.js';
import { mapShopifyOrder } from './mapOrder.js';

const VAT = { title: 'VAT', rate: 0.2 };
const STATE = { title: 'State Tax', rate: 0.06 };
const COUNTY = { title: 'County Tax', rate: 0.0225 };

const SPECS: Record<string, OrderSpec> = {
  'edited down and refunded, partly fulfilled, taxes excluded with two tax lines a line': {
    id: 610001,
    lines: [
      {
        id: 1,
        sku: 'A-1',
        title: 'Anvil',
        price: 1999,
        quantity: 3,
        currentQuantity: 2,
        fulfillableQuantity: 1,
        taxes: [STATE, COUNTY],
        discounts: [300],
      },
      { id: 2, sku: 'B-2', title: 'Bolt', price: 250, quantity: 4, taxes: [STATE, COUNTY] },
      { id: 3, sku: 'C-3', title: 'Crate', price: 4500, quantity: 1, currentQuantity: 0, taxes: [STATE] },
    ],
    refunds: [{ lineId: 2, quantity: 1 }],
    shipping: [{ title: 'Ground', price: 995, discount: 200, taxes: [STATE] }],
  },
  'taxes included, presentment in another currency': {
    id: 610002,
    currency: 'EUR',
    presentmentCurrency: 'GBP',
    presentmentRate: 0.85,
    taxesIncluded: true,
    financialStatus: 'authorized',
    lines: [{ id: 11, sku: 'D-4', title: 'Drill', price: 12000, quantity: 1, taxes: [VAT] }],
    shipping: [{ title: 'DHL', price: 600, taxes: [VAT] }],
  },
  'tax-exempt B2B with PO and Net 30, a custom item, a gift card and line properties': {
    id: 610003,
    taxExempt: true,
    b2b: { companyId: 4401, locationId: 4402, poNumber: 'PO-9', terms: 'Net 30', dueInDays: 30 },
    billingAddress: {
      name: 'Buyer One',
      company: 'Acme Corp',
      address1: '2 Trade St',
      city: 'Leeds',
      zip: 'LS1',
      country_code: 'GB',
    },
    lines: [
      {
        id: 21,
        sku: 'E-5',
        title: 'Engraved plate',
        price: 3000,
        quantity: 2,
        properties: [{ name: 'Engraving', value: '祝 🎉' }],
      },
      { id: 22, title: 'Setup fee', price: 5000, quantity: 1, variantId: null, productId: null },
      { id: 23, title: 'Gift card', price: 2500, quantity: 1, giftCard: true },
    ],
  },
};

describe('the poll reads an order as its webhook carried it', () => {
  let sim: ShopifySimulator;
  let client: ShopifyGraphqlClient;
  beforeAll(async () => {
    sim = new ShopifySimulator({ bucket: { restoreRate: 2000 } });
    await sim.start();
    client = new ShopifyGraphqlClient({
      shopDomain: sim.shopDomain,
      baseUrl: sim.url,
      auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
    });
    for (const spec of Object.values(SPECS))
      sim.createOrder(JSON.parse(shopifyOrderBody(spec).body) as OrderJson);
  });
  afterAll(async () => {
    await client?.close();
    await sim?.stop();
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    it(`gives the same canonical order: ${name}`, async () => {
      const { body, currentTotal, placedTotal } = shopifyOrderBody(spec);
      const viaWebhook = mapShopifyOrder(JSON.parse(body), { channel: 'shop' });
      const polled = await ordersUpdatedSince(client, { cursor: null });
      const json = polled.orders.find((o) => String(o.id) === String(spec.id));
      expect(json, `order ${spec.id} polled`).toBeDefined();
      const viaPoll = mapShopifyOrder(json, { channel: 'shop' });
      expect(viaPoll).toEqual(viaWebhook);
      // What makes these orders hard, asserted on the polled one as a user would check it.
      expect(viaPoll.totals?.current.amountMinor).toBe(currentTotal);
      expect(viaPoll.totals?.placed.amountMinor).toBe(placedTotal);
      for (const [i, l] of spec.lines.entries()) {
        const refunded = (spec.refunds ?? [])
          .filter((r) => r.lineId === l.id)
          .reduce((a, r) => a + r.quantity, 0);
        expect(viaPoll.lines[i]!.quantity).toBe(l.currentQuantity ?? l.quantity - refunded);
      }
    });
  }

  it('keeps what only the webhook-era fields told: fulfillable units, B2B terms, kinds and properties', async () => {
    const polled = await ordersUpdatedSince(client, { cursor: null });
    const byId = (id: number) =>
      mapShopifyOrder(
        polled.orders.find((o) => String(o.id) === String(id)),
        { channel: 'shop' },
      );
    expect(byId(610001).lines.map((l) => [l.quantity, l.fulfillableQuantity])).toEqual([
      [2, 1],
      [3, 3],
      [0, 0],
    ]);
    const b2b = byId(610003);
    expect(b2b.taxExempt).toBe(true);
    expect(b2b.b2b).toEqual({
      companyId: '4401',
      companyName: 'Acme Corp',
      locationId: '4402',
      poNumber: 'PO-9',
      paymentTerms: { name: 'Net 30', type: 'NET', dueInDays: 30 },
    });
    expect(b2b.lines.map((l) => l.kind)).toEqual(['product', 'custom', 'gift_card']);
    expect(b2b.lines[0]!.properties).toEqual([{ name: 'Engraving', value: '祝 🎉' }]);
    expect(byId(610002).presentment).toEqual({
      currency: 'GBP',
      placed: { amountMinor: Math.round(12600 * 0.85), currency: 'GBP' },
      current: { amountMinor: Math.round(12600 * 0.85), currency: 'GBP' },
    });
  });
});

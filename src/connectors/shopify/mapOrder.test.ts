import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import { mapShopifyOrder } from './mapOrder.js';
import { euVatOrder, jpyOrder, usOrder } from './test-helpers/orders.js';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function mapError(json: unknown): { message: string; issues: { path: string; message: string }[] } {
  try {
    mapShopifyOrder(json, { channel: 'shop-us' });
  } catch (e) {
    if (!isFerryError(e)) throw e;
    expect(e.code).toBe('payload_invalid');
    return {
      message: e.message,
      issues: (e.details as { issues: { path: string; message: string }[] }).issues,
    };
  }
  throw new Error('expected mapShopifyOrder to throw');
}

describe('mapShopifyOrder golden cases', () => {
  it('maps a US order with taxes on top, a discount, shipping, customer and both addresses', () => {
    const order = mapShopifyOrder(usOrder(), { channel: 'shop-us' });
    expect(order).toEqual({
      channel: 'shop-us',
      channelOrderId: '5512345678901',
      channelOrderName: '#1001',
      currency: 'USD',
      taxesIncluded: false,
      taxExempt: false,
      test: false,
      totals: { placed: usd(11589), current: usd(11589) },
      financialStatus: 'paid',
      note: 'Leave at the back door',
      createdAt: '2026-03-01T15:00:00.000Z',
      updatedAt: '2026-03-01T15:00:05.000Z',
      refs: [{ system: 'shopify', kind: 'order', id: '5512345678901' }],
      customer: {
        channelCustomerId: '7001',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        isCompany: false,
        billingAddress: {
          name: 'Ada Lovelace',
          street: '1 Analytical Way',
          street2: 'Suite 2',
          city: 'Albany',
          zip: '12207',
          countryCode: 'US',
          stateCode: 'NY',
          phone: '+15555550100',
        },
        shippingAddress: {
          name: 'Ada Lovelace',
          street: '1 Analytical Way',
          city: 'Albany',
          zip: '12207',
          countryCode: 'US',
          stateCode: 'NY',
        },
      },
      lines: [
        {
          lineId: '13001',
          sku: 'MUG-BLUE',
          channelVariantId: '44001',
          title: 'Mug - Blue',
          kind: 'product',
          requiresShipping: true,
          orderedQuantity: 2,
          quantity: 2,
          fulfillableQuantity: 2,
          properties: [],
          unitPrice: usd(2500),
          discount: usd(500),
          taxes: [{ title: 'NY State Tax', rate: '0.04', amount: usd(180) }],
        },
        {
          lineId: '13002',
          channelVariantId: '44002',
          title: 'Tea towel',
          kind: 'product',
          requiresShipping: true,
          orderedQuantity: 1,
          quantity: 1,
          fulfillableQuantity: 1,
          properties: [],
          unitPrice: usd(6000),
          discount: usd(0),
          taxes: [{ title: 'NY State Tax', rate: '0.04', amount: usd(240) }],
        },
      ],
      shippingLines: [
        {
          code: 'ups_ground',
          title: 'UPS Ground',
          price: usd(1000),
          discount: usd(0),
          taxes: [{ title: 'NY State Tax', rate: '0.04', amount: usd(40) }],
        },
      ],
    });
  });

  it('keeps the SKU absent when Shopify sends an empty one, so the variant id is the key', () => {
    const line = mapShopifyOrder(usOrder(), { channel: 'c' }).lines[1]!;
    expect(line.sku).toBeUndefined();
    expect(line.channelVariantId).toBe('44002');
  });

  it('maps a VAT-inclusive order in shop money even when the buyer paid in another currency', () => {
    const order = mapShopifyOrder(euVatOrder(), { channel: 'shop-de', entity: 'de' });
    expect(order.taxesIncluded).toBe(true);
    expect(order.currency).toBe('EUR');
    expect(order.entity).toBe('de');
    expect(order.lines[0]).toMatchObject({
      unitPrice: { amountMinor: 11900, currency: 'EUR' },
      quantity: 3,
      taxes: [{ title: 'MwSt 19%', rate: '0.19', amount: { amountMinor: 5700, currency: 'EUR' } }],
    });
    // Shipping line without a price_set: the plain string field is read.
    expect(order.shippingLines[0]!.price).toEqual({ amountMinor: 595, currency: 'EUR' });
  });

  it('names a B2B buyer without a customer record from the billing address', () => {
    const order = mapShopifyOrder(euVatOrder(), { channel: 'shop-de' });
    expect(order.customer).toEqual({
      name: 'Grete Müller',
      email: 'einkauf@example.de',
      isCompany: true,
      billingAddress: {
        name: 'Grete Müller',
        company: 'Müller GmbH',
        street: 'Hauptstraße 5',
        city: 'Berlin',
        zip: '10115',
        countryCode: 'DE',
      },
    });
  });

  it('maps JPY amounts without a minor unit', () => {
    const order = mapShopifyOrder(jpyOrder(), { channel: 'shop-jp' });
    expect(order.lines[0]).toMatchObject({
      unitPrice: { amountMinor: 1500, currency: 'JPY' },
      discount: { amountMinor: 300, currency: 'JPY' },
      taxes: [{ amount: { amountMinor: 444, currency: 'JPY' } }],
    });
    expect(order.shippingLines[0]!.price).toEqual({ amountMinor: 800, currency: 'JPY' });
  });

  it('refuses fractional yen, naming the field', () => {
    const o = jpyOrder();
    const li = (o.line_items as Record<string, unknown>[])[0]!;
    li.price_set = { shop_money: { amount: '1500.50', currency_code: 'JPY' } };
    expect(mapError(o).message).toContain(
      'line_items[0].price_set.shop_money.amount: "1500.50" has more decimals than JPY allows (0)',
    );
  });

  it('maps cancelled orders with the cancellation time in UTC', () => {
    const o = { ...usOrder(), cancelled_at: '2026-03-02T09:30:00+09:00', cancel_reason: 'customer' };
    expect(mapShopifyOrder(o, { channel: 'c' }).cancelledAt).toBe('2026-03-02T00:30:00.000Z');
  });

  it('falls back to total_discount only when there are no allocations', () => {
    const o = usOrder();
    const li = (o.line_items as Record<string, unknown>[])[1]!;
    li.total_discount = '7.50';
    expect(mapShopifyOrder(o, { channel: 'c' }).lines[1]!.discount).toEqual(usd(750));
  });

  it('drops shipping lines Shopify marks as removed and maps unknown financial statuses to unknown', () => {
    const o = usOrder();
    (o.shipping_lines as Record<string, unknown>[])[0]!.is_removed = true;
    o.financial_status = 'expired';
    const order = mapShopifyOrder(o, { channel: 'c' });
    expect(order.shippingLines).toEqual([]);
    expect(order.financialStatus).toBe('unknown');
  });
});

describe('mapShopifyOrder bad input', () => {
  it('names a bad line price by its path', () => {
    const o = usOrder();
    const lines = o.line_items as Record<string, unknown>[];
    lines.push({ ...lines[0], id: 13003, price: 'twelve', price_set: undefined });
    const { message, issues } = mapError(o);
    expect(message).toContain('line_items[2].price: not a decimal amount');
    expect(issues).toContainEqual({ path: 'line_items[2].price', message: 'not a decimal amount' });
  });

  it('lists every bad field, not just the first', () => {
    const o = usOrder();
    o.currency = 'dollars';
    o.taxes_included = 'yes';
    (o.line_items as Record<string, unknown>[])[0]!.quantity = 0;
    const paths = mapError(o).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'taxes_included', 'line_items[0].quantity']));
  });

  it('refuses shop money in a currency other than the order currency', () => {
    const o = usOrder();
    (o.line_items as Record<string, unknown>[])[0]!.price_set = {
      shop_money: { amount: '25.00', currency_code: 'EUR' },
    };
    expect(mapError(o).message).toContain(
      'line_items[0].price_set.shop_money.currency_code: shop money in EUR',
    );
  });

  it('refuses ids that lost precision in JSON.parse', () => {
    const o = { ...usOrder(), id: 2 ** 53 + 2 };
    expect(mapError(o).message).toContain('id: id above 2^53');
  });

  it('refuses an order without lines, a bad timestamp and a non-object', () => {
    expect(mapError({ ...usOrder(), line_items: [] }).message).toContain(
      'line_items: an order needs at least one',
    );
    expect(mapError({ ...usOrder(), updated_at: 'soon' }).message).toContain('updated_at: not a timestamp');
    expect(mapError('[]').message).toContain('(root)');
  });

  it('reports a bad country code through the canonical check', () => {
    const o = usOrder();
    (o.billing_address as Record<string, unknown>).country_code = 'USA';
    expect(mapError(o).message).toContain('canonical customer.billingAddress.countryCode');
  });
});

describe('the risk a polled order carries (Admin GraphQL Order.risk)', () => {
  const withRisk = (risk: unknown) => mapShopifyOrder({ ...usOrder(), risk }, { channel: 'shop-us' });

  it('takes the most severe assessment, ignoring NONE and PENDING', () => {
    const risk = { recommendation: 'ACCEPT', assessments: [{ riskLevel: 'LOW' }, { riskLevel: 'HIGH' }] };
    expect(withRisk(risk).riskLevel).toBe('high');
    expect(withRisk({ recommendation: 'NONE', assessments: [{ riskLevel: 'MEDIUM' }] }).riskLevel).toBe(
      'medium',
    );
  });

  it("falls back to Shopify's recommendation when no assessment gives a level", () => {
    expect(withRisk({ recommendation: 'CANCEL', assessments: [{ riskLevel: 'PENDING' }] }).riskLevel).toBe(
      'high',
    );
    expect(withRisk({ recommendation: 'INVESTIGATE', assessments: [] }).riskLevel).toBe('medium');
    expect(
      withRisk({ recommendation: 'NONE', assessments: [{ riskLevel: 'NONE' }] }).riskLevel,
    ).toBeUndefined();
  });

  it('has no risk level for a webhook order, which carries no risk', () => {
    expect(mapShopifyOrder(usOrder(), { channel: 'shop-us' }).riskLevel).toBeUndefined();
  });
});

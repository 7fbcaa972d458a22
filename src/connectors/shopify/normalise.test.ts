import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCatalogue, generateOrder } from '../../sandbox/shopify/index.js';
import { normaliseShopifyOrder } from './normalise.js';
import { usOrder } from './test-helpers/orders.js';

describe('normaliseShopifyOrder', () => {
  it('maps raw bytes, reports drift and the implied state, and exposes the version', () => {
    const json = { ...usOrder(), fulfillment_status: 'partial', loyalty_tier: 'gold' };
    const n = normaliseShopifyOrder(Buffer.from(JSON.stringify(json)), { channel: 'c' });
    expect(n.order.channelOrderId).toBe('5512345678901');
    expect(n.drift).toEqual([{ path: 'loyalty_tier', kind: 'new_field' }]);
    expect(n.channelStatus.state).toBe('shipped_partially');
    expect(n.version).toBe('2026-03-01T15:00:05.000Z');
  });

  it('names truncated JSON as the problem', () => {
    const text = JSON.stringify(usOrder());
    expect(() => normaliseShopifyOrder(text.slice(0, 200), { channel: 'c' })).toThrow(
      /^Shopify order: body is not valid JSON/,
    );
  });

  it('maps every generated order with money that adds up to the order total', () => {
    const catalogue = generateCatalogue(30);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.constantFrom(0, 5, 10, 25),
        fc.constantFrom('USD', 'EUR', 'JPY'),
        (id, lines, taxesIncluded, discountPercent, currency) => {
          const cat =
            currency === 'JPY' ? catalogue.map((c) => ({ ...c, price: c.price.split('.')[0]! })) : catalogue;
          const json = generateOrder({ id, catalogue: cat, lines, taxesIncluded, discountPercent, currency });
          const { order, drift } = normaliseShopifyOrder(json, { channel: 'c' });
          expect(drift).toEqual([]);
          const net = order.lines.reduce(
            (s, l) => s + l.unitPrice.amountMinor * l.quantity - l.discount.amountMinor,
            0,
          );
          const shipping = order.shippingLines.reduce(
            (s, l) => s + l.price.amountMinor - l.discount.amountMinor,
            0,
          );
          const taxes = [...order.lines, ...order.shippingLines].reduce(
            (s, l) => s + l.taxes.reduce((t, x) => t + x.amount.amountMinor, 0),
            0,
          );
          const total = net + shipping + (order.taxesIncluded ? 0 : taxes);
          expect(total).toBe(Number(json.total_price.replace('.', '')));
        },
      ),
      { numRuns: 200 },
    );
  });
});

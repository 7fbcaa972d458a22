import { describe, expect, it } from 'vitest';
import { detectShopifyOrderDrift, mapShopifyOrder } from '../../connectors/shopify/index.js';
import { parseDecimalToMinor } from '../../core/money.js';
import { generateCatalogue, generateOrder } from './orderGenerator.js';

const catalogue = generateCatalogue(25);

describe('generateOrder', () => {
  it('is deterministic per id and differs between ids', () => {
    expect(generateOrder({ id: 5, catalogue })).toEqual(generateOrder({ id: 5, catalogue }));
    expect(generateOrder({ id: 5, catalogue }).line_items).not.toEqual(
      generateOrder({ id: 6, catalogue }).line_items,
    );
  });

  it('produces N lines from the catalogue with totals that add up (taxes on top)', () => {
    const o = generateOrder({ id: 9, catalogue, lines: 7, discountPercent: 10 });
    const m = (s: string) => parseDecimalToMinor(s, 'USD');
    expect(o.line_items).toHaveLength(7);
    expect(new Set(o.line_items.map((l) => l.sku)).size).toBe(7);
    for (const l of o.line_items) expect(catalogue.map((c) => c.sku)).toContain(l.sku);
    const net = o.line_items.reduce(
      (s, l) => s + m(l.price) * l.quantity - m(l.discount_allocations[0]!.amount),
      0,
    );
    expect(m(o.subtotal_price)).toBe(net);
    expect(m(o.total_price)).toBe(net + m(o.shipping_lines[0]!.price) + m(o.total_tax));
  });

  it('keeps taxes inside the price when taxesIncluded, and handles JPY', () => {
    const o = generateOrder({
      id: 3,
      catalogue: [{ sku: 'T', variantId: 1, title: 'Tea', price: '1500' }],
      lines: 1,
      currency: 'JPY',
      taxesIncluded: true,
      taxRate: 0.1,
      shipping: null,
    });
    const line = o.line_items[0]!;
    const gross = 1500 * line.quantity;
    expect(line.tax_lines[0]!.price).toBe(String(Math.round(gross - gross / 1.1)));
    expect(o.total_price).toBe(String(gross));
  });

  it('yields orders the connector maps without drift', () => {
    for (let id = 1; id <= 30; id++) {
      const json = generateOrder({
        id,
        catalogue,
        lines: 1 + (id % 5),
        discountPercent: id % 3 === 0 ? 15 : 0,
      });
      expect(detectShopifyOrderDrift(json)).toEqual([]);
      const order = mapShopifyOrder(json, { channel: 'sim' });
      expect(order.lines.map((l) => l.sku)).toEqual(json.line_items.map((l) => l.sku));
    }
  });
});

/**
 * Order truth end to end (issue 14), amounts and quantities: Shopify webhook bodies written from the
 * documented REST order shape, signed and posted with Shopify's headers, through Ferry to the Odoo
 * simulator and the JSON WMS. Each case checks the canonical order, the Odoo order (lines, taxes,
 * totals to the cent) and what the warehouse receives. One rig per store for every case.
 */
import { expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import { COUNTY, STATE, VAT, orderTruthRig } from './test-helpers/orderTruthRig.js';

describeStores('order truth: amounts and quantities reach Odoo and the warehouse', (fx) => {
  const t = orderTruthRig(() => fx().location);
  const { ref, wms, canonical, received, odoo, pid, cents, productId, place, line } = t;
  it('taxes excluded with several tax lines per line, shipping discount and shipping tax: Odoo total to the cent', async () => {
    const b = await place({
      id: 1_400_001,
      lines: [
        line(11, t.skus[0]!, 1999, 3, { taxes: [STATE, COUNTY] }),
        line(12, t.skus[1]!, 4550, 1, { taxes: [STATE, COUNTY] }),
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
      [3, 19.99, [t.ids.state, t.ids.county]],
      [1, 45.5, [t.ids.state, t.ids.county]],
      [1, 7, [t.ids.state]],
    ]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(received(1_400_001)).toEqual([
      [t.skus[0], 3],
      [t.skus[1], 1],
    ]);
  }, 60_000);

  it('a fixed discount spread across lines keeps its remainder cent; a discount no 2-decimal percentage gives exactly gets its own line', async () => {
    // 10.00 off three lines of 33.33: Shopify allocates 3.34 + 3.33 + 3.33.
    const b = await place({
      id: 1_400_002,
      lines: [
        line(21, t.skus[0]!, 3333, 1, { discounts: [334] }),
        line(22, t.skus[1]!, 3333, 1, { discounts: [333] }),
        line(23, t.skus[2]!, 33333, 3, { discounts: [1] }),
      ],
    });
    const o = await canonical(1_400_002);
    expect(o.lines.map((l) => l.discount.amountMinor)).toEqual([334, 333, 1]);
    const { so, lines } = odoo(1_400_002);
    expect(lines.map((l) => [pid(l), l.product_uom_qty, l.price_unit, l.discount])).toEqual([
      [productId(t.skus[0]!), 1, 33.33, 10.02],
      [productId(t.skus[1]!), 1, 33.33, 9.99],
      [productId(t.skus[2]!), 3, 333.33, 0],
      [productId('DISCOUNT'), 1, -0.01, 0],
    ]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
  }, 60_000);

  it('lines Shopify does not tax get explicit empty taxes in Odoo, never the product default', async () => {
    const b = await place({
      id: 1_400_003,
      lines: [line(31, t.skus[3]!, 2500, 2, { taxes: [] }), line(32, t.skus[4]!, 1000, 1)],
      shipping: [{ title: 'Free shipping', price: 0 }],
    });
    const { so, lines } = odoo(1_400_003);
    expect(lines.map((l) => l.tax_id)).toEqual([[], [t.ids.state], []]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(cents(so.amount_total)).toBe(5000 + 1000 + 60);
  }, 60_000);

  it('edit to zero and a refund: Odoo and the warehouse get what the customer owes now', async () => {
    const b = await place({
      id: 1_400_004,
      lines: [
        line(41, t.skus[0]!, 1000, 2, { currentQuantity: 0 }),
        line(42, t.skus[1]!, 1500, 3, { discounts: [300] }),
        line(43, t.skus[2]!, 800, 1),
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
      [t.skus[1], 2],
      [t.skus[2], 1],
    ]);
  }, 60_000);

  it('partly fulfilled: only what is still to fulfil goes to the warehouse; fully fulfilled: nothing does', async () => {
    await place({
      id: 1_400_005,
      lines: [
        line(51, t.skus[0]!, 1000, 4, { fulfillableQuantity: 1 }),
        line(52, t.skus[1]!, 1000, 2, { fulfillableQuantity: 0 }),
      ],
    });
    expect(received(1_400_005)).toEqual([[t.skus[0], 1]]);
    await place(
      { id: 1_400_006, lines: [line(61, t.skus[0]!, 1000, 2, { fulfillableQuantity: 0 })] },
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
      lines: [
        line(71, t.skus[0]!, 11999, 1, { taxes: [VAT] }),
        line(72, t.skus[1]!, 2999, 3, { taxes: [VAT] }),
      ],
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
    expect(lines.map((l) => l.tax_id)).toEqual([[t.ids.vat], [t.ids.vat], [t.ids.vat]]);
    expect(cents(so.amount_total)).toBe(b.currentTotal);
    expect(cents(so.amount_total)).toBe(11999 + 3 * 2999 + 595);
  }, 60_000);
});

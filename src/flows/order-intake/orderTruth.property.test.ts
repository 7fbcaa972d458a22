/**
 * Property (issue 14): for generated Shopify orders with edits, refunds and partial fulfilments,
 * what would be released never exceeds what is still to fulfil, and the Odoo order Ferry writes
 * totals what the customer owes now under Ferry's rounding rule (order-vals.ts, README "Order
 * amounts in Odoo"): the untaxed total exactly, the total within one cent per tax of each line
 * under either company rounding method (`round_per_line`, `round_globally`), exactly when taxes are
 * included in prices, except under Odoo 16/17's `round_globally` (each tax's order sum rounded
 * apart: within `roundingAllowance`). Odoo 17's and 18's tax engines differ, so both are run.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapShopifyOrder, parseJsonLossless } from '../../connectors/shopify/index.js';
import { compileOptions } from '../../connectors/odoo/options.js';
import { orderLineCommands } from '../../connectors/odoo/ops/order-vals.js';
import type { Ops } from '../../connectors/odoo/ops/context.js';
import { lineNet, openShippableLines } from '../../core/orderMath.js';
import { roundingAllowance } from './totals.js';
import { SimCore, seedCustomer, seedProduct, seedTax } from '../../sandbox/odoo/index.js';
import type { Rec } from '../../sandbox/odoo/index.js';
import { shopifyOrderBody, type LineSpec, type OrderSpec } from '../../test-helpers/shopifyOrderBody.js';

const SKUS = ['P-1', 'P-2', 'P-3', 'P-4'];

const lineArb = fc
  .record({
    sku: fc.constantFrom(...SKUS),
    price: fc.integer({ min: 1, max: 50_000 }),
    quantity: fc.integer({ min: 1, max: 6 }),
    keepPct: fc.integer({ min: 0, max: 100 }),
    fulfilledPct: fc.integer({ min: 0, max: 100 }),
    discountPct: fc.integer({ min: 0, max: 100 }),
    taxed: fc.constantFrom('none', 'state', 'both'),
    viaRefund: fc.boolean(),
    kind: fc.constantFrom('product', 'product', 'product', 'custom', 'gift'),
  })
  .map((l) => {
    const current = Math.floor((l.quantity * l.keepPct) / 100);
    return { ...l, current, fulfillable: Math.floor((current * l.fulfilledPct) / 100) };
  });

const orderArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  included: fc.boolean(),
  shipping: fc.option(
    fc.record({ price: fc.integer({ min: 0, max: 3000 }), discount: fc.integer({ min: 0, max: 100 }) }),
  ),
});

describe('order truth property', () => {
  const rigs = new Map<number, { core: SimCore; ops: Ops; products: Map<string, number>; partner: number }>();
  beforeAll(() => {
    for (const version of [17, 18] as const) rigs.set(version, rig(version));
  });
  function rig(version: 17 | 18) {
    const core = new SimCore({ version });
    const products = new Map(SKUS.map((sku) => [sku, seedProduct(core, { sku, price: 1 })]));
    const service = (sku: string) => seedProduct(core, { sku, price: 0, storable: false });
    const partner = seedCustomer(core, { name: 'Ada' });
    const cfg = compileOptions({
      url: 'http://odoo.invalid',
      db: 'ferry',
      login: 'admin',
      apiKey: 'k',
      taxes: [
        { title: 'State Tax', included: false, odooTaxId: seedTax(core, 'State 6%', 6) },
        { title: 'County Tax', included: false, odooTaxId: seedTax(core, 'County 2.25%', 2.25) },
        { title: 'State Tax', included: true, odooTaxId: seedTax(core, 'VAT 6% incl', 6, true) },
        { title: 'County Tax', included: true, odooTaxId: seedTax(core, 'VAT 2.25% incl', 2.25, true) },
      ],
      shippingProductId: service('SHIP'),
      discountProductId: service('DISC'),
      lineProducts: { custom: service('CUSTOM'), gift_card: service('GIFT') },
    });
    return { core, ops: { cfg } as unknown as Ops, products, partner };
  }

  it.each([
    [17, 'round_per_line'],
    [17, 'round_globally'],
    [18, 'round_per_line'],
    [18, 'round_globally'],
  ] as const)(
    'releases never exceed still-to-fulfil; the Odoo total is the current total under the rounding rule (Odoo %i, company %s)',
    (version, method) => {
      const { core, ops, products, partner } = rigs.get(version)!;
      const exactWhenIncluded = version >= 18 || method === 'round_per_line';
      core.db.update('res.company', 1, { tax_calculation_rounding_method: method });
      fc.assert(
        fc.property(orderArb, (g) => {
          const taxes = {
            none: [],
            state: [{ title: 'State Tax', rate: 0.06 }],
            both: [
              { title: 'State Tax', rate: 0.06 },
              { title: 'County Tax', rate: 0.0225 },
            ],
          };
          const spec: OrderSpec = {
            id: 1,
            taxesIncluded: g.included,
            lines: g.lines.map((l, i): LineSpec => ({
              id: 100 + i,
              sku: l.kind === 'product' ? l.sku : '',
              title: `${l.kind} ${i}`,
              price: l.price,
              quantity: l.quantity,
              ...(l.viaRefund ? {} : { currentQuantity: l.current }),
              fulfillableQuantity: l.fulfillable,
              discounts: [Math.floor((l.price * l.quantity * l.discountPct) / 100)],
              taxes: taxes[l.taxed],
              ...(l.kind === 'custom' ? { productId: null, variantId: null } : {}),
              ...(l.kind === 'gift' ? { giftCard: true } : {}),
            })),
            refunds: g.lines.flatMap((l, i) =>
              l.viaRefund && l.current < l.quantity
                ? [{ lineId: 100 + i, quantity: l.quantity - l.current }]
                : [],
            ),
            ...(g.shipping
              ? {
                  shipping: [
                    {
                      title: 'Post',
                      price: g.shipping.price,
                      discount: Math.min(g.shipping.discount, g.shipping.price),
                      taxes: [],
                    },
                  ],
                }
              : {}),
          };
          const built = shopifyOrderBody(spec);
          const order = mapShopifyOrder(parseJsonLossless(built.body), { channel: 'shop' });
          for (const { line, quantity } of openShippableLines(order)) {
            const g0 = g.lines[order.lines.indexOf(line)]!;
            expect(quantity).toBeLessThanOrEqual(g0.fulfillable);
            expect(quantity).toBeLessThanOrEqual(g0.current);
            expect(g0.kind).toBe('product');
          }
          const { lines, extra } = orderLineCommands(ops, order, products, 'tax_id');
          const id = core.callSync('sale.order', 'create', [], {
            vals_list: { partner_id: partner, order_line: [...lines, ...extra] },
          }) as number;
          const [so] = core.callSync('sale.order', 'read', [id], {
            fields: ['amount_total', 'amount_untaxed'],
          }) as Rec[];
          const odooTotal = Math.round(Number(so!.amount_total) * 100);
          expect(odooTotal === built.currentTotal || !g.included || !exactWhenIncluded).toBe(true);
          expect(Math.abs(odooTotal - built.currentTotal)).toBeLessThanOrEqual(roundingAllowance(order));
          if (!g.included) {
            const net =
              order.lines.reduce((a, l) => a + lineNet(l), 0) +
              order.shippingLines.reduce((a, s) => a + s.price.amountMinor - s.discount.amountMinor, 0);
            expect(Math.round(Number(so!.amount_untaxed) * 100)).toBe(net);
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});

/**
 * Canonical order → sale.order values: lines with prices (floats at this boundary only),
 * discounts as Odoo's percentage, mapped taxes, a shipping line, pricelist, warehouse, company,
 * and the channel reference in `client_order_ref` (the find-before-create key) and `origin`.
 */
import { FerryError } from '../../../core/errors.js';
import { minorToMajorNumber } from '../../../core/money.js';
import type { Order, OrderLine, TaxLine } from '../../../core/model.js';
import type { CustomerRef } from '../port.js';
import type { Ops } from './context.js';

export function channelRef(order: Order): string {
  return `${order.channel}:${order.channelOrderId}`;
}

function taxIds(ops: Ops, order: Order, taxes: readonly TaxLine[]): number[] | undefined {
  if (!taxes.length) return ops.cfg.untaxedLines === 'no-tax' ? [] : undefined;
  return taxes.map((t) => {
    const rule = ops.cfg.taxes.find(
      (r) =>
        (r.title === undefined || r.title === t.title) &&
        (r.rate === undefined || Number(r.rate) === Number(t.rate)) &&
        (r.included === undefined || r.included === order.taxesIncluded),
    );
    if (!rule) {
      throw new FerryError(
        'mapping_missing',
        `no Odoo tax mapped for "${t.title}" (${t.rate}) on order ${channelRef(order)}`,
        {
          entities: { order: channelRef(order), tax: t.title },
        },
      );
    }
    return rule.odooTaxId;
  });
}

/**
 * Odoo's discount is a percentage of price × quantity; the canonical discount is an amount. The
 * percentage keeps 4 decimals, so e.g. 10.00 off 3 × 33.33 gives 99.99 × (1 − 10.0010%) = 89.99.
 */
function discountPct(line: OrderLine): number {
  const gross = line.unitPrice.amountMinor * line.quantity;
  if (!line.discount.amountMinor || !gross) return 0;
  return Math.round((line.discount.amountMinor / gross) * 100 * 10_000) / 10_000;
}

function lineVals(ops: Ops, order: Order, line: OrderLine, productId: number, taxField: string): unknown[] {
  const taxes = taxIds(ops, order, line.taxes);
  return [
    0,
    0,
    {
      product_id: productId,
      product_uom_qty: line.quantity,
      price_unit: minorToMajorNumber(line.unitPrice.amountMinor, line.unitPrice.currency),
      discount: discountPct(line),
      ...(line.title ? { name: line.title } : {}),
      ...(taxes ? { [taxField]: [[6, 0, taxes]] } : {}),
    },
  ];
}

function shippingVals(ops: Ops, order: Order, taxField: string): unknown[][] {
  if (!order.shippingLines.length) return [];
  if (ops.cfg.shippingProductId === undefined) {
    throw new FerryError(
      'config_invalid',
      'order has shipping lines but no Odoo shippingProductId is configured',
    );
  }
  return order.shippingLines.map((s) => {
    const taxes = taxIds(ops, order, s.taxes);
    const net = s.price.amountMinor - s.discount.amountMinor;
    return [
      0,
      0,
      {
        product_id: ops.cfg.shippingProductId,
        product_uom_qty: 1,
        price_unit: minorToMajorNumber(net, s.price.currency),
        name: s.title,
        ...(taxes ? { [taxField]: [[6, 0, taxes]] } : {}),
      },
    ];
  });
}

export function lineKey(line: OrderLine): string {
  const key = line.sku ?? line.channelVariantId;
  if (!key)
    throw new FerryError('mapping_missing', `order line ${line.lineId} has neither SKU nor variant id`);
  return key;
}

export function orderVals(
  ops: Ops,
  order: Order,
  customer: CustomerRef,
  products: Map<string, number>,
  taxField: string,
): Record<string, unknown> {
  const company = (order.entity && ops.cfg.companies[order.entity]) || ops.cfg.company;
  const pricelist = ops.cfg.pricelists[order.currency];
  const warehouse = order.requestedWarehouse ? ops.cfg.warehouses[order.requestedWarehouse] : undefined;
  if (order.requestedWarehouse && warehouse === undefined) {
    throw new FerryError('mapping_missing', `no Odoo warehouse mapped for "${order.requestedWarehouse}"`);
  }
  return {
    partner_id: customer.partnerId,
    partner_invoice_id: customer.invoiceAddressId,
    partner_shipping_id: customer.deliveryAddressId,
    client_order_ref: channelRef(order),
    origin: order.channelOrderName ?? order.channelOrderId,
    company_id: company,
    ...(pricelist !== undefined ? { pricelist_id: pricelist } : {}),
    ...(warehouse !== undefined ? { warehouse_id: warehouse } : {}),
    ...(order.note ? { note: order.note } : {}),
    order_line: [
      ...order.lines.map((l) => lineVals(ops, order, l, products.get(lineKey(l)) as number, taxField)),
      ...shippingVals(ops, order, taxField),
    ],
  };
}

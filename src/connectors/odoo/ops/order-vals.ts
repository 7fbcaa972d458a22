/**
 * Canonical order → sale.order values: what the customer owes now, line by line, with exactly the
 * taxes the channel charged (explicit empty taxes where it charged none, never the product's
 * default), shipping, pricelist, warehouse, company, payment terms and references.
 *
 * Exact line totals (the rule, also in README "Order amounts in Odoo"): Odoo keeps `price_unit` and
 * `discount` to the database's precision, 2 decimals by default ("Product Price", "Discount"), and
 * computes a line's subtotal as round(price_unit × qty × (1 − discount/100)). Channel unit prices
 * are whole cents, so `price_unit` is always exact. A line's discount goes out as a 2-decimal
 * percentage when that percentage gives the line's net total to the cent; when no 2-decimal
 * percentage does (e.g. 0.01 off 3 × 333.33), the product line goes at its full price and the
 * discount as its own line: the configured discount product, quantity 1, price −discount, the same
 * taxes. Either way the untaxed total of each channel line reaches Odoo exact; taxes are Odoo's,
 * computed under the company's rounding method, and compared with the channel's afterwards.
 */
import { FerryError } from '../../../core/errors.js';
import { minorToMajorNumber } from '../../../core/money.js';
import type { LineKind, Order, OrderLine, TaxLine } from '../../../core/model.js';
import { resolvedSku } from '../../../core/orderMath.js';
import type { CustomerRef } from '../port.js';
import { companyScope, orderCompany, type CompanyScope } from './companies.js';
import type { Ops } from './context.js';

/** Ferry's reference of an order in Odoo: `<channel>:<channelOrderId>`. */
export function channelRef(order: Order): string {
  return `${order.channel}:${order.channelOrderId}`;
}

/** The Odoo company an order books in: its entity's, else the channel's, else the default. */
export function companyOf(ops: Ops, order: Pick<Order, 'entity' | 'channel'>): number {
  return orderCompany(ops.cfg, order);
}

function taxIds(ops: Ops, order: Order, taxes: readonly TaxLine[]): number[] {
  if (order.taxExempt) return [];
  const company = companyOf(ops, order);
  return taxes.map((t) => {
    const rule = ops.cfg.taxes.find(
      (r) =>
        (r.channel === undefined || r.channel === order.channel) &&
        // A rule without a company is the default company's: one company's mapping never serves another.
        (r.company ?? ops.cfg.company) === company &&
        (r.title === undefined || r.title === t.title) &&
        (r.rate === undefined || Number(r.rate) === Number(t.rate)) &&
        (r.included === undefined || r.included === order.taxesIncluded),
    );
    if (!rule) {
      const how = order.taxesIncluded ? 'included' : 'excluded';
      throw new FerryError(
        'mapping_missing',
        `no Odoo tax mapped for "${t.title}" (rate ${t.rate}, ${how}) of channel ${order.channel} in company ${company} on order ${channelRef(order)}; add it to odoo.taxes`,
        { entities: { order: channelRef(order), tax: t.title, rate: t.rate, company } },
      );
    }
    return rule.odooTaxId;
  });
}

/** The 2-decimal discount percentage that gives `net` from `gross` exactly, or undefined. */
export function exactDiscountPct(gross: number, net: number): number | undefined {
  if (net === gross) return 0;
  if (gross <= 0) return undefined;
  const target = (1 - net / gross) * 100;
  const centi = Math.round(target * 100);
  for (const c of [centi, centi - 1, centi + 1]) {
    if (c < 0 || c > 10_000) continue;
    // Odoo: round(price × qty × (1 − d/100)) to the cent, half away from zero.
    if (Math.round((gross * (10_000 - c)) / 10_000 + 1e-9) === net) return c / 100;
  }
  return undefined;
}

/** The product of a line that is not a catalogue product: a configured service product. */
function kindProduct(ops: Ops, scope: CompanyScope, order: Order, line: OrderLine): number {
  const kind = line.kind as Exclude<LineKind, 'product'>;
  const id = ops.cfg.channelLineProducts[order.channel]?.[kind] ?? scope.lineProducts[kind];
  if (id === undefined) {
    throw new FerryError(
      'mapping_missing',
      `order ${channelRef(order)} line ${line.lineId} is a ${kind.replace('_', ' ')} item ("${line.title ?? ''}"), and no Odoo service product is configured for it in company ${scope.company}; set ${scope.where('lineProducts')}.${kind}`,
      { entities: { order: channelRef(order), line: line.lineId, kind, company: scope.company } },
    );
  }
  return id;
}

function major(order: Order, minor: number): number {
  return minorToMajorNumber(minor, order.currency);
}

function lineVals(
  ops: Ops,
  scope: CompanyScope,
  order: Order,
  line: OrderLine,
  productId: number,
  taxField: string,
): unknown[][] {
  const taxes = [[6, 0, taxIds(ops, order, line.taxes)]];
  const gross = line.unitPrice.amountMinor * line.quantity;
  const net = gross - line.discount.amountMinor;
  const pct = exactDiscountPct(gross, net);
  const base = {
    product_id: productId,
    product_uom_qty: line.quantity,
    price_unit: major(order, line.unitPrice.amountMinor),
    discount: pct ?? 0,
    ...(line.title ? { name: lineName(line) } : {}),
    [taxField]: taxes,
  };
  if (pct !== undefined) return [[0, 0, base]];
  if (scope.discountProductId === undefined) {
    throw new FerryError(
      'config_invalid',
      `order ${channelRef(order)} line ${line.lineId}: its discount (${line.discount.amountMinor} minor units) is no 2-decimal percentage of its price, so it needs its own line, and company ${scope.company} has no discount product; set ${scope.where('discountProductId')}`,
      { entities: { order: channelRef(order), line: line.lineId, company: scope.company } },
    );
  }
  const discountLine = {
    product_id: scope.discountProductId,
    product_uom_qty: 1,
    price_unit: major(order, -line.discount.amountMinor),
    name: `Discount: ${line.title ?? line.lineId}`,
    [taxField]: taxes,
  };
  return [
    [0, 0, base],
    [0, 0, discountLine],
  ];
}

/** The line's title with its properties (engraving text ...), so they reach the picking and invoice. */
function lineName(line: OrderLine): string {
  const props = line.properties.filter((p) => p.value !== '' && !p.name.startsWith('_'));
  if (!props.length) return line.title ?? '';
  return `${line.title ?? ''}\n${props.map((p) => `${p.name}: ${p.value}`).join('\n')}`;
}

function shippingVals(ops: Ops, scope: CompanyScope, order: Order, taxField: string): unknown[][] {
  if (!order.shippingLines.length) return [];
  if (scope.shippingProductId === undefined) {
    throw new FerryError(
      'config_invalid',
      `order ${channelRef(order)} has shipping lines but no Odoo shipping product is configured for company ${scope.company}; set ${scope.where('shippingProductId')}`,
      { entities: { order: channelRef(order), company: scope.company } },
    );
  }
  return order.shippingLines.map((s) => [
    0,
    0,
    {
      product_id: scope.shippingProductId,
      product_uom_qty: 1,
      price_unit: major(order, s.price.amountMinor - s.discount.amountMinor),
      name: s.title,
      [taxField]: [[6, 0, taxIds(ops, order, s.taxes)]],
    },
  ]);
}

/** The product lookup key of a catalogue line: its resolved SKU, else `variant:<id>`. */
export function lineKey(line: OrderLine): string {
  const key = resolvedSku(line) ?? (line.channelVariantId ? `variant:${line.channelVariantId}` : undefined);
  if (!key)
    throw new FerryError('mapping_missing', `order line ${line.lineId} has neither SKU nor variant id`);
  return key;
}

/** Lookup keys of the lines that are catalogue products (the only ones resolved by SKU). */
export function productKeys(order: Order): string[] {
  return order.lines.filter((l) => l.kind === 'product').map(lineKey);
}

function paymentTerm(scope: CompanyScope, order: Order): Record<string, number> {
  const name = order.b2b?.paymentTerms?.name;
  if (!name) return {};
  const id = scope.paymentTerms[name];
  if (id === undefined) {
    throw new FerryError(
      'mapping_missing',
      `order ${channelRef(order)} has payment terms "${name}", which no Odoo payment term is mapped to in company ${scope.company}; add it to ${scope.where('paymentTerms')}`,
      { entities: { order: channelRef(order), paymentTerms: name, company: scope.company } },
    );
  }
  return { payment_term_id: id };
}

/**
 * One Odoo line per channel line, in the channel's order (a removed line goes as quantity 0, so
 * the first Odoo lines answer the channel's lines one to one), then discount lines, then shipping.
 */
export function orderLineCommands(
  ops: Ops,
  order: Order,
  products: Map<string, number>,
  taxField: string,
): { lines: unknown[][]; extra: unknown[][] } {
  const scope = companyScope(ops.cfg, companyOf(ops, order));
  const lines: unknown[][] = [];
  const extra: unknown[][] = [];
  for (const l of order.lines) {
    const pid = l.kind === 'product' ? products.get(lineKey(l)) : kindProduct(ops, scope, order, l);
    if (pid === undefined)
      throw new FerryError(
        'mapping_missing',
        `SKU "${lineKey(l)}" has no Odoo product in company ${scope.company}`,
        { entities: { sku: lineKey(l), company: scope.company } },
      );
    const [main, ...rest] = lineVals(ops, scope, order, l, pid, taxField);
    lines.push(main!);
    extra.push(...rest);
  }
  return { lines, extra: [...extra, ...shippingVals(ops, scope, order, taxField)] };
}

/**
 * The pricelist an order books on: its company's for the order's currency. Without one, an order in
 * the company's own currency goes without `pricelist_id` (Odoo takes the customer's pricelist in
 * that company); an order in another currency is refused, naming the company and the currency: the
 * sale order's currency is its pricelist's, so Odoo would book the channel's amounts in the wrong
 * currency, and another company's pricelist would be refused ("Incompatible companies on records").
 */
export function pricelistOf(
  scope: CompanyScope,
  order: Order,
  currencies: ReadonlyMap<number, string>,
): number | undefined {
  const pricelist = scope.pricelists[order.currency];
  if (pricelist !== undefined) return pricelist;
  const own = currencies.get(scope.company);
  if (own === undefined || own === order.currency) return undefined;
  throw new FerryError(
    'mapping_missing',
    `order ${channelRef(order)} is in ${order.currency}, but Odoo company ${scope.company} keeps its books in ${own} and has no pricelist in ${order.currency}; set ${scope.where('pricelists')}.${order.currency} to a pricelist of company ${scope.company} in ${order.currency}, then replay`,
    { entities: { order: channelRef(order), company: scope.company, currency: order.currency } },
  );
}

export function orderVals(
  ops: Ops,
  order: Order,
  customer: CustomerRef,
  products: Map<string, number>,
  taxField: string,
  currencies: ReadonlyMap<number, string>,
): Record<string, unknown> {
  const company = companyOf(ops, order);
  const scope = companyScope(ops.cfg, company);
  const pricelist = pricelistOf(scope, order, currencies);
  const warehouse = order.requestedWarehouse ? ops.cfg.warehouses[order.requestedWarehouse] : undefined;
  if (order.requestedWarehouse && warehouse === undefined) {
    throw new FerryError('mapping_missing', `no Odoo warehouse mapped for "${order.requestedWarehouse}"`);
  }
  const { lines, extra } = orderLineCommands(ops, order, products, taxField);
  const po = order.b2b?.poNumber;
  return {
    partner_id: customer.partnerId,
    partner_invoice_id: customer.invoiceAddressId,
    partner_shipping_id: customer.deliveryAddressId,
    // The buyer's PO number is what Odoo shows and prints as the customer reference; Ferry's own
    // reference then goes to `origin`, which the find-before-create search also reads.
    client_order_ref: po ?? channelRef(order),
    origin: po ? channelRef(order) : (order.channelOrderName ?? order.channelOrderId),
    company_id: company,
    ...paymentTerm(scope, order),
    ...(pricelist !== undefined ? { pricelist_id: pricelist } : {}),
    ...(warehouse !== undefined ? { warehouse_id: warehouse } : {}),
    ...(order.note ? { note: order.note } : {}),
    order_line: [...lines, ...extra],
  };
}

/**
 * `orders(first, after, query, sortKey: UPDATED_AT)` and `order(id).lineItems` over the REST order
 * store, converted to the GraphQL Order shape of 2026-04.
 */
import { firstOf, gqlDecimal, str } from './gqlTypes.js';
import type { OpHandler } from './gqlTypes.js';
import type {
  AddressJson,
  LineItemJson,
  MoneySetJson,
  OrderJson,
  ShippingLineJson,
  TaxLineJson,
} from './orderTypes.js';

/** Cost per order node: the order and its small objects, plus 5 per line item and shipping line. */
const ORDER_BASE = 12;
const PER_LINE = 5;

export const ordersUpdatedSince: OpHandler = {
  requestedCost: ({ query, variables }) =>
    2 +
    Number(variables.first ?? 10) *
      (ORDER_BASE + (firstOf(query, 'lineItems', 0) + firstOf(query, 'shippingLines', 0)) * PER_LINE),
  run(ctx) {
    const first = Number(ctx.variables.first ?? 10);
    const since = parseUpdatedSince(str(ctx.variables.query));
    const sorted = [...ctx.state.orders.values()]
      .filter((o) => since === undefined || since.test(Date.parse(o.updated_at)))
      .sort(byUpdatedThenId);
    const after = str(ctx.variables.after);
    const start = after === undefined ? 0 : sorted.findIndex((o) => cursorOf(o) === after) + 1;
    const page = sorted.slice(start, start + first);
    const lineFirst = firstOf(ctx.query, 'lineItems', 20);
    const shipFirst = firstOf(ctx.query, 'shippingLines', 5);
    const nodes = page.map((o) => orderNode(o, lineFirst, shipFirst));
    const actual =
      2 +
      page.reduce(
        (s, o) =>
          s + ORDER_BASE + (Math.min(o.line_items.length, lineFirst) + o.shipping_lines.length) * PER_LINE,
        0,
      );
    return {
      data: { orders: { pageInfo: pageInfo(page, start + first < sorted.length), nodes } },
      actualCost: actual,
    };
  },
};

export const orderLineItems: OpHandler = {
  requestedCost: ({ query }) => 3 + firstOf(query, 'lineItems', 50) * PER_LINE,
  run(ctx) {
    const order = ctx.state.orders.get(tail(str(ctx.variables.id) ?? ''));
    if (!order) return { data: { order: null }, actualCost: 1 };
    const first = firstOf(ctx.query, 'lineItems', 50);
    const after = str(ctx.variables.after);
    const start = after === undefined ? 0 : Number(Buffer.from(after, 'base64url').toString()) + 1;
    return { data: { order: { lineItems: lineConnection(order.line_items, start, first) } } };
  },
};

function lineConnection(lines: readonly LineItemJson[], start: number, first: number) {
  const page = lines.slice(start, start + first);
  return {
    pageInfo: {
      hasNextPage: start + first < lines.length,
      endCursor: page.length ? Buffer.from(String(start + page.length - 1)).toString('base64url') : null,
    },
    nodes: page.map(lineNode),
  };
}

/** `updated_at:>='ISO'` (also `>` and unquoted), the search syntax Shopify's orders query takes. */
function parseUpdatedSince(q: string | undefined): { test(ms: number): boolean } | undefined {
  if (!q) return undefined;
  const m = /updated_at:(>=|>)'?([^'\s]+)'?/.exec(q);
  if (!m) return undefined;
  const bound = Date.parse(m[2]!);
  return { test: (ms) => (m[1] === '>=' ? ms >= bound : ms > bound) };
}

function byUpdatedThenId(a: OrderJson, b: OrderJson): number {
  return Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id;
}

function cursorOf(o: OrderJson): string {
  return Buffer.from(`${o.id}`).toString('base64url');
}

function pageInfo(page: readonly OrderJson[], hasNextPage: boolean) {
  return { hasNextPage, endCursor: page.length ? cursorOf(page[page.length - 1]!) : null };
}

function tail(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}

const FULFILLMENT: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
};

function orderNode(o: OrderJson, lineFirst: number, shipFirst: number) {
  return {
    id: o.admin_graphql_api_id,
    legacyResourceId: String(o.id),
    name: o.name,
    email: o.email,
    phone: o.phone,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    processedAt: o.processed_at,
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason?.toUpperCase() ?? null,
    closedAt: o.closed_at,
    currencyCode: o.currency,
    presentmentCurrencyCode: o.presentment_currency,
    taxesIncluded: o.taxes_included,
    note: o.note,
    test: o.test,
    displayFinancialStatus: o.financial_status.toUpperCase(),
    displayFulfillmentStatus: FULFILLMENT[o.fulfillment_status ?? ''] ?? 'UNFULFILLED',
    customer: o.customer && {
      id: `gid://shopify/Customer/${o.customer.id}`,
      legacyResourceId: String(o.customer.id),
      firstName: o.customer.first_name,
      lastName: o.customer.last_name,
      defaultEmailAddress: o.customer.email ? { emailAddress: o.customer.email } : null,
      defaultPhoneNumber: o.customer.phone ? { phoneNumber: o.customer.phone } : null,
    },
    billingAddress: addressNode(o.billing_address),
    shippingAddress: addressNode(o.shipping_address),
    taxLines: o.tax_lines.map(taxNode),
    lineItems: lineConnection(o.line_items, 0, lineFirst),
    shippingLines: { nodes: o.shipping_lines.slice(0, shipFirst).map(shippingNode) },
  };
}

function lineNode(li: LineItemJson) {
  return {
    id: li.admin_graphql_api_id,
    sku: li.sku,
    name: li.name,
    title: li.title,
    variantTitle: li.variant_title,
    quantity: li.quantity,
    variant:
      li.variant_id === null
        ? null
        : { id: `gid://shopify/ProductVariant/${li.variant_id}`, legacyResourceId: String(li.variant_id) },
    originalUnitPriceSet: moneyNode(li.price_set),
    discountAllocations: li.discount_allocations.map((a) => ({
      allocatedAmountSet: moneyNode(a.amount_set),
    })),
    taxLines: li.tax_lines.map(taxNode),
  };
}

function shippingNode(s: ShippingLineJson) {
  return {
    id: `gid://shopify/ShippingLine/${s.id}`,
    title: s.title,
    code: s.code,
    isRemoved: s.is_removed,
    originalPriceSet: moneyNode(s.price_set),
    discountAllocations: s.discount_allocations.map((a) => ({ allocatedAmountSet: moneyNode(a.amount_set) })),
    taxLines: s.tax_lines.map(taxNode),
  };
}

function taxNode(t: TaxLineJson) {
  return { title: t.title, rate: t.rate, priceSet: moneyNode(t.price_set) };
}

function moneyNode(m: MoneySetJson) {
  return { shopMoney: { amount: gqlDecimal(m.shop_money.amount), currencyCode: m.shop_money.currency_code } };
}

function addressNode(a: AddressJson | null) {
  if (!a) return null;
  return {
    firstName: a.first_name,
    lastName: a.last_name,
    name: a.name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    zip: a.zip,
    country: a.country,
    countryCodeV2: a.country_code,
    phone: a.phone,
  };
}

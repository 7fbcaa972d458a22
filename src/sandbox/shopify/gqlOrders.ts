/**
 * Orders as the Admin API 2026-04 shows them, built from the REST order store: `orders(query,
 * sortKey: UPDATED_AT)` for the reconciliation poll and `order(id)` with its line items, shipping
 * lines and fulfillment orders as real connections (gqlPaging.ts).
 */
import { GraphQLError } from 'graphql';
import { foObject } from './gqlFulfillment.js';
import { connection } from './gqlPaging.js';
import type { PageArgs } from './gqlPaging.js';
import { gidTail, gqlDecimal } from './gqlTypes.js';
import type { SimContext } from './gqlTypes.js';
import type {
  AddressJson,
  LineItemJson,
  MoneySetJson,
  OrderJson,
  ShippingLineJson,
  TaxLineJson,
} from './orderTypes.js';

export function orderById(ctx: SimContext, id: string) {
  const order = ctx.state.orders.get(gidTail(id));
  return order ? orderObject(ctx, order) : null;
}

export function orders(ctx: SimContext, args: PageArgs & { query?: string | null; sortKey?: string }) {
  const since = parseUpdatedSince(args.query ?? undefined);
  if (args.sortKey !== 'UPDATED_AT' && args.sortKey !== 'ID')
    throw new GraphQLError(`simulator: orders sortKey ${args.sortKey} is not simulated`);
  const sorted = [...ctx.state.orders.values()]
    .filter((o) => since === undefined || since.test(Date.parse(o.updated_at)))
    .sort(args.sortKey === 'ID' ? (a, b) => a.id - b.id : byUpdatedThenId);
  return connection(
    sorted,
    args,
    (o) => String(o.id),
    (o) => orderObject(ctx, o),
  );
}

/**
 * `updated_at:>='ISO'` (also `>`, `<`, `<=` and unquoted): the search syntax of the orders query
 * (docs/api/usage/search-syntax; `updated_at` is a listed filter of queries/orders).
 */
function parseUpdatedSince(q: string | undefined): { test(ms: number): boolean } | undefined {
  if (!q) return undefined;
  const m = /updated_at:(>=|>|<=|<)'?([^'\s]+)'?/.exec(q);
  if (!m) return undefined;
  const bound = Date.parse(m[2]!);
  const cmp: Record<string, (a: number) => boolean> = {
    '>=': (a) => a >= bound,
    '>': (a) => a > bound,
    '<=': (a) => a <= bound,
    '<': (a) => a < bound,
  };
  return { test: cmp[m[1]!]! };
}

function byUpdatedThenId(a: OrderJson, b: OrderJson): number {
  return Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id;
}

const FULFILLMENT: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
};

function orderObject(ctx: SimContext, o: OrderJson) {
  return {
    __typename: 'Order',
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
    taxExempt: o.tax_exempt ?? false,
    note: o.note,
    test: o.test,
    poNumber: typeof o.po_number === 'string' ? o.po_number : null,
    totalPriceSet: totalSet(o, o.total_price_set, o.total_price),
    currentTotalPriceSet: totalSet(
      o,
      o.current_total_price_set ?? o.total_price_set,
      (o.current_total_price as string | undefined) ?? o.total_price,
    ),
    risk: ctx.state.risks.get(String(o.id)) ?? { recommendation: 'NONE', assessments: [] },
    paymentTerms: paymentTermsNode(o),
    purchasingEntity: purchasingEntityNode(o),
    displayFinancialStatus: o.financial_status.toUpperCase(),
    displayFulfillmentStatus: FULFILLMENT[o.fulfillment_status ?? ''] ?? 'UNFULFILLED',
    customer: o.customer && {
      id: `gid://shopify/Customer/${o.customer.id}`,
      legacyResourceId: String(o.customer.id),
      firstName: o.customer.first_name,
      lastName: o.customer.last_name,
      taxExempt: o.customer.tax_exempt ?? false,
      defaultEmailAddress: o.customer.email ? { emailAddress: o.customer.email } : null,
      defaultPhoneNumber: o.customer.phone ? { phoneNumber: o.customer.phone } : null,
    },
    billingAddress: addressNode(o.billing_address),
    shippingAddress: addressNode(o.shipping_address),
    taxLines: o.tax_lines.map(taxNode),
    lineItems: (args: PageArgs) => connection(o.line_items, args, (li) => li.admin_graphql_api_id, lineNode),
    shippingLines: (args: PageArgs & { includeRemovals?: boolean }) =>
      connection(
        o.shipping_lines.filter((s) => args.includeRemovals || !s.is_removed),
        args,
        (s) => String(s.id),
        shippingNode,
      ),
    fulfillmentOrders: (args: PageArgs) =>
      connection(
        ctx.state.fulfillmentOrdersOf(String(o.id)),
        args,
        (fo) => fo.id,
        (fo) => foObject(ctx, fo),
      ),
  };
}

export function lineNode(li: LineItemJson) {
  return {
    __typename: 'LineItem',
    id: li.admin_graphql_api_id,
    sku: li.sku,
    name: li.name,
    title: li.title,
    variantTitle: li.variant_title,
    quantity: li.quantity,
    currentQuantity: li.current_quantity,
    unfulfilledQuantity: li.fulfillable_quantity,
    requiresShipping: li.requires_shipping,
    isGiftCard: li.gift_card ?? false,
    product: li.product_id === null ? null : { id: `gid://shopify/Product/${li.product_id}` },
    customAttributes: (li.properties ?? []).map((p) => ({ key: p.name, value: p.value })),
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

/** A total's MoneyBag; a generated order without the `_set` twin has it in shop currency only. */
function totalSet(o: OrderJson, set: MoneySetJson | undefined, amount: string): ReturnType<typeof moneyNode> {
  if (set) return moneyNode(set);
  const money = { amount, currency_code: o.currency };
  return moneyNode({ shop_money: money, presentment_money: money });
}

function paymentTermsNode(o: OrderJson) {
  const t = o.payment_terms as
    | { id?: number; payment_terms_name: string; payment_terms_type: string; due_in_days: number | null }
    | null
    | undefined;
  if (!t) return null;
  return {
    id: `gid://shopify/PaymentTerms/${t.id ?? o.id}`,
    paymentTermsName: t.payment_terms_name,
    paymentTermsType: t.payment_terms_type.toUpperCase(),
    dueInDays: t.due_in_days,
  };
}

/** unions/PurchasingEntity: the company for a B2B order, else the customer (or null without one). */
function purchasingEntityNode(o: OrderJson) {
  const c = o.company as { id: number; location_id: number | null } | null | undefined;
  if (c)
    return {
      __typename: 'PurchasingCompany',
      company: { id: `gid://shopify/Company/${c.id}`, name: `Company ${c.id}` },
      location: { id: `gid://shopify/CompanyLocation/${c.location_id ?? 0}`, name: 'Location' },
    };
  return o.customer ? { __typename: 'Customer', id: `gid://shopify/Customer/${o.customer.id}` } : null;
}

function taxNode(t: TaxLineJson) {
  return { title: t.title, rate: t.rate, priceSet: moneyNode(t.price_set) };
}

function moneyNode(m: MoneySetJson) {
  const money = (x: { amount: string; currency_code: string }) => ({
    amount: gqlDecimal(x.amount),
    currencyCode: x.currency_code,
  });
  return { shopMoney: money(m.shop_money), presentmentMoney: money(m.presentment_money) };
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

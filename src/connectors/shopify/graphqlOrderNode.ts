/**
 * The Order fields the reconciliation poll reads through GraphQL, and their conversion into the
 * REST webhook shape, so a polled order takes exactly the intake path a webhook takes
 * (`mapShopifyOrder`, drift detection, stale checks on `updated_at`).
 */
import type { ShopifyOrderInput } from './payload.js';
import { gidTail } from './graphqlTypes.js';

/** Line items fetched with the order (10 × 9 points per order: see MAX_POLL_PAGE_SIZE in graphqlOrders.ts); more are paged in separately (see graphqlOrders.ts). */
export const LINE_ITEMS_PER_ORDER = 10;

const MONEY = 'shopMoney { amount currencyCode }';
const TAX_LINES = `taxLines { title rate priceSet { ${MONEY} } }`;
const ALLOCATIONS = `discountAllocations { allocatedAmountSet { ${MONEY} } }`;
const ADDRESS =
  'firstName lastName name company address1 address2 city province provinceCode zip country countryCodeV2 phone';

/** GraphQL selection of one line item (2026-04 field names). */
export const LINE_ITEM_FIELDS = `id sku name title variantTitle quantity variant { id legacyResourceId }
  originalUnitPriceSet { ${MONEY} } ${ALLOCATIONS} ${TAX_LINES}`;

/** GraphQL selection of one order. Customer e-mail/phone through the 2025+ `default*` objects. */
export const ORDER_FIELDS = `id legacyResourceId name email phone createdAt updatedAt processedAt cancelledAt
  cancelReason closedAt currencyCode presentmentCurrencyCode taxesIncluded note test
  displayFinancialStatus displayFulfillmentStatus
  customer { id legacyResourceId firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  billingAddress { ${ADDRESS} } shippingAddress { ${ADDRESS} } ${TAX_LINES}
  lineItems(first: ${LINE_ITEMS_PER_ORDER}) { pageInfo { hasNextPage endCursor } nodes { ${LINE_ITEM_FIELDS} } }
  shippingLines(first: 5) { nodes { id title code isRemoved originalPriceSet { ${MONEY} } ${ALLOCATIONS} ${TAX_LINES} } }`;

interface GqlMoney {
  shopMoney: { amount: string; currencyCode: string };
}
interface GqlTaxLine {
  title: string;
  rate: number | null;
  priceSet: GqlMoney;
}
interface GqlAllocation {
  allocatedAmountSet: GqlMoney;
}
type GqlAddress = Record<string, string | null>;

export interface GqlLineItem {
  id: string;
  sku: string | null;
  name: string | null;
  title: string | null;
  variantTitle: string | null;
  quantity: number;
  variant: { id: string; legacyResourceId: string } | null;
  originalUnitPriceSet: GqlMoney;
  discountAllocations: GqlAllocation[];
  taxLines: GqlTaxLine[];
}

export interface GqlShippingLine {
  id: string | null;
  title: string;
  code: string | null;
  isRemoved: boolean;
  originalPriceSet: GqlMoney;
  discountAllocations: GqlAllocation[];
  taxLines: GqlTaxLine[];
}

export interface GqlOrder {
  id: string;
  legacyResourceId: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  note: string | null;
  test: boolean;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customer: {
    id: string;
    legacyResourceId: string;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string } | null;
    defaultPhoneNumber: { phoneNumber: string } | null;
  } | null;
  billingAddress: GqlAddress | null;
  shippingAddress: GqlAddress | null;
  taxLines: GqlTaxLine[];
  lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GqlLineItem[] };
  shippingLines: { nodes: GqlShippingLine[] };
}

/** `displayFulfillmentStatus` → REST `fulfillment_status`; states of work in progress are still unfulfilled. */
const FULFILLMENT: Record<string, string | null> = {
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
};

/** Converts a GraphQL order (with all its line items) to the REST webhook shape. */
export function orderNodeToRest(
  o: GqlOrder,
  lineItems: readonly GqlLineItem[] = o.lineItems.nodes,
): ShopifyOrderInput {
  return {
    id: o.legacyResourceId,
    admin_graphql_api_id: o.id,
    name: o.name,
    email: o.email,
    phone: o.phone,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.processedAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelReason?.toLowerCase() ?? null,
    closed_at: o.closedAt,
    currency: o.currencyCode,
    presentment_currency: o.presentmentCurrencyCode,
    taxes_included: o.taxesIncluded,
    financial_status: o.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillment_status: FULFILLMENT[o.displayFulfillmentStatus] ?? null,
    note: o.note,
    test: o.test,
    customer: o.customer && {
      id: o.customer.legacyResourceId,
      email: o.customer.defaultEmailAddress?.emailAddress ?? null,
      first_name: o.customer.firstName,
      last_name: o.customer.lastName,
      phone: o.customer.defaultPhoneNumber?.phoneNumber ?? null,
    },
    billing_address: address(o.billingAddress),
    shipping_address: address(o.shippingAddress),
    tax_lines: o.taxLines.map(taxLine),
    line_items: lineItems.map(lineItem),
    shipping_lines: o.shippingLines.nodes.map(shippingLine),
  };
}

function lineItem(li: GqlLineItem): NonNullable<ShopifyOrderInput['line_items']>[number] {
  return {
    id: gidTail(li.id),
    admin_graphql_api_id: li.id,
    variant_id: li.variant?.legacyResourceId ?? null,
    sku: li.sku,
    name: li.name,
    title: li.title,
    variant_title: li.variantTitle,
    quantity: li.quantity,
    price: li.originalUnitPriceSet.shopMoney.amount,
    price_set: restMoney(li.originalUnitPriceSet),
    tax_lines: li.taxLines.map(taxLine),
    discount_allocations: li.discountAllocations.map(allocation),
  };
}

function shippingLine(s: GqlShippingLine): NonNullable<ShopifyOrderInput['shipping_lines']>[number] {
  return {
    ...(s.id ? { id: gidTail(s.id) } : {}),
    title: s.title,
    code: s.code,
    is_removed: s.isRemoved,
    price: s.originalPriceSet.shopMoney.amount,
    price_set: restMoney(s.originalPriceSet),
    tax_lines: s.taxLines.map(taxLine),
    discount_allocations: s.discountAllocations.map(allocation),
  };
}

function taxLine(t: GqlTaxLine) {
  return {
    title: t.title,
    rate: t.rate ?? 0,
    price: t.priceSet.shopMoney.amount,
    price_set: restMoney(t.priceSet),
  };
}

function allocation(a: GqlAllocation) {
  return { amount: a.allocatedAmountSet.shopMoney.amount, amount_set: restMoney(a.allocatedAmountSet) };
}

function restMoney(m: GqlMoney) {
  return { shop_money: { amount: m.shopMoney.amount, currency_code: m.shopMoney.currencyCode } };
}

function address(a: GqlAddress | null) {
  if (!a) return null;
  return {
    first_name: a.firstName ?? null,
    last_name: a.lastName ?? null,
    name: a.name ?? null,
    company: a.company ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    province: a.province ?? null,
    province_code: a.provinceCode ?? null,
    zip: a.zip ?? null,
    country: a.country ?? null,
    country_code: a.countryCodeV2 ?? null,
    phone: a.phone ?? null,
  };
}

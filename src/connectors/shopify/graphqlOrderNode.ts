/**
 * The Order fields the reconciliation poll reads through GraphQL, and their conversion into the
 * REST webhook shape, so a polled order takes exactly the intake path a webhook takes
 * (`mapShopifyOrder`, drift detection, stale checks on `updated_at`).
 */
import type { ShopifyOrderInput } from './payload.js';
import { gidTail } from './graphqlTypes.js';

/** Line items fetched with the order (10 × 11 points per order: see MAX_POLL_PAGE_SIZE in graphqlOrders.ts); more are paged in separately (see graphqlOrders.ts). */
export const LINE_ITEMS_PER_ORDER = 10;

const MONEY = 'shopMoney { amount currencyCode }';
const TAX_LINES = `taxLines { title rate priceSet { ${MONEY} } }`;
const ALLOCATIONS = `discountAllocations { allocatedAmountSet { ${MONEY} } }`;
const ADDRESS =
  'firstName lastName name company address1 address2 city province provinceCode zip country countryCodeV2 phone';

const MONEY_BAG = `shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }`;

/**
 * GraphQL selection of one line item (2026-04 field names). `currentQuantity` is what the customer
 * owes after edits and refunds, `unfulfilledQuantity` what is still to ship (the webhook's
 * `fulfillable_quantity`; LineItem.fulfillableQuantity is deprecated), so refunds need not be read.
 */
export const LINE_ITEM_FIELDS = `id sku name title variantTitle quantity currentQuantity unfulfilledQuantity
  requiresShipping isGiftCard product { id } variant { id legacyResourceId } customAttributes { key value }
  originalUnitPriceSet { ${MONEY} } ${ALLOCATIONS} ${TAX_LINES}`;

/**
 * GraphQL selection of one order. Customer e-mail/phone through the 2025+ `default*` objects. The
 * risk (objects/OrderRiskSummary) is what the REST webhook cannot tell: only a poll sees it.
 */
export const ORDER_FIELDS = `id legacyResourceId name email phone createdAt updatedAt processedAt cancelledAt
  cancelReason closedAt currencyCode presentmentCurrencyCode taxesIncluded taxExempt note test poNumber
  displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { ${MONEY_BAG} } currentTotalPriceSet { ${MONEY_BAG} }
  risk { recommendation assessments { riskLevel } }
  paymentTerms { paymentTermsName paymentTermsType dueInDays }
  purchasingEntity { ... on PurchasingCompany { company { id } location { id } } }
  customer { id legacyResourceId firstName lastName taxExempt defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  billingAddress { ${ADDRESS} } shippingAddress { ${ADDRESS} } ${TAX_LINES}
  lineItems(first: ${LINE_ITEMS_PER_ORDER}) { pageInfo { hasNextPage endCursor } nodes { ${LINE_ITEM_FIELDS} } }
  shippingLines(first: 5) { nodes { id title code isRemoved originalPriceSet { ${MONEY} } ${ALLOCATIONS} ${TAX_LINES} } }`;

interface GqlMoney {
  shopMoney: { amount: string; currencyCode: string };
  presentmentMoney?: { amount: string; currencyCode: string };
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
  currentQuantity: number;
  unfulfilledQuantity: number;
  requiresShipping: boolean;
  isGiftCard: boolean;
  product: { id: string } | null;
  variant: { id: string; legacyResourceId: string } | null;
  customAttributes: { key: string; value: string | null }[];
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

/** objects/OrderRiskSummary: RiskAssessmentResult per assessment, OrderRiskRecommendationResult overall. */
export interface GqlRisk {
  recommendation: string;
  assessments: { riskLevel: string }[];
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
  taxExempt: boolean;
  note: string | null;
  test: boolean;
  poNumber: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  totalPriceSet: GqlMoney;
  currentTotalPriceSet: GqlMoney;
  risk: GqlRisk | null;
  paymentTerms: { paymentTermsName: string; paymentTermsType: string; dueInDays: number | null } | null;
  /** A PurchasingCompany for a B2B order; a Customer (no fields selected: `{}`) or null otherwise. */
  purchasingEntity: { company?: { id: string }; location?: { id: string } } | null;
  customer: {
    id: string;
    legacyResourceId: string;
    firstName: string | null;
    lastName: string | null;
    taxExempt: boolean;
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
    tax_exempt: o.taxExempt,
    total_price: o.totalPriceSet.shopMoney.amount,
    total_price_set: restMoney(o.totalPriceSet),
    current_total_price: o.currentTotalPriceSet.shopMoney.amount,
    current_total_price_set: restMoney(o.currentTotalPriceSet),
    ...b2b(o),
    // Not a REST field: the webhook has no risk, so the poll carries Shopify's GraphQL summary as is.
    risk: o.risk && {
      recommendation: o.risk.recommendation,
      assessments: o.risk.assessments.map((a) => ({ riskLevel: a.riskLevel })),
    },
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
      tax_exempt: o.customer.taxExempt,
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
    product_id: li.product ? gidTail(li.product.id) : null,
    sku: li.sku,
    name: li.name,
    title: li.title,
    variant_title: li.variantTitle,
    quantity: li.quantity,
    current_quantity: li.currentQuantity,
    fulfillable_quantity: li.unfulfilledQuantity,
    requires_shipping: li.requiresShipping,
    gift_card: li.isGiftCard,
    properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value ?? '' })),
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
  const pm = m.presentmentMoney;
  return {
    shop_money: { amount: m.shopMoney.amount, currency_code: m.shopMoney.currencyCode },
    ...(pm ? { presentment_money: { amount: pm.amount, currency_code: pm.currencyCode } } : {}),
  };
}

/** The B2B fields of the REST order: company and location ids, PO number, payment terms. */
function b2b(o: GqlOrder) {
  const company = o.purchasingEntity?.company;
  const location = o.purchasingEntity?.location;
  const terms = o.paymentTerms;
  return {
    ...(company
      ? { company: { id: gidTail(company.id), location_id: location ? gidTail(location.id) : null } }
      : {}),
    ...(o.poNumber ? { po_number: o.poNumber } : {}),
    ...(terms
      ? {
          payment_terms: {
            payment_terms_name: terms.paymentTermsName,
            payment_terms_type: terms.paymentTermsType,
            due_in_days: terms.dueInDays,
          },
        }
      : {}),
  };
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

/**
 * Fulfilment confirmation on the fulfillment-order model (PROTOCOLS.md §1.4): read an order's
 * fulfillment orders, then `fulfillmentCreate` with tracking for some or all of their lines.
 *
 * `fulfillmentCreate` has no idempotency key: before retrying after a timeout, read the fulfillment
 * orders again — `remainingQuantity` shows whether the first attempt landed.
 */
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import { toGid } from './graphqlTypes.js';
import type { ShopifyUserError } from './graphqlTypes.js';
import { throwOnUserErrors } from './graphqlUserErrors.js';

/** OPEN, IN_PROGRESS, SCHEDULED, ON_HOLD, INCOMPLETE, CLOSED, CANCELLED (list UNCONFIRMED, §1.4). */
export type FulfillmentOrderStatus = string;

export interface FulfillmentOrderLine {
  /** `gid://shopify/FulfillmentOrderLineItem/…`, what fulfillmentCreate takes. */
  id: string;
  remainingQuantity: number;
  totalQuantity: number;
  /** The order's line item (`gid://shopify/LineItem/…`) and its SKU, to match warehouse lines. */
  lineItemId: string;
  sku: string | null;
}

export interface FulfillmentOrderInfo {
  id: string;
  status: FulfillmentOrderStatus;
  locationId: string | null;
  lines: FulfillmentOrderLine[];
}

const FULFILLMENT_ORDERS_QUERY = `query FerryFulfillmentOrders($id: ID!) {
  order(id: $id) {
    fulfillmentOrders(first: 5) {
      nodes {
        id status assignedLocation { location { id } }
        lineItems(first: 50) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } }
      }
    }
  }
}`;

interface FulfillmentOrdersData {
  order: {
    fulfillmentOrders: {
      nodes: {
        id: string;
        status: string;
        assignedLocation: { location: { id: string } | null } | null;
        lineItems: {
          nodes: {
            id: string;
            remainingQuantity: number;
            totalQuantity: number;
            lineItem: { id: string; sku: string | null };
          }[];
        };
      }[];
    };
  } | null;
}

/** The fulfillment orders of one order (numeric id or gid); `[]` when the order does not exist. */
export async function fulfillmentOrdersForOrder(
  client: ShopifyGraphqlClient,
  orderId: string | number,
): Promise<FulfillmentOrderInfo[]> {
  const res = await client.request<FulfillmentOrdersData>(FULFILLMENT_ORDERS_QUERY, {
    id: toGid('Order', orderId),
  });
  return (res.data.order?.fulfillmentOrders.nodes ?? []).map((fo) => ({
    id: fo.id,
    status: fo.status,
    locationId: fo.assignedLocation?.location?.id ?? null,
    lines: fo.lineItems.nodes.map((l) => ({
      id: l.id,
      remainingQuantity: l.remainingQuantity,
      totalQuantity: l.totalQuantity,
      lineItemId: l.lineItem.id,
      sku: l.lineItem.sku,
    })),
  }));
}

export interface FulfillmentCreateInput {
  /** Per fulfillment order, the lines and quantities shipped; no `lines` = the whole fulfillment order. */
  fulfillmentOrders: { fulfillmentOrderId: string; lines?: { id: string; quantity: number }[] }[];
  tracking?: { company?: string; number?: string; numbers?: string[]; url?: string; urls?: string[] };
  /** Shopify's shipping confirmation e-mail; default false (Shopify's default too). */
  notifyCustomer?: boolean;
  message?: string;
}

export interface FulfillmentCreated {
  id: string;
  status: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
}

const FULFILLMENT_CREATE = `mutation FerryFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

/**
 * Creates one fulfillment with tracking. Refusals (quantity above what remains, a closed
 * fulfillment order) throw `partner_validation` naming the input field.
 */
export async function fulfillmentCreate(
  client: ShopifyGraphqlClient,
  input: FulfillmentCreateInput,
): Promise<FulfillmentCreated> {
  const fulfillment = {
    notifyCustomer: input.notifyCustomer ?? false,
    ...(input.tracking ? { trackingInfo: input.tracking } : {}),
    lineItemsByFulfillmentOrder: input.fulfillmentOrders.map((fo) => ({
      fulfillmentOrderId: fo.fulfillmentOrderId,
      ...(fo.lines ? { fulfillmentOrderLineItems: fo.lines } : {}),
    })),
  };
  const res = await client.request<{
    fulfillmentCreate: { fulfillment: FulfillmentCreated | null; userErrors: ShopifyUserError[] };
  }>(FULFILLMENT_CREATE, { fulfillment, message: input.message ?? null });
  const payload = res.data.fulfillmentCreate;
  throwOnUserErrors('fulfillmentCreate', payload.userErrors, client.partner, {
    fulfillmentOrderId: input.fulfillmentOrders[0]?.fulfillmentOrderId ?? '',
  });
  if (!payload.fulfillment) {
    throwOnUserErrors(
      'fulfillmentCreate',
      [{ message: 'no fulfillment returned', field: null }],
      client.partner,
    );
  }
  return payload.fulfillment!;
}

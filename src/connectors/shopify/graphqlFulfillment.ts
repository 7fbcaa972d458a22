/**
 * Fulfilment confirmation on the fulfillment-order model (PROTOCOLS.md §1.4): read an order's
 * fulfillment orders, then `fulfillmentCreate` with tracking for some or all of their lines.
 *
 * `fulfillmentCreate` has no idempotency key: before retrying after a timeout, read the fulfillment
 * orders again — `remainingQuantity` shows whether the first attempt landed.
 */
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import { paginate } from './graphqlPaginate.js';
import { toGid } from './graphqlTypes.js';
import type { Page, ShopifyUserError } from './graphqlTypes.js';
import { throwOnUserErrors } from './graphqlUserErrors.js';

/** OPEN, IN_PROGRESS, SCHEDULED, ON_HOLD, INCOMPLETE, CLOSED, CANCELLED (enums/FulfillmentOrderStatus). */
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

/**
 * Ten fulfillment orders of fifty lines a page: 1 + 2 + 10 × (2 objects + 2 + 50 × 1) = 543
 * requested points, inside the 1,000-point single-query limit. Both connections are paged
 * (`pageInfo`): an order routed to many locations has more fulfillment orders, and a large
 * order more lines, than one page; reading only the first page would drop them without a sign.
 */
const FO_PAGE = 10;
const FO_LINES_PAGE = 50;

const LINE_FIELDS = 'id remainingQuantity totalQuantity lineItem { id sku }';

const FULFILLMENT_ORDERS_QUERY = `query FerryFulfillmentOrders($id: ID!, $after: String) {
  order(id: $id) {
    fulfillmentOrders(first: ${FO_PAGE}, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id status assignedLocation { location { id } }
        lineItems(first: ${FO_LINES_PAGE}) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } }
      }
    }
  }
}`;

const FO_LINES_QUERY = `query FerryFulfillmentOrderLines($id: ID!, $after: String) {
  fulfillmentOrder(id: $id) {
    lineItems(first: 250, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } }
  }
}`;

interface GqlFoLine {
  id: string;
  remainingQuantity: number;
  totalQuantity: number;
  lineItem: { id: string; sku: string | null };
}

interface GqlFo {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null } | null;
  lineItems: Page<GqlFoLine>;
}

/** The fulfillment orders of one order (numeric id or gid), every page; `[]` when the order does not exist. */
export async function fulfillmentOrdersForOrder(
  client: ShopifyGraphqlClient,
  orderId: string | number,
): Promise<FulfillmentOrderInfo[]> {
  const out: FulfillmentOrderInfo[] = [];
  const pages = paginate<GqlFo>(async (after) => {
    const res = await client.request<{ order: { fulfillmentOrders: Page<GqlFo> } | null }>(
      FULFILLMENT_ORDERS_QUERY,
      { id: toGid('Order', orderId), after },
    );
    return res.data.order?.fulfillmentOrders ?? EMPTY_PAGE;
  });
  for await (const page of pages) {
    for (const fo of page.nodes) {
      const lines = [...fo.lineItems.nodes];
      if (fo.lineItems.pageInfo.hasNextPage) lines.push(...(await restOfLines(client, fo)));
      out.push({
        id: fo.id,
        status: fo.status,
        locationId: fo.assignedLocation?.location?.id ?? null,
        lines: lines.map((l) => ({
          id: l.id,
          remainingQuantity: l.remainingQuantity,
          totalQuantity: l.totalQuantity,
          lineItemId: l.lineItem.id,
          sku: l.lineItem.sku,
        })),
      });
    }
  }
  return out;
}

const EMPTY_PAGE: Page<never> = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };

async function restOfLines(client: ShopifyGraphqlClient, fo: GqlFo): Promise<GqlFoLine[]> {
  const lines: GqlFoLine[] = [];
  const rest = paginate<GqlFoLine>(
    async (after) => {
      const res = await client.request<{ fulfillmentOrder: { lineItems: Page<GqlFoLine> } | null }>(
        FO_LINES_QUERY,
        { id: fo.id, after },
      );
      return res.data.fulfillmentOrder?.lineItems ?? EMPTY_PAGE;
    },
    { after: fo.lineItems.pageInfo.endCursor },
  );
  for await (const page of rest) lines.push(...page.nodes);
  return lines;
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
 * The tracking input Shopify accepts (input-objects/FulfillmentTrackingInput): `url` needs
 * `number` and `urls` needs `numbers`, and the singular and plural forms are not mixed. A URL
 * without a number is dropped (the company still names the carrier); numbers go as `numbers`,
 * with `urls` only when there is one per number.
 */
export function trackingInput(t: NonNullable<FulfillmentCreateInput['tracking']>): {
  company?: string;
  numbers?: string[];
  urls?: string[];
} {
  const numbers = t.numbers ?? (t.number ? [t.number] : []);
  const urls = t.urls ?? (t.url ? [t.url] : []);
  return {
    ...(t.company ? { company: t.company } : {}),
    ...(numbers.length ? { numbers } : {}),
    ...(numbers.length && urls.length === numbers.length ? { urls } : {}),
  };
}

/**
 * Creates one fulfillment with tracking. Every fulfillment order named must belong to the same
 * order and the same location (input-objects/FulfillmentInput): callers group by location. Refusals (quantity above what remains, a closed
 * fulfillment order) throw `partner_validation` naming the input field.
 */
export async function fulfillmentCreate(
  client: ShopifyGraphqlClient,
  input: FulfillmentCreateInput,
): Promise<FulfillmentCreated> {
  const trackingInfo = input.tracking ? trackingInput(input.tracking) : undefined;
  const fulfillment = {
    notifyCustomer: input.notifyCustomer ?? false,
    ...(trackingInfo ? { trackingInfo } : {}),
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

/**
 * The reconciliation poll (issue 4): orders updated since a cursor, minus an overlap window, in the
 * webhook's JSON shape so they go through the same intake path. Shopify recommends such polling
 * because webhooks can be lost or a day late (PROTOCOLS.md §1.2).
 */
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import { LINE_ITEM_FIELDS, ORDER_FIELDS, orderNodeToRest } from './graphqlOrderNode.js';
import type { GqlLineItem, GqlOrder } from './graphqlOrderNode.js';
import { paginate } from './graphqlPaginate.js';
import type { Page } from './graphqlTypes.js';
import { toGid } from './graphqlTypes.js';
import type { ShopifyOrderInput } from './payload.js';

/** Where the last poll got to: the newest order seen, by `updated_at` then id. */
export interface OrderPollCursor {
  /** UTC ISO-8601. */
  updatedAt: string;
  /** Shopify order id (numeric, as a string). */
  id: string;
}

export interface OrdersUpdatedSinceOptions {
  /** `null` on the first poll: every order the token may read (60 days with `read_orders`). */
  cursor: OrderPollCursor | null;
  /**
   * Re-read this far before the cursor, covering clock skew and orders committed out of order on
   * Shopify's side; intake dedupes what it has already seen. Default 60 s.
   */
  overlapMs?: number;
  /** Orders per GraphQL page; default and most {@link MAX_POLL_PAGE_SIZE}. */
  pageSize?: number;
  /** Stop after this many orders past the cursor; the next poll continues. Default 250. */
  maxNewOrders?: number;
}

export interface OrdersUpdatedSinceResult {
  /** REST webhook shape, oldest first; includes re-read orders from the overlap window. */
  orders: ShopifyOrderInput[];
  /** Cursor for the next poll: the newest order seen, or the input cursor when nothing was newer. */
  nextCursor: OrderPollCursor | null;
  /** True when the poll stopped at `maxNewOrders` with more to read. */
  hasMore: boolean;
}

/**
 * One order node of ORDERS_QUERY is priced at about 174 points by Shopify's formula (objects 1,
 * connections 2 + first × one node): 10 line items × 11 (with product and custom attributes), 5
 * shipping lines × 8, and two dozen objects (customer, addresses, totals, risk, payment terms,
 * purchasing company). Five orders (about 870) stay under the 1,000-point limit of a single query,
 * which Shopify refuses whatever the bucket holds (MAX_COST_EXCEEDED); six would not (1,046).
 */
export const MAX_POLL_PAGE_SIZE = 5;

const ORDERS_QUERY = `query FerryOrdersUpdatedSince($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} }
  }
}`;

const LINE_ITEMS_QUERY = `query FerryOrderLineItems($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINE_ITEM_FIELDS} } }
  }
}`;

/** Reads the orders updated since `cursor − overlapMs`, in the shape `mapShopifyOrder` accepts. */
export async function ordersUpdatedSince(
  client: ShopifyGraphqlClient,
  options: OrdersUpdatedSinceOptions,
): Promise<OrdersUpdatedSinceResult> {
  const overlapMs = options.overlapMs ?? 60_000;
  const maxNew = options.maxNewOrders ?? 250;
  const since = options.cursor
    ? new Date(Date.parse(options.cursor.updatedAt) - overlapMs).toISOString()
    : undefined;
  const orders: ShopifyOrderInput[] = [];
  let next = options.cursor;
  let newCount = 0;
  let hasMore = false;
  const pages = paginate<GqlOrder>(async (after) => {
    const first = Math.max(1, Math.min(options.pageSize ?? 5, MAX_POLL_PAGE_SIZE));
    const vars = { first, after, query: since ? `updated_at:>='${since}'` : null };
    const res = await client.request<{ orders: Page<GqlOrder> }>(ORDERS_QUERY, vars);
    return res.data.orders;
  });
  for await (const page of pages) {
    for (const node of page.nodes) {
      orders.push(await completeOrder(client, node));
      const key = {
        updatedAt: new Date(Date.parse(node.updatedAt)).toISOString(),
        id: node.legacyResourceId,
      };
      if (!options.cursor || compareCursor(key, options.cursor) > 0) newCount++;
      if (!next || compareCursor(key, next) > 0) next = key;
    }
    if (newCount >= maxNew && page.hasNextPage) {
      hasMore = true;
      break;
    }
  }
  return { orders, nextCursor: next, hasMore };
}

/** Orders with more lines than the first page holds: page in the rest, so no line is silently dropped. */
async function completeOrder(client: ShopifyGraphqlClient, node: GqlOrder): Promise<ShopifyOrderInput> {
  if (!node.lineItems.pageInfo.hasNextPage) return orderNodeToRest(node);
  const lines = [...node.lineItems.nodes];
  const rest = paginate<GqlLineItem>(
    async (after) => {
      const res = await client.request<{ order: { lineItems: Page<GqlLineItem> } }>(LINE_ITEMS_QUERY, {
        id: toGid('Order', node.legacyResourceId),
        after,
      });
      return res.data.order.lineItems;
    },
    { after: node.lineItems.pageInfo.endCursor },
  );
  for await (const page of rest) lines.push(...page.nodes);
  return orderNodeToRest(node, lines);
}

/** Orders by `updatedAt`, then by numeric id (ids are int64: compared as BigInt). */
export function compareCursor(a: OrderPollCursor, b: OrderPollCursor): number {
  const t = Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  if (t !== 0) return Math.sign(t);
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x < y ? -1 : 1;
}

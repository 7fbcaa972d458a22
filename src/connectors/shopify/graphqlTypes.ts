/**
 * Wire types of the Admin GraphQL API (2026-04) that the client reads (PROTOCOLS.md §1.5).
 */

/** The pinned Admin API version; webhooks subscriptions use the same one. */
export const SHOPIFY_API_VERSION = '2026-04';

/** `extensions.cost.throttleStatus`: the leaky bucket of this app on this shop. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  /** `null` on a THROTTLED answer. */
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface GraphqlResponseBody {
  data?: unknown;
  errors?: GraphqlErrorEntry[] | string;
  extensions?: { cost?: QueryCost };
}

/** A mutation's `userErrors` entry; `code` exists on the typed variants (`InventorySetQuantitiesUserError`). */
export interface ShopifyUserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** A connection page as Shopify returns it. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `gid://shopify/Order/123` for a numeric id; gids pass through unchanged. */
export function toGid(type: string, id: string | number): string {
  const text = String(id);
  return text.startsWith('gid://') ? text : `gid://shopify/${type}/${text}`;
}

/** The numeric tail of a gid (`gid://shopify/LineItem/13001` → `13001`). */
export function gidTail(gid: string): string {
  const tail = gid.slice(gid.lastIndexOf('/') + 1);
  const q = tail.indexOf('?');
  return q === -1 ? tail : tail.slice(0, q);
}

/**
 * Relay connections as Shopify pages them: `first` or `last` is required and at most 250
 * (shopify.dev/docs/api/usage/pagination-graphql), cursors are opaque strings that only this shop
 * understands, and `pageInfo` says whether more follows.
 */
import { GraphQLError } from 'graphql';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** "…a maximum of 250 resources per page" (pagination-graphql page). */
export const MAX_PAGE_SIZE = 250;

export interface Connection<N> {
  nodes: N[];
  edges: { cursor: string; node: N }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** One page of `items` (already in the connection's sort order) as nodes, edges and pageInfo. */
export function connection<T, N>(
  items: readonly T[],
  args: PageArgs,
  idOf: (t: T) => string,
  toNode: (t: T) => N,
): Connection<N> {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    // Wording from Shopify answers quoted in community threads (UNCONFIRMED on a reference page).
    throw new GraphQLError('you must provide one of first or last');
  }
  for (const [name, n] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (n !== null && n !== undefined && (n < 0 || n > MAX_PAGE_SIZE))
      throw new GraphQLError(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE} (got ${n}).`);
  }
  const ordered = args.reverse ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (args.after) start = indexOf(ordered, args.after, idOf) + 1;
  if (args.before) end = indexOf(ordered, args.before, idOf);
  let page = ordered.slice(start, Math.max(start, end));
  let hasNextPage = end < ordered.length;
  let hasPreviousPage = start > 0;
  if (first !== null && first !== undefined && page.length > first) {
    page = page.slice(0, first);
    hasNextPage = true;
  }
  if (last !== null && last !== undefined && page.length > last) {
    page = page.slice(page.length - last);
    hasPreviousPage = true;
  }
  const edges = page.map((t) => ({ cursor: cursorFor(idOf(t)), node: toNode(t) }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Opaque to clients; here the base64url of `{"last_id": …}`, the shape Shopify's cursors decode to. */
export function cursorFor(id: string): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString('base64url');
}

function indexOf<T>(items: readonly T[], cursor: string, idOf: (t: T) => string): number {
  let id: unknown;
  try {
    id = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { last_id?: unknown }).last_id;
  } catch {
    id = undefined;
  }
  const i = typeof id === 'string' ? items.findIndex((t) => idOf(t) === id) : -1;
  if (i === -1) throw new GraphQLError(`Invalid cursor for current pagination sort: ${cursor}`);
  return i;
}

/**
 * Cursor pagination over a GraphQL connection (`pageInfo { hasNextPage endCursor }`).
 */
import type { Page } from './graphqlTypes.js';

export interface PaginateOptions {
  /** Stop after this many pages even if Shopify has more; default unbounded. */
  maxPages?: number;
  /** Start after this cursor; default the first page. */
  after?: string | null;
}

/**
 * Yields each page's nodes with the cursor that follows them, so a caller that stops early can
 * resume exactly there.
 */
export async function* paginate<T>(
  fetchPage: (after: string | null) => Promise<Page<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<{ nodes: T[]; endCursor: string | null; hasNextPage: boolean }> {
  let after = options.after ?? null;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  for (let page = 0; page < maxPages; page++) {
    const { nodes, pageInfo } = await fetchPage(after);
    yield { nodes, endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage };
    // A page that claims more but gives no cursor would loop forever on the same page.
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** One search hit: the order, and the cross-reference whose id matched. */
export interface OrderHit {
  orderId: number;
  ref: string;
  state: string;
  /** When the order last changed (epoch ms), for "changed since" polling. */
  updatedAt: number;
  /** `tracking:1Z999`, `shop-eu:name:#1001`, `ferry:ref:<ref>` … */
  source: string;
  exact: boolean;
}

/** Above every character an id is made of: the end of a prefix's index range. */
const TOP = '\u{10FFFF}';

/** The search term an id is indexed under (migration 0011): lower case, no leading `#`. */
export function searchTerm(text: string): string {
  return text.trim().toLowerCase().replace(/^#+/, '');
}

/**
 * Orders known by `text` under any system's id: exact matches first, then ids starting with it in
 * id order, at most `limit` hits. Each half is one index range of order_search, so the answer
 * costs the same at a million orders as at a hundred.
 */
export async function searchOrders(db: Kysely<DB>, text: string, limit: number): Promise<OrderHit[]> {
  const term = searchTerm(text);
  if (!term) return [];
  const base = db
    .selectFrom('order_search as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .select(['s.order_id', 's.source', 's.term', 'o.ref', 'o.state', 'o.updated_at']);
  const exact = await base.where('s.term', '=', term).orderBy('s.order_id', 'desc').limit(limit).execute();
  const prefix =
    exact.length < limit
      ? await base
          .where('s.term', '>', term)
          .where('s.term', '<', term + TOP)
          .orderBy('s.term')
          .orderBy('s.order_id', 'desc')
          .limit(limit)
          .execute()
      : [];
  return [...exact, ...prefix].map((r) => ({
    orderId: Number(r.order_id),
    ref: r.ref,
    state: r.state,
    updatedAt: Number(r.updated_at),
    source: r.source,
    exact: r.term === term,
  }));
}

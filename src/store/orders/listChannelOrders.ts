import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type OrderRow, toOrder } from './orderRows.js';

/** The orders behind a channel's figures on the health overview; every field narrows. */
export interface ChannelOrderFilter {
  /** Exactly this channel (never a prefix: `shop` is not `shop-eu`). */
  channel: string;
  /** created_at ≥ createdFrom, created_at < createdTo (epoch ms). */
  createdFrom?: number | undefined;
  createdTo?: number | undefined;
  /**
   * The order-intake service level as `orderLatencies` judges it at `asOf`: `measured` (accepted
   * within `withinMs`, or past that time and owed a confirmation) or `missed` (measured, not met).
   */
  serviceLevel?: { outcome: 'measured' | 'missed'; withinMs: number; asOf: number } | undefined;
  limit: number;
}

/**
 * A channel's orders, newest first: the channel row's `orders` figure and a service level's
 * `measured` and `missed` figures are the length of this list for the same filter.
 */
export async function listChannelOrders(db: Kysely<DB>, f: ChannelOrderFilter): Promise<OrderRow[]> {
  let q = db.selectFrom('orders as o').selectAll('o').where('o.channel', '=', f.channel);
  if (f.createdFrom !== undefined) q = q.where('o.created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('o.created_at', '<', f.createdTo);
  const sl = f.serviceLevel;
  if (sl) {
    // The same terms as orderLatencies: the first acceptance, on time or late, and who is owed one.
    const accepted = sql<
      number | null
    >`(select min(e.at) from order_events e where e.order_id = o.id and e.type = 'accepted')`;
    const met = sql<boolean>`(${accepted} is not null and ${accepted} <= o.created_at + ${sl.withinMs})`;
    const measured = sql<boolean>`(${met} or (o.created_at + ${sl.withinMs} < ${sl.asOf} and not (${accepted} is null and o.state = 'cancelled')))`;
    q = q.where(sl.outcome === 'missed' ? sql<boolean>`(${measured} and not ${met})` : measured);
  }
  const rows = await q.orderBy('o.id', 'desc').limit(f.limit).execute();
  return rows.map(toOrder);
}

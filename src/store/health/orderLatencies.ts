import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Per channel, the orders stored in a window that can be judged against a time limit, and how many made it. */
export interface LatencyCount {
  partner: string;
  /** Done within the limit, or past it (done late or not done). */
  measured: number;
  met: number;
}

/**
 * The order-intake service level over orders stored since `from`: an order is met when Odoo
 * accepted it within `withinMs` of its arrival, missed when it was accepted later or is still not
 * accepted past that; an order still inside its time is not judged, and one cancelled before Odoo
 * accepted it was never owed a confirmation. Counted in the database: one index probe of
 * order_events per order of the window, no rows carried out.
 */
export async function orderLatencies(
  db: Kysely<DB>,
  o: { from: number; now: number; withinMs: number },
): Promise<LatencyCount[]> {
  const accepted = sql<
    number | null
  >`(select min(e.at) from order_events e where e.order_id = o.id and e.type = 'accepted')`;
  const rows = await db
    .selectFrom(
      db
        .selectFrom('orders as o')
        .select(['o.channel', 'o.created_at', 'o.state', accepted.as('accepted_at')])
        .where('o.created_at', '>=', o.from)
        .as('w'),
    )
    .select([
      'w.channel',
      sql<number>`sum(case when w.accepted_at is not null and w.accepted_at <= w.created_at + ${o.withinMs} then 1 else 0 end)`.as(
        'met',
      ),
      sql<number>`sum(case when (w.accepted_at is not null and w.accepted_at <= w.created_at + ${o.withinMs}) or (w.created_at + ${o.withinMs} < ${o.now} and not (w.accepted_at is null and w.state = 'cancelled')) then 1 else 0 end)`.as(
        'measured',
      ),
    ])
    .groupBy('w.channel')
    .orderBy('w.channel')
    .execute();
  return rows
    .map((r) => ({ partner: r.channel, measured: Number(r.measured ?? 0), met: Number(r.met ?? 0) }))
    .filter((r) => r.measured > 0);
}

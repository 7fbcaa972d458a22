import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** An order Ferry stored in the window, and when Odoo accepted it (null: not yet). */
export interface OrderLatency {
  channel: string;
  createdAt: number;
  acceptedAt: number | null;
  state: string;
}

/**
 * Orders created since `from` (epoch ms) with their first acceptance: what the order-intake
 * service level is measured on (stored on the channel's webhook → confirmed in Odoo).
 */
export async function orderLatencies(db: Kysely<DB>, from: number): Promise<OrderLatency[]> {
  const rows = await db
    .selectFrom('orders as o')
    .select((eb) => [
      'o.channel',
      'o.created_at',
      'o.state',
      eb
        .selectFrom('order_events as e')
        .select((e) => e.fn.min('e.at').as('at'))
        .whereRef('e.order_id', '=', 'o.id')
        .where('e.type', '=', 'accepted')
        .as('accepted_at'),
    ])
    .where('o.created_at', '>=', from)
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    createdAt: Number(r.created_at),
    acceptedAt: r.accepted_at === null || r.accepted_at === undefined ? null : Number(r.accepted_at),
    state: r.state,
  }));
}

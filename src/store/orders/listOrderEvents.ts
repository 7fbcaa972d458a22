import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface OrderEvent {
  id: number;
  at: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  source: string | null;
  detail: unknown;
}

export async function listOrderEvents(db: Kysely<DB>, orderId: number): Promise<OrderEvent[]> {
  const rows = await db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: Number(r.at),
    type: r.type,
    fromState: r.from_state,
    toState: r.to_state,
    source: r.source,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}

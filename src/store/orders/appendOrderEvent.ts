import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function appendOrderEvent(
  db: Kysely<DB>,
  e: {
    orderId: number;
    at: number;
    type: string;
    fromState?: string | null;
    toState?: string | null;
    source?: string | null;
    detail?: unknown;
  },
): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: e.orderId,
      at: e.at,
      type: e.type,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      source: e.source ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })
    .execute();
}

import type { Kysely } from 'kysely';
import { transition, type OrderState, type TransitionResult } from '../../core/lifecycle.js';
import type { DB } from '../schema.js';
import { orderEventFor } from '../../core/events/index.js';
import { publishOrderEvent } from '../events/publishOrderEvent.js';

/**
 * The only writer of an order's state (DESIGN.md §4): reads the state in the caller's transaction,
 * asks the transition table, and writes only an applied move. A refused or unchanged move writes
 * nothing and is returned for the caller to record.
 */
export async function transitionOrder(
  db: Kysely<DB>,
  orderId: number,
  to: OrderState,
  now: number,
): Promise<TransitionResult> {
  const row = await db.selectFrom('orders').select('state').where('id', '=', orderId).executeTakeFirst();
  if (!row) return { kind: 'refused', from: to, to, reason: `order ${orderId} does not exist` };
  const t = transition(row.state as OrderState, to);
  if (t.kind === 'applied') {
    await db.updateTable('orders').set({ state: to, updated_at: now }).where('id', '=', orderId).execute();
    // The canonical event goes to the outbox in this same transaction (DESIGN.md §10).
    const type = orderEventFor(to);
    if (type) await publishOrderEvent(db, orderId, type, now);
  }
  return t;
}

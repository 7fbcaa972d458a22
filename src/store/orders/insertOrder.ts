import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { EventType } from '../../core/events/index.js';
import { publishOrderEvent } from '../events/publishOrderEvent.js';

export async function insertOrder(
  db: Kysely<DB>,
  o: {
    ref: string;
    channel: string;
    channelOrderId: string;
    state: string;
    channelUpdatedAt: string;
    canonical: unknown;
    now: number;
  },
): Promise<number> {
  const r = await db
    .insertInto('orders')
    .values({
      ref: o.ref,
      channel: o.channel,
      channel_order_id: o.channelOrderId,
      state: o.state,
      channel_updated_at: o.channelUpdatedAt,
      canonical: JSON.stringify(o.canonical),
      created_at: o.now,
      updated_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishOrderEvent(db, Number(r.id), EventType.orderReceived, o.now);
  return Number(r.id);
}

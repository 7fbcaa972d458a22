import { FerryError } from '../../core/errors.js';
import { isReleased, isStale, type OrderState } from '../../core/lifecycle.js';
import { Order, refKey } from '../../core/model.js';
import type { JobContext } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import {
  addOrderRefs,
  appendOrderEvent,
  getOrderByChannel,
  insertOrder,
  updateOrder,
  type OrderRow,
} from '../../store/orders/index.js';
import { CHANNEL_EDITABLE, ODOO_OWNED, changedFields } from './changes.js';
import { ORDERS_LANE, orderRef, orderingKey } from './deps.js';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'cancelled-ignored';

/**
 * Applies one version of a channel order: creates it (and queues its acceptance), applies allowed
 * changes, ignores stale versions, and refuses what the channel may no longer change. Writes go
 * through the job's completion transaction; refusals are recorded on the order first and then
 * raised for a person.
 */
export async function applyChannelOrder(
  ctx: JobContext<unknown>,
  order: Order,
  source: string,
): Promise<ApplyOutcome> {
  const now = ctx.clock.now();
  const ref = orderRef(order.channel, order.channelOrderId);
  const existing = await getOrderByChannel(ctx.store.db, order.channel, order.channelOrderId);
  if (!existing) {
    ctx.write(async (tx) => {
      const id = await insertOrder(tx.db, {
        ref,
        channel: order.channel,
        channelOrderId: order.channelOrderId,
        state: 'received',
        channelUpdatedAt: order.updatedAt,
        canonical: order,
        now,
      });
      await addOrderRefs(tx.db, id, externalRefs(order));
      await appendOrderEvent(tx.db, { orderId: id, at: now, type: 'received', toState: 'received', source });
    });
    ctx.enqueue({
      lane: ORDERS_LANE,
      task: 'order.accept',
      payload: { ref },
      orderingKey: orderingKey(ref),
      idempotencyKey: `accept:${ref}:1`,
    });
    return 'created';
  }
  const state = existing.state as OrderState;
  if (isStale(existing.channelUpdatedAt, order.updatedAt)) {
    ctx.write((tx) =>
      appendOrderEvent(tx.db, {
        orderId: existing.id,
        at: now,
        type: 'stale_ignored',
        source,
        detail: { eventUpdatedAt: order.updatedAt, appliedUpdatedAt: existing.channelUpdatedAt },
      }),
    );
    return 'stale';
  }
  const before = Order.parse(existing.canonical);
  const changed = changedFields(before, order);
  if (changed.length === 0) return 'unchanged';
  if (state === 'cancelled') {
    ctx.write((tx) =>
      appendOrderEvent(tx.db, {
        orderId: existing.id,
        at: now,
        type: 'update_ignored',
        source,
        detail: { reason: 'order is cancelled', changed },
      }),
    );
    return 'cancelled-ignored';
  }
  await refuseIfNotAllowed(ctx.store, existing, state, changed, order, source, now);
  ctx.write(async (tx) => {
    await updateOrder(tx.db, existing.id, { canonical: order, channelUpdatedAt: order.updatedAt, now });
    await appendOrderEvent(tx.db, {
      orderId: existing.id,
      at: now,
      type: 'updated',
      source,
      detail: { changed },
    });
  });
  return 'updated';
}

async function refuseIfNotAllowed(
  store: Store,
  existing: OrderRow,
  state: OrderState,
  changed: string[],
  order: Order,
  source: string,
  now: number,
): Promise<void> {
  const inOdoo = state !== 'received' && state !== 'rejected' && state !== 'validated';
  const owned = changed.filter((f) => (ODOO_OWNED as readonly string[]).includes(f));
  const editable = changed.filter((f) => (CHANNEL_EDITABLE as readonly string[]).includes(f));
  const entities = { order: existing.ref, channelOrderId: order.channelOrderId };
  if (isReleased(state) && editable.length) {
    await record(store, existing.id, now, 'conflict', source, { changed, state });
    throw new FerryError(
      'conflict',
      `order ${existing.ref} changed in the channel (${editable.join(', ')}) after release to the warehouse (state ${state}); update the warehouse or the channel by hand`,
      { impact: 'blocks-shipment', entities },
    );
  }
  if (inOdoo && owned.length) {
    await record(store, existing.id, now, 'ownership_refused', source, { changed: owned, state });
    throw new FerryError(
      'ownership_violation',
      `order ${existing.ref}: the channel changed ${owned.join(', ')}, which Odoo owns once the order is accepted (state ${state}); change the order in Odoo`,
      { impact: 'info', entities },
    );
  }
}

async function record(
  store: Store,
  orderId: number,
  at: number,
  type: string,
  source: string,
  detail: unknown,
): Promise<void> {
  await store.transaction((tx) => appendOrderEvent(tx.db, { orderId, at, type, source, detail }));
}

function externalRefs(order: Order): string[] {
  const refs = order.refs.map(refKey);
  if (order.channelOrderName) refs.push(`${order.channel}:name:${order.channelOrderName}`);
  refs.push(`${order.channel}:order:${order.channelOrderId}`);
  return [...new Set(refs)];
}

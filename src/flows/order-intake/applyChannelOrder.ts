import { FerryError } from '../../core/errors.js';
import { isReleased, isStale, type OrderState } from '../../core/lifecycle.js';
import { Order, refKey } from '../../core/model.js';
import type { JobContext } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import { CHANNEL_EDITABLE, ODOO_OWNED, changedFields } from './changes.js';
import { activeHolds, paymentSettled, releaseAgainJob, releaseHolds } from './holds.js';
import { ODOO_EDIT_TASK } from './odooEditTask.js';
import { ORDERS_LANE, orderRef, orderingKey } from './deps.js';
import { acceptJob } from './jobs.js';

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
  const existing = await ctx.store.orders.getOrderByChannel(order.channel, order.channelOrderId);
  if (!existing) {
    ctx.write(async (tx) => {
      const id = await tx.orders.insertOrder({
        ref,
        channel: order.channel,
        channelOrderId: order.channelOrderId,
        state: 'received',
        channelUpdatedAt: order.updatedAt,
        canonical: order,
        now,
      });
      await tx.orders.addOrderRefs(id, externalRefs(order));
      await tx.orders.appendOrderEvent({
        orderId: id,
        at: now,
        type: 'received',
        toState: 'received',
        source,
      });
    });
    ctx.enqueue(acceptJob(ref));
    return 'created';
  }
  const state = existing.state as OrderState;
  if (isStale(existing.channelUpdatedAt, order.updatedAt)) {
    ctx.write((tx) =>
      tx.orders.appendOrderEvent({
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
  order = keepResolutions(before, order);
  const changed = changedFields(before, order);
  if (changed.length === 0) return 'unchanged';
  if (state === 'cancelled') {
    ctx.write((tx) =>
      tx.orders.appendOrderEvent({
        orderId: existing.id,
        at: now,
        type: 'update_ignored',
        source,
        detail: { reason: 'order is cancelled', changed },
      }),
    );
    return 'cancelled-ignored';
  }
  const edit = isEditBeforeRelease(state, before, order, changed);
  if (!edit) await refuseIfNotAllowed(ctx.store, existing, state, changed, order, source, now);
  const paid =
    changed.includes('financialStatus') && paymentSettled(order) ? order.financialStatus : undefined;
  const updated = order;
  ctx.write(async (tx) => {
    await tx.orders.updateOrder(existing.id, {
      canonical: updated,
      channelUpdatedAt: updated.updatedAt,
      now,
    });
    await tx.orders.appendOrderEvent({
      orderId: existing.id,
      at: now,
      type: 'updated',
      source,
      detail: { changed, ...(edit ? { odooUpdate: true } : {}) },
    });
  });
  if (edit)
    ctx.enqueue({
      lane: ORDERS_LANE,
      task: ODOO_EDIT_TASK,
      payload: { ref },
      orderingKey: orderingKey(ref),
      idempotencyKey: `odoo-edit:${ref}:${order.updatedAt}`,
    });
  if (paid) await endPaymentHold(ctx, existing, paid, source, now);
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
  await store.transaction((tx) => tx.orders.appendOrderEvent({ orderId, at, type, source, detail }));
}

function externalRefs(order: Order): string[] {
  const refs = order.refs.map(refKey);
  if (order.channelOrderName) refs.push(`${order.channel}:name:${order.channelOrderName}`);
  refs.push(`${order.channel}:order:${order.channelOrderId}`);
  return [...new Set(refs)];
}

/** A line keeps the SKU resolved at acceptance while it still names the same channel product. */
function keepResolutions(before: Order, after: Order): Order {
  const old = new Map(before.lines.map((l) => [l.lineId, l]));
  return {
    ...after,
    lines: after.lines.map((l) => {
      const b = old.get(l.lineId);
      return b?.resolved && !l.resolved && b.sku === l.sku && b.channelVariantId === l.channelVariantId
        ? { ...l, resolved: b.resolved }
        : l;
    }),
  };
}

/**
 * An edit Odoo can follow: the order is in Odoo but not yet at a warehouse, the same lines at the
 * same prices, no quantity up (Odoo lowers a confirmed order's quantities; adding means a new
 * delivery, which a person decides), shipping unchanged.
 */
function isEditBeforeRelease(state: OrderState, before: Order, after: Order, changed: string[]): boolean {
  const inOdoo = state !== 'received' && state !== 'rejected' && state !== 'validated';
  if (!inOdoo || isReleased(state) || state === 'cancelled') return false;
  if (!changed.includes('lines') || changed.includes('shippingLines') || changed.includes('currency'))
    return false;
  if (before.lines.length !== after.lines.length) return false;
  return after.lines.every((l, i) => {
    const b = before.lines[i]!;
    return (
      b.lineId === l.lineId &&
      b.sku === l.sku &&
      b.channelVariantId === l.channelVariantId &&
      b.unitPrice.amountMinor === l.unitPrice.amountMinor &&
      l.quantity <= b.quantity
    );
  });
}

/** Payment arrived: the payment hold ends and the release is asked again. */
async function endPaymentHold(
  ctx: JobContext<unknown>,
  row: OrderRow,
  status: string,
  source: string,
  now: number,
): Promise<void> {
  const holds = await activeHolds(ctx.store, row.id);
  if (!holds.some((h) => h.kind === 'payment')) return;
  ctx.write((tx) =>
    releaseHolds(
      tx,
      row.id,
      { kinds: ['payment'], reason: `financial status is ${status}`, by: source },
      now,
    ),
  );
  if (holds.length === 1) ctx.enqueue(releaseAgainJob(row.ref, now));
}

import { z } from 'zod';
import { requireChannelRole } from '../../core/channel/index.js';
import { FerryError } from '../../core/errors.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import { applyChannelOrder } from './applyChannelOrder.js';
import { INTAKE_TASK } from './jobs.js';
import { INTAKE_LANE, ORDERS_LANE, orderRef, orderingKey, type IntakeDeps } from './deps.js';

const Payload = z.object({
  inboxId: z.number().int().positive(),
  channel: z.string().min(1),
  topic: z.string().min(1),
});

/**
 * Turns a stored channel message (webhook or poll record) into the canonical order, through the
 * channel's `OrderSource`, and applies it. The message is marked processed in the same transaction
 * as the order change. The task keeps its stored name (`intake.shopify`, INTAKE_TASK) so jobs
 * queued before an upgrade still run; it serves every channel kind.
 */
export function normaliseOrderTask(deps: Pick<IntakeDeps, 'channels'>): AnyTask {
  return defineTask({
    name: INTAKE_TASK,
    lane: INTAKE_LANE,
    payload: Payload,
    impact: 'blocks-shipment',
    handle: async (ctx) => {
      const { inboxId, channel, topic } = ctx.payload;
      const msg = await ctx.store.inbox.getInbox(inboxId);
      if (!msg)
        throw new FerryError('not_found', `inbox message ${inboxId} is gone (purged?); nothing to process`);
      const source = requireChannelRole(deps.channels, channel, 'orders', `read inbox message ${inboxId}`);
      const { order, drift } = source.normalise(msg.body.toString('utf8'));
      await applyChannelOrder(ctx, order, `inbox:${inboxId}`);
      if (topic === 'orders/cancelled' || order.cancelledAt) {
        const ref = orderRef(channel, order.channelOrderId);
        ctx.enqueue({
          lane: ORDERS_LANE,
          task: 'order.cancel',
          payload: { ref, source: `channel:${channel}`, reason: 'cancelled in the channel' },
          orderingKey: orderingKey(ref),
          idempotencyKey: `cancel:${ref}`,
        });
      }
      const now = ctx.clock.now();
      ctx.write((tx) =>
        tx.inbox.markInbox(
          inboxId,
          'processed',
          now,
          drift.length ? { reason: `schema drift: ${drift.slice(0, 10).join(', ')}` } : {},
        ),
      );
    },
  });
}

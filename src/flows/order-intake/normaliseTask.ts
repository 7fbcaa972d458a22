import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import {
  detectShopifyOrderDrift,
  mapShopifyOrder,
  parseJsonLossless,
} from '../../connectors/shopify/index.js';
import { defineTask } from '../../engine/index.js';
import { applyChannelOrder } from './applyChannelOrder.js';
import { INTAKE_TASK } from './jobs.js';
import { INTAKE_LANE, ORDERS_LANE, orderRef, orderingKey } from './deps.js';

const Payload = z.object({
  inboxId: z.number().int().positive(),
  channel: z.string().min(1),
  topic: z.string().min(1),
});

/**
 * Turns a stored Shopify message (webhook or poll record) into the canonical order and applies it.
 * The message is marked processed in the same transaction as the order change.
 */
export const normaliseShopifyTask = defineTask({
  name: INTAKE_TASK,
  lane: INTAKE_LANE,
  payload: Payload,
  impact: 'blocks-shipment',
  handle: async (ctx) => {
    const { inboxId, channel, topic } = ctx.payload;
    const msg = await ctx.store.getInbox(inboxId);
    if (!msg)
      throw new FerryError('not_found', `inbox message ${inboxId} is gone (purged?); nothing to process`);
    let json: unknown;
    try {
      json = parseJsonLossless(msg.body.toString('utf8'));
    } catch (e) {
      throw new FerryError(
        'payload_invalid',
        `inbox message ${inboxId} is not JSON: ${(e as Error).message}`,
        { partner: channel },
      );
    }
    const order = mapShopifyOrder(json, { channel });
    const drift = detectShopifyOrderDrift(json);
    const source = `inbox:${inboxId}`;
    await applyChannelOrder(ctx, order, source);
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
      tx.markInbox(
        inboxId,
        'processed',
        now,
        drift.length
          ? {
              reason: `schema drift: ${drift
                .map((d) => d.path)
                .slice(0, 10)
                .join(', ')}`,
            }
          : {},
      ),
    );
  },
});

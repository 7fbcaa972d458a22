import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import { ordersUpdatedSince, type OrderPollCursor } from '../../connectors/shopify/index.js';
import type { Cursor } from '../../connectors/odoo/index.js';
import { defineTask, type AnyTask, type InboxService } from '../../engine/index.js';
import { getOrderByChannel } from '../../store/orders/index.js';
import { INTAKE_LANE, ORDERS_LANE, orderingKey, type IntakeDeps } from './deps.js';
import { intakeJob } from './jobs.js';

/**
 * Reconciliation poll: the orders updated since the last cursor (minus an overlap window) go
 * through the same intake path as webhooks, so a lost webhook costs minutes, never an order. A
 * version already received (same id and updated_at) is a duplicate in the inbox and not processed.
 */
export function shopifyPollTask(deps: IntakeDeps, inbox: InboxService): AnyTask {
  return defineTask({
    name: 'shopify.poll',
    lane: INTAKE_LANE,
    payload: z.object({ channel: z.string() }).passthrough(),
    handle: async (ctx) => {
      const channel = deps.channels.get(ctx.payload.channel);
      if (!channel?.client)
        throw new FerryError(
          'config_invalid',
          `channel ${ctx.payload.channel} has no Admin API access configured; cannot poll`,
        );
      const name = `shopify:${channel.id}:orders`;
      const saved = await ctx.store.cursors.getCursor(name);
      const cursor = saved ? (JSON.parse(saved) as OrderPollCursor) : undefined;
      const r = await ordersUpdatedSince(channel.client, {
        cursor: cursor ?? null,
        overlapMs: channel.pollOverlapMs,
      });
      for (const json of r.orders) {
        const o = json as { id: number | string; updated_at?: string };
        const source = `shopify:${channel.id}`;
        await inbox.accept(
          {
            source,
            kind: 'orders/poll',
            headers: {},
            body: Buffer.from(JSON.stringify(json)),
            signature: 'unsigned',
            dedupeKey: `${source}:poll:${o.id}:${o.updated_at ?? ''}`,
          },
          (inboxId) =>
            intakeJob({
              inboxId,
              channel: channel.id,
              topic: 'orders/updated',
              channelOrderId: String(o.id),
            }),
        );
      }
      const now = ctx.clock.now();
      if (r.nextCursor) ctx.write((tx) => tx.cursors.setCursor(name, JSON.stringify(r.nextCursor), now));
      if (r.hasMore)
        ctx.enqueue({
          lane: INTAKE_LANE,
          task: 'shopify.poll',
          payload: { channel: channel.id, continued: now },
        });
    },
  });
}

/** Notices orders cancelled in Odoo (cursor poll on sale.order) and reflects them in Ferry. */
export function odooOrderPollTask(deps: IntakeDeps): AnyTask {
  return defineTask({
    name: 'odoo.order-poll',
    lane: ORDERS_LANE,
    handle: async (ctx) => {
      const name = 'odoo:sale.order';
      const saved = await ctx.store.cursors.getCursor(name);
      const r = await deps.odoo.orderChangesSince(saved ? (JSON.parse(saved) as Cursor) : null, 200);
      for (const change of r.items) {
        if (change.state !== 'cancel' || !change.channelRef) continue;
        const sep = change.channelRef.indexOf(':');
        const row = await getOrderByChannel(
          ctx.store.db,
          change.channelRef.slice(0, sep),
          change.channelRef.slice(sep + 1),
        );
        if (!row || row.state === 'cancelled') continue;
        ctx.enqueue({
          lane: ORDERS_LANE,
          task: 'order.cancel',
          payload: { ref: row.ref, source: 'odoo', reason: `cancelled in Odoo (${change.name})` },
          orderingKey: orderingKey(row.ref),
          idempotencyKey: `cancel:${row.ref}`,
        });
      }
      const now = ctx.clock.now();
      if (r.cursor) ctx.write((tx) => tx.cursors.setCursor(name, JSON.stringify(r.cursor), now));
      if (r.more) ctx.enqueue({ lane: ORDERS_LANE, task: 'odoo.order-poll', payload: { continued: now } });
    },
  });
}

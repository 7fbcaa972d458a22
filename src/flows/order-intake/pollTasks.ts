import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import type { Cursor } from '../../connectors/odoo/index.js';
import { defineTask, type AnyTask, type InboxService, type JobContext } from '../../engine/index.js';
import { INTAKE_LANE, ORDERS_LANE, orderingKey, type IntakeDeps } from './deps.js';
import { intakeJob } from './jobs.js';

/**
 * The poll's task name; like INTAKE_TASK it keeps the name jobs and schedules were stored under.
 */
export const CHANNEL_POLL_TASK = 'shopify.poll';

/**
 * Reconciliation poll: the orders updated since the last cursor (minus an overlap window), read
 * through the channel's `OrderFeed`, go through the same intake path as webhooks, so a lost webhook
 * costs minutes, never an order. A version already received (same id and version) is a duplicate
 * in the inbox and not processed.
 */
export function channelPollTask(deps: IntakeDeps, inbox: InboxService): AnyTask {
  return defineTask({
    name: CHANNEL_POLL_TASK,
    lane: INTAKE_LANE,
    payload: z.object({ channel: z.string() }).passthrough(),
    handle: async (ctx) => {
      const channel = deps.channels.get(ctx.payload.channel);
      const feed = channel?.port.feed;
      if (!channel || !feed)
        throw new FerryError(
          'config_invalid',
          channel
            ? `channel ${channel.id} (${channel.kind}) has no order feed configured (a Shopify channel needs Admin API access); cannot poll`
            : `channel ${ctx.payload.channel} is not configured; cannot poll`,
        );
      const name = `${channel.kind}:${channel.id}:orders`;
      const saved = await ctx.store.cursors.getCursor(name);
      const r = await feed.ordersSince(saved ?? null, { overlapMs: channel.pollOverlapMs });
      const source = channel.port.partner;
      for (const o of r.orders) {
        await inbox.accept(
          {
            source,
            kind: 'orders/poll',
            headers: {},
            body: Buffer.from(o.body),
            signature: 'unsigned',
            dedupeKey: `${source}:poll:${o.channelOrderId}:${o.version}`,
          },
          (inboxId) =>
            intakeJob({
              inboxId,
              channel: channel.id,
              topic: 'orders/updated',
              channelOrderId: o.channelOrderId,
            }),
        );
      }
      const now = ctx.clock.now();
      const next = r.nextCursor;
      if (next) ctx.write((tx) => tx.cursors.setCursor(name, next, now));
      if (r.hasMore)
        ctx.enqueue({
          lane: INTAKE_LANE,
          task: CHANNEL_POLL_TASK,
          payload: { channel: channel.id, continued: now },
        });
    },
  });
}

/** How far before Ferry's oldest order a first cursor starts: more than any clock difference with Odoo. */
const FIRST_CURSOR_MARGIN_MS = 10 * 60_000;

/**
 * Where the poll starts when it has no cursor yet: just before the oldest order Ferry holds (or
 * now, for a store with none). Only Ferry's own orders can be cancelled in Ferry, and none is older,
 * so Odoo's history before them is not read: from the beginning, a fresh Ferry paged through every
 * order Odoo ever had (thousands of reads on a database in use), in the orders lane, beside the
 * orders it was booking.
 */
async function firstOrderCursor(ctx: JobContext<unknown>): Promise<Cursor> {
  const oldest = await ctx.store.orders.oldestOrderCreatedAt();
  const from = Math.min(oldest ?? Number.POSITIVE_INFINITY, ctx.clock.now()) - FIRST_CURSOR_MARGIN_MS;
  // Odoo's write_date: UTC without a zone, "2026-06-01 00:00:00".
  return { writeDate: new Date(from).toISOString().replace('T', ' ').slice(0, 19), id: 0 };
}

/** Notices orders cancelled in Odoo (cursor poll on sale.order) and reflects them in Ferry. */
export function odooOrderPollTask(deps: IntakeDeps): AnyTask {
  return defineTask({
    name: 'odoo.order-poll',
    lane: ORDERS_LANE,
    handle: async (ctx) => {
      const name = 'odoo:sale.order';
      const saved = await ctx.store.cursors.getCursor(name);
      const from = saved ? (JSON.parse(saved) as Cursor) : await firstOrderCursor(ctx);
      const r = await deps.odoo.orderChangesSince(from, 200);
      for (const change of r.items) {
        if (change.state !== 'cancel' || !change.channelRef) continue;
        const sep = change.channelRef.indexOf(':');
        const row = await ctx.store.orders.getOrderByChannel(
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

import { z } from 'zod';
import { FerryError } from '../core/errors.js';
import { defineTask, type ScheduleDefinition } from '../engine/index.js';
import { MAINTENANCE_LANE, compileConfig } from '../ops/config/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import type { RetentionPolicy } from '../store/retention/index.js';
import { PRIVACY_TASK, parseShopifyPrivacyRequest } from '../connectors/shopify/index.js';

export { MAINTENANCE_LANE };
export const PURGE_TASK = 'ferry.purge';

/** The retention ages of a configuration, with `inbox.retentionDays` standing in for `inboxDays`. */
export function retentionPolicy(config: FerryConfig): RetentionPolicy {
  return compileConfig(config).retention;
}

/** Daily retention, and the Shopify privacy webhooks (customers/data_request, customers/redact, shop/redact). */
export function maintenanceTasks(policy: RetentionPolicy) {
  return [
    defineTask({
      name: PURGE_TASK,
      lane: MAINTENANCE_LANE,
      handle: async (ctx) => {
        await ctx.store.transaction((tx) =>
          tx.retention.purgeRetention(policy, ctx.clock.now(), 'ferry:retention'),
        );
      },
    }),
    defineTask({
      name: PRIVACY_TASK,
      lane: MAINTENANCE_LANE,
      payload: z.object({ inboxId: z.number().int(), channel: z.string(), topic: z.string() }),
      handle: async (ctx) => {
        const { inboxId, channel, topic } = ctx.payload;
        const msg = await ctx.store.inbox.getInbox(inboxId);
        if (!msg) throw new FerryError('not_found', `inbox message ${inboxId} is gone`);
        const request = parseShopifyPrivacyRequest(topic, msg.body, {
          channel,
          inboxId,
          receivedAt: msg.receivedAt,
        });
        const now = ctx.clock.now();
        await ctx.store.transaction(async (tx) => {
          await tx.retention.handlePrivacyRequest(request, now);
          await tx.inbox.markInbox(inboxId, 'processed', now);
        });
      },
    }),
  ];
}

export const maintenanceSchedules: ScheduleDefinition[] = [
  { name: PURGE_TASK, cron: '17 3 * * *', lane: MAINTENANCE_LANE, task: PURGE_TASK },
];

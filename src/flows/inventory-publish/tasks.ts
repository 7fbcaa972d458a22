/**
 * The jobs of the inventory-publish flow: publish, Odoo stock poll, full resync per channel, and the
 * refresh of SKUs a release, shipment or cancellation moved.
 */
import { z } from 'zod';
import { defineTask, type AnyTask, type JobContext } from '../../engine/index.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import { pollOdooStock } from './odooStock.js';
import { publishChanges, type PublishOptions } from './publish.js';
import { refreshSkus, StockMoveReason } from './refresh.js';
import { pushedPositionsTask } from './pushed.js';
import { refusedPositionsTask } from './refused.js';
import { resyncChannel } from './resync.js';
import type { InventoryRuntime } from './runtime.js';

/** Shadow mode of the lane for every channel; shadowed batches land in the job's shadow writes. */
function shadowOptions(ctx: JobContext<unknown>): PublishOptions {
  return { shadow: ctx.shadow, wouldWrite: (partner, op, payload) => ctx.wouldWrite(partner, op, payload) };
}

/** Recomputes the SKUs touched since the last publish and publishes what changed past the delta. */
export function publishTask(rt: InventoryRuntime): AnyTask {
  return defineTask({
    name: InventoryTask.publish,
    lane: INVENTORY_LANE,
    payload: z.object({}).passthrough(),
    impact: 'oversell-risk',
    handle: (ctx) =>
      rt.exclusive(async () => {
        rt.state.publishStarted();
        const changes = rt.state.engine.recompute();
        // Called without changes too: a channel leaving shadow mode gets what was held back.
        await publishChanges(rt, changes, shadowOptions(ctx));
      }),
  });
}

/** Applies Odoo's stock.quant changes since the last poll (everything on the first). */
export function odooPollTask(rt: InventoryRuntime): AnyTask {
  return defineTask({
    name: InventoryTask.odooPoll,
    lane: INVENTORY_LANE,
    payload: z.object({}).passthrough(),
    impact: 'oversell-risk',
    handle: async (ctx) => {
      const odoo = rt.deps.odoo;
      if (odoo) await pollOdooStock(rt, odoo, (l) => rt.deps.odooLocations.has(l));
      rt.state.enqueueOwedPublish(ctx);
    },
  });
}

const ResyncPayload = z.object({ channel: z.string().min(1) });

/** Re-reads Odoo and one channel's Shopify levels and publishes every difference. */
export function resyncTask(rt: InventoryRuntime): AnyTask {
  return defineTask({
    name: InventoryTask.resync,
    lane: INVENTORY_LANE,
    payload: ResyncPayload,
    impact: 'oversell-risk',
    handle: (ctx) =>
      rt.exclusive(async () => {
        await resyncChannel(rt, ctx.payload.channel, shadowOptions(ctx));
        rt.state.enqueueOwedPublish(ctx);
      }),
  });
}

const RefreshPayload = z.object({
  skus: z.array(z.string().min(1)),
  reason: z.nativeEnum(StockMoveReason),
  ref: z.string(),
});

/** Re-reads the SKUs a release, shipment or cancellation moved and publishes what changed. */
export function refreshTask(rt: InventoryRuntime): AnyTask {
  return defineTask({
    name: InventoryTask.refresh,
    lane: INVENTORY_LANE,
    payload: RefreshPayload,
    impact: 'oversell-risk',
    handle: (ctx) =>
      rt.exclusive(async () => {
        await refreshSkus(rt, ctx.payload.skus, shadowOptions(ctx));
        rt.state.enqueueOwedPublish(ctx);
      }),
  });
}

/** Every task of the flow over one runtime. */
export function inventoryTasks(rt: InventoryRuntime): AnyTask[] {
  return [
    publishTask(rt),
    odooPollTask(rt),
    resyncTask(rt),
    refreshTask(rt),
    pushedPositionsTask(rt),
    refusedPositionsTask,
  ];
}

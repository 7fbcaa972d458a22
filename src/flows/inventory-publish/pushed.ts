/**
 * Positions a warehouse pushed (an 846, a WMS inventory event) reach the engine as a job on the
 * inventory lane, so they land in the process that owns inventory whichever process read the
 * warehouse's message. Refusals are raised from the same job, committed with its completion.
 */
import { z } from 'zod';
import type { InventoryPosition } from '../../core/model.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import type { NewJob } from '../../store/index.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import { refusedPositionsJob } from './refused.js';
import type { InventoryRuntime } from './runtime.js';

/** The job that applies pushed positions. */
export function pushedPositionsJob(positions: readonly InventoryPosition[]): NewJob {
  return { lane: INVENTORY_LANE, task: InventoryTask.positions, payload: { positions } };
}

// Loose on purpose: a malformed position must be refused by the engine with its reason and
// raised, not fail the whole batch as a bad payload.
const Payload = z.object({ positions: z.array(z.record(z.string(), z.unknown())) });

/** `inventory.positions {positions}`: applies them (stale and ownership checked) and saves them. */
export function pushedPositionsTask(rt: InventoryRuntime): AnyTask {
  return defineTask({
    name: InventoryTask.positions,
    lane: INVENTORY_LANE,
    payload: Payload,
    impact: 'oversell-risk',
    handle: async (ctx) => {
      const result = await rt.receivePositions(ctx.payload.positions as unknown as InventoryPosition[]);
      const refused = refusedPositionsJob(result);
      if (refused) ctx.enqueue(refused);
      rt.state.enqueueOwedPublish(ctx);
    },
  });
}

/**
 * Positions a warehouse pushed that Ferry refused (the warehouse does not own the location, the
 * location is not configured, the numbers are malformed). They must not be dropped in silence: a
 * WMS writing over Odoo's stock is a configuration mistake someone has to fix, so each batch with
 * refusals becomes one job that fails on purpose and lands in the exception queue, naming every
 * SKU, location and owner.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import type { PositionBatchResult } from '../../core/inventory/index.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import type { NewJob } from '../../store/index.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';

/** Refusals listed in one exception at most; the rest are counted. */
const LISTED = 50;

/** The job that raises a batch's refusals, or none when nothing was refused. */
export function refusedPositionsJob(result: PositionBatchResult): NewJob | undefined {
  if (result.refused.length === 0) return undefined;
  const first = result.refused[0]!.position;
  return {
    lane: INVENTORY_LANE,
    task: InventoryTask.refused,
    payload: {
      source: first.source,
      total: result.refused.length,
      refusals: result.refused.slice(0, LISTED).map((r) => ({
        sku: r.position.sku,
        location: r.position.location,
        asOf: r.position.asOf,
        reason: r.error.message,
      })),
    },
  };
}

const Payload = z.object({
  source: z.string(),
  total: z.number().int(),
  refusals: z.array(
    z.object({ sku: z.string(), location: z.string(), asOf: z.string(), reason: z.string() }),
  ),
});

/** `inventory.positions-refused`: fails once, never retried, with every refusal in its message. */
export const refusedPositionsTask: AnyTask = defineTask({
  name: InventoryTask.refused,
  lane: INVENTORY_LANE,
  payload: Payload,
  impact: Impact.oversellRisk,
  handle: (ctx) => {
    const { source, total, refusals } = ctx.payload;
    const more = total > refusals.length ? ` (and ${total - refusals.length} more)` : '';
    return Promise.reject(
      new FerryError(
        'ownership_violation',
        `${total} stock position(s) from ${source} refused${more}: ${refusals.map((r) => r.reason).join('; ')}`,
        {
          retryable: false,
          impact: Impact.oversellRisk,
          partner: source,
          entities: { sku: refusals[0]?.sku ?? '', location: refusals[0]?.location ?? '' },
          details: { refusals },
        },
      ),
    );
  },
});

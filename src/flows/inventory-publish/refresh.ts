/**
 * The stock-moved trigger (issue 6): when an order is released to a warehouse, a shipment is
 * synced, or an order (or its unshipped rest) is cancelled by the customer or the warehouse, the
 * SKUs it moved are re-read from Odoo at once and published if their value changed, instead of
 * waiting for the next stock.quant poll (every 30 s by default, and only as fresh as Odoo's
 * write_date). The flows enqueue the job with their own completion, so the trigger commits
 * exactly when the release, shipment or cancellation does.
 */
import type { InventoryPosition } from '../../core/model.js';
import type { NewJob } from '../../store/index.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import { toPositions } from './odooStock.js';
import { publishChanges, type ChannelPublishReport, type PublishOptions } from './publish.js';
import type { InventoryRuntime } from './runtime.js';

/** Why the SKUs are refreshed, recorded on the job. */
export const StockMoveReason = {
  release: 'release',
  shipment: 'shipment',
  /** A customer (or Odoo) cancelled the order: its hold and Odoo reservation are free again. */
  cancel: 'cancel',
  /** A warehouse cancelled the order or its unshipped rest: the cancelled backorder frees its reservation. */
  warehouseCancel: 'warehouse-cancel',
} as const;
export type StockMoveReason = (typeof StockMoveReason)[keyof typeof StockMoveReason];

/** Builds the job for SKUs an order's `reason` moved; the app hands it to the flows that move stock. */
export type StockMovedHook = (skus: readonly string[], reason: StockMoveReason, ref: string) => NewJob;

/** The job that refreshes and publishes `skus` (deduplicated, sorted so the payload is stable). */
export function stockMovedJob(skus: readonly string[], reason: StockMoveReason, ref: string): NewJob {
  return {
    lane: INVENTORY_LANE,
    task: InventoryTask.refresh,
    payload: { skus: [...new Set(skus)].sort(), reason, ref },
  };
}

/** What one refresh did. */
export interface RefreshReport extends SkuReadResult {
  publish: ChannelPublishReport[];
}

/**
 * Re-reads the SKUs' Odoo-owned positions, releases in-flight orders the read covers, and publishes
 * what changed (delta-only, as every publish). Locations owned by a WMS are not read here: their
 * owner pushes them (846, inventory events).
 */
export async function refreshSkus(
  rt: InventoryRuntime,
  skus: readonly string[],
  opts: PublishOptions = {},
): Promise<RefreshReport> {
  const read = await readOdooSkus(rt, skus);
  rt.state.engine.markDirty(skus);
  const changes = rt.state.engine.recompute();
  const publish = await publishChanges(rt, changes, opts);
  return { ...read, publish };
}

/** What a targeted Odoo read did. */
export interface SkuReadResult {
  /** Positions read from Odoo (including zeros for locations Odoo no longer holds the SKU at). */
  positionsRead: number;
  positionsChanged: number;
  /** In-flight orders released because Odoo's reservation is now in the positions. */
  released: number;
}

/** Re-reads the Odoo-owned positions of `skus` and releases the in-flight orders the read covers. */
export async function readOdooSkus(rt: InventoryRuntime, skus: readonly string[]): Promise<SkuReadResult> {
  const odoo = rt.deps.odoo;
  if (!odoo || rt.deps.odooLocations.size === 0 || skus.length === 0)
    return { positionsRead: 0, positionsChanged: 0, released: 0 };
  const startedAt = rt.deps.clock.now();
  // Each company's own product of a SKU: its stock sits in that company's locations.
  const products = await odoo.resolveProductsAnyCompany(skus);
  const quants = await odoo.readStock({ productIds: [...products.values()].flat() });
  const read = withZeros(
    toPositions(quants, startedAt, (l) => rt.deps.odooLocations.has(l)),
    [...products.keys()],
    rt.deps.odooLocations,
    startedAt,
  );
  const positionsChanged = rt.state.engine.applyPositions(read).changed;
  const released = await rt.releaseSettled(startedAt);
  return { positionsRead: read.length, positionsChanged, released };
}

/**
 * A read for given products is the whole truth about them: Odoo drops a quant that reaches zero,
 * so a location missing from the answer holds nothing, and keeping the old position there would
 * publish units that shipped.
 */
function withZeros(
  read: InventoryPosition[],
  skus: readonly string[],
  locations: ReadonlySet<string>,
  asOfMs: number,
): InventoryPosition[] {
  const seen = new Set(read.map((p) => `${p.sku}\u0000${p.location}`));
  const asOf = new Date(asOfMs).toISOString();
  const out = [...read];
  for (const sku of skus) {
    for (const location of locations) {
      if (seen.has(`${sku}\u0000${location}`)) continue;
      out.push({ sku, location, onHand: 0, reserved: 0, available: 0, asOf, source: 'odoo' });
    }
  }
  return out;
}

/**
 * The scheduled full resync of one channel: drift is any difference between what the channel
 * shows and what it should, whichever side moved (a missed poll, a lost publish, an edit in the
 * Shopify admin, a mapping added since). So both sides are read again before comparing.
 */
import { INVENTORY_ITEM_MAPPING } from './deps.js';
import { readAllOdooStock } from './odooStock.js';
import { readOdooSkus } from './refresh.js';
import { publishChanges, type ChannelPublishReport, type PublishOptions } from './publish.js';
import type { InventoryRuntime } from './runtime.js';
import { readAvailable } from './shopifyLevels.js';

/** What a resync did. */
export interface ResyncReport {
  channel: string;
  /** Positions read from Odoo that moved something. */
  positionsChanged: number;
  /** Items whose Shopify value differed from the one Ferry last confirmed. */
  drifted: number;
  /** The publish of every difference. */
  publish: ChannelPublishReport | undefined;
}

/**
 * Re-reads Odoo and the channel's Shopify levels, then publishes every difference (no delta). With
 * `skus`, only those are read and compared (an operator's spot fix).
 */
export async function resyncChannel(
  rt: InventoryRuntime,
  channel: string,
  opts: PublishOptions = {},
  skus?: readonly string[],
): Promise<ResyncReport> {
  const positionsChanged = await rereadOdoo(rt, skus);
  const drifted = await readBackChannel(rt, channel, skus);
  const changes = rt.engine.fullResync([channel], skus);
  const reports = await publishChanges(rt, changes, opts);
  return {
    channel,
    positionsChanged,
    drifted,
    publish: reports.find((r) => r.channel === channel),
  };
}

async function rereadOdoo(rt: InventoryRuntime, skus: readonly string[] | undefined): Promise<number> {
  if (skus) return (await readOdooSkus(rt, skus)).positionsChanged;
  const odoo = rt.deps.odoo;
  if (!odoo) return 0;
  const read = await readAllOdooStock(rt, odoo, (l) => rt.deps.odooLocations.has(l));
  return read.positions.changed;
}

/** Replaces what Ferry believes the channel shows with what Shopify says, for every mapped SKU. */
async function readBackChannel(
  rt: InventoryRuntime,
  channel: string,
  skus: readonly string[] | undefined,
): Promise<number> {
  const target = rt.deps.targets.get(channel);
  if (!target) return 0;
  const mapped = await rt.deps.store.mappings.currentMappings(
    INVENTORY_ITEM_MAPPING,
    channel,
    skus && [...skus],
  );
  const bySku = [...mapped.values()].filter((m) => m.value !== null);
  const levels = await readAvailable(
    target,
    bySku.map((m) => m.value!),
  );
  let drifted = 0;
  for (const m of bySku) {
    const shown = levels.get(m.value!);
    if (shown === undefined || shown === null) continue;
    if (rt.engine.publishedValue(channel, m.key) !== shown) drifted++;
    rt.engine.setPublished(channel, m.key, shown);
  }
  return drifted;
}

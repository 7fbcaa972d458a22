/**
 * Publishing available-to-promise to Shopify (PROTOCOLS.md §1.4): `inventorySetQuantities` on
 * `available`, batched, each batch with its own `@idempotent` key and every quantity with
 * `changeFromQuantity` = what Ferry believes the channel shows. A stale compare means someone else
 * moved the quantity (an admin edit, an app, Shopify's own order commit): Ferry re-reads those
 * items, recomputes every value of the batch from the current state, and sends again with a new
 * key — it never overwrites blindly. Every value applied is recorded with its explanation.
 */
import type { AtpChange } from '../../core/inventory/index.js';
import { INVENTORY_ITEM_MAPPING, type PublishTarget } from './deps.js';
import type { InventoryRuntime } from './runtime.js';
import {
  sendBatch,
  type AppliedValue,
  type BatchItem,
  type BatchOutcome,
  type PublishOptions,
} from './publishBatch.js';

export type { AppliedValue, PublishOptions } from './publishBatch.js';

/** What publishing did on one channel. */
export interface ChannelPublishReport {
  channel: string;
  /** Values Shopify applied (none in shadow mode). */
  applied: number;
  /** Each value applied (in shadow mode: that would have been), with what the channel showed before. */
  changes: AppliedValue[];
  /** The channel ran in shadow mode: values were recorded as would-be writes, nothing was sent. */
  shadow: boolean;
  /** Values Shopify already showed (after a read-back); nothing sent. */
  alreadyShown: number;
  /** SKUs with no inventory item mapped for the channel: not published. */
  unmapped: string[];
  /** SKUs whose item is not stocked at the channel's location: not published. */
  unstocked: string[];
  /** Stale compare-and-set answers met, each followed by a re-read and a recompute. */
  staleRounds: number;
  /** inventorySetQuantities calls made. */
  calls: number;
}

/**
 * Per runtime, the channels that were in shadow mode at their last publish. Memory is enough: a
 * shadowed value is never recorded as published, so after a restart the stored value is what the
 * channel really shows and the start-up read recomputes every SKU against it.
 */
const lastShadowed = new WeakMap<InventoryRuntime, Set<string>>();

function emptyReport(channel: string): ChannelPublishReport {
  return {
    channel,
    applied: 0,
    changes: [],
    shadow: false,
    alreadyShown: 0,
    unmapped: [],
    unstocked: [],
    staleRounds: 0,
    calls: 0,
  };
}

/** Publishes changes (of any channels); channels with no publish target are only marked as told. */
export async function publishChanges(
  rt: InventoryRuntime,
  changes: Iterable<AtpChange>,
  opts: PublishOptions = {},
): Promise<ChannelPublishReport[]> {
  if (!rt.ready) {
    // Odoo's positions are not read yet (a restart with Odoo down): every SKU would compute as
    // Odoo-less, and the stored values loaded at start mark them all, so publishing now would
    // zero the listings. Kept dirty: the first full read publishes them.
    rt.engine.markDirty([...changes].map((c) => c.sku));
    return [];
  }
  const byChannel = new Map<string, AtpChange[]>();
  for (const c of changes) {
    let list = byChannel.get(c.channel);
    if (!list) byChannel.set(c.channel, (list = []));
    list.push(c);
  }
  // A channel shadowed at its last publish is visited even without changes: it may be live now.
  for (const channel of lastShadowed.get(rt) ?? []) if (!byChannel.has(channel)) byChannel.set(channel, []);
  const reports: ChannelPublishReport[] = [];
  for (const [channel, list] of byChannel) {
    const target = rt.deps.targets.get(channel);
    if (!target) {
      // Not published anywhere (no Shopify location configured): remember the value so the
      // channel's SKUs do not come back on every recompute.
      for (const c of list) rt.engine.setPublished(channel, c.sku, c.value);
      continue;
    }
    reports.push(await publishChannel(rt, target, list, opts));
  }
  return reports;
}

/**
 * Whether the channel publishes in shadow mode now. A channel that just left it gets every
 * difference, not only this publish's changes: values computed while it was shadowed were never
 * sent, and waiting for the scheduled resync would leave the channel selling stale quantities.
 */
async function shadowState(
  rt: InventoryRuntime,
  channel: string,
  opts: PublishOptions,
): Promise<{ shadow: boolean; goingLive: boolean }> {
  const shadow = opts.shadow === true || (await rt.deps.shadow?.(channel)) === true;
  let seen = lastShadowed.get(rt);
  if (!seen) lastShadowed.set(rt, (seen = new Set()));
  const goingLive = !shadow && seen.has(channel);
  if (shadow) seen.add(channel);
  else seen.delete(channel);
  return { shadow, goingLive };
}

async function publishChannel(
  rt: InventoryRuntime,
  target: PublishTarget,
  fromRecompute: readonly AtpChange[],
  opts: PublishOptions,
): Promise<ChannelPublishReport> {
  const report = emptyReport(target.channel);
  const { shadow, goingLive } = await shadowState(rt, target.channel, opts);
  report.shadow = shadow;
  const bySku = new Map(fromRecompute.map((c) => [c.sku, c]));
  if (goingLive) for (const c of rt.engine.fullResync([target.channel])) bySku.set(c.sku, c);
  const changes = [...bySku.values()];
  const batchOpts: PublishOptions = { ...opts, shadow };
  const skus = changes.map((c) => c.sku);
  const items = await rt.deps.store.mappings.currentMappings(INVENTORY_ITEM_MAPPING, target.channel, skus);
  const batch: BatchItem[] = [];
  for (const c of changes) {
    const item = items.get(c.sku)?.value;
    if (item) batch.push({ sku: c.sku, inventoryItemId: item });
    else {
      report.unmapped.push(c.sku);
      // The channel cannot list it; the full resync picks it up once a mapping exists.
      rt.engine.setPublished(target.channel, c.sku, c.value);
    }
  }
  const size = rt.deps.batchSize ?? 250;
  for (let i = 0; i < batch.length; i += size) {
    const chunk = batch.slice(i, i + size);
    let outcome: BatchOutcome;
    try {
      outcome = await sendBatch(rt, target, chunk, batchOpts);
    } catch (e) {
      // Not published: these and the chunks after them must be recomputed by the retry.
      rt.engine.markDirty(batch.slice(i).map((b) => b.sku));
      throw e;
    }
    report.applied += outcome.applied;
    report.changes.push(...outcome.changes);
    report.alreadyShown += outcome.alreadyShown;
    report.unstocked.push(...outcome.unstocked);
    report.staleRounds += outcome.staleRounds;
    report.calls += outcome.calls;
    opts.onProgress?.(target.channel, Math.min(i + size, batch.length), batch.length);
  }
  return report;
}

/** One batch toward one channel location, with its compare-and-set rounds and its record. */
import { randomUUID } from 'node:crypto';
import { FerryError } from '../../core/errors.js';
import type { AtpExplanation } from '../../core/inventory/index.js';
import type { PublicationInput } from '../../store/inventory/index.js';
import type { PublishTarget } from './deps.js';
import type { InventoryRuntime } from './runtime.js';
import { readAvailable } from './channelLevels.js';

/** Options of one publish. */
export interface PublishOptions {
  /**
   * Shadow mode for every channel (the lane's setting); a channel's own setting comes from
   * `InventoryDeps.shadow`. Default false.
   */
  shadow?: boolean;
  /** Where a shadowed batch is reported instead of sent (the job's shadow writes). */
  wouldWrite?: (partner: string, operation: string, payload: unknown) => void;
  /** Called after each batch of a channel with the items done and the items to do, for a progress bar. */
  onProgress?: (channel: string, done: number, total: number) => void;
}

/** A value the channel now shows (in shadow mode: would show), and what it showed before. */
export interface AppliedValue {
  sku: string;
  from: number;
  to: number;
}

/** A SKU of the batch with the channel's item for it. */
export interface BatchItem {
  sku: string;
  inventoryItemId: string;
}

/** What one batch did. */
export interface BatchOutcome {
  applied: number;
  /** Each value applied, with what it replaced. */
  changes: AppliedValue[];
  alreadyShown: number;
  unstocked: string[];
  staleRounds: number;
  calls: number;
}

interface Line {
  item: BatchItem;
  explanation: AtpExplanation;
  changeFrom: number;
}

/**
 * Sends a batch until the channel applies it or it stays stale `maxStaleRounds` times. Values are
 * computed at send time, so a retry after a stale answer carries the state as it is then.
 */
export async function sendBatch(
  rt: InventoryRuntime,
  target: PublishTarget,
  items: readonly BatchItem[],
  opts: PublishOptions,
): Promise<BatchOutcome> {
  const out: BatchOutcome = {
    applied: 0,
    changes: [],
    alreadyShown: 0,
    unstocked: [],
    staleRounds: 0,
    calls: 0,
  };
  const shown = await expectedShown(rt, target, items, out);
  const maxRounds = rt.deps.maxStaleRounds ?? 3;
  for (;;) {
    const lines = linesToSend(rt, target, items, shown, out);
    if (lines.length === 0) return out;
    const batch = {
      location: target.locationId,
      quantities: lines.map((l) => ({
        item: l.item.inventoryItemId,
        quantity: l.explanation.value,
        expected: l.changeFrom,
      })),
      idempotencyKey: newIdempotencyKey(target.channel),
    };
    if (opts.shadow) {
      const w = target.stock.describe(batch);
      opts.wouldWrite?.(w.partner, w.operation, w.payload);
      // Not confirmed: Ferry keeps believing what the channel really shows, so going live sends
      // the difference instead of assuming values that were never sent.
      for (const l of lines)
        out.changes.push({ sku: l.item.sku, from: l.changeFrom, to: l.explanation.value });
      return out;
    }
    out.calls++;
    const res = await target.stock.publish(batch);
    if (res.status === 'applied') {
      await record(rt, target, lines, batch.idempotencyKey);
      return confirmLines(rt, target, lines, out);
    }
    out.staleRounds++;
    if (out.staleRounds >= maxRounds) throw staleTooOften(target, out.staleRounds);
    const staleItems = res.stale.map((i) => lines[i]?.item).filter((i) => i !== undefined);
    await reread(rt, target, staleItems.length ? staleItems : lines.map((l) => l.item), shown);
  }
}

/**
 * What Ferry believes each item shows: the value last confirmed, or, never published (or after a
 * restart lost it), the value read from the channel. An item not stocked there is dropped.
 */
async function expectedShown(
  rt: InventoryRuntime,
  target: PublishTarget,
  items: readonly BatchItem[],
  out: BatchOutcome,
): Promise<Map<string, number>> {
  const shown = new Map<string, number>();
  const unknown: BatchItem[] = [];
  for (const it of items) {
    const v = rt.state.engine.publishedValue(target.channel, it.sku);
    if (v === null) unknown.push(it);
    else shown.set(it.sku, v);
  }
  const read = await readAvailable(
    target,
    unknown.map((u) => u.inventoryItemId),
  );
  for (const it of unknown) {
    const v = read.get(it.inventoryItemId);
    if (v === null || v === undefined) out.unstocked.push(it.sku);
    else shown.set(it.sku, v);
  }
  return shown;
}

function linesToSend(
  rt: InventoryRuntime,
  target: PublishTarget,
  items: readonly BatchItem[],
  shown: ReadonlyMap<string, number>,
  out: BatchOutcome,
): Line[] {
  const lines: Line[] = [];
  for (const item of items) {
    const changeFrom = shown.get(item.sku);
    if (changeFrom === undefined) continue;
    const explanation = rt.state.engine.explain(item.sku, target.channel);
    if (explanation.value === changeFrom) {
      out.alreadyShown++;
      rt.state.engine.setPublished(target.channel, item.sku, changeFrom);
    } else lines.push({ item, explanation, changeFrom });
  }
  return lines;
}

async function reread(
  rt: InventoryRuntime,
  target: PublishTarget,
  items: readonly BatchItem[],
  shown: Map<string, number>,
): Promise<void> {
  const read = await readAvailable(
    target,
    items.map((i) => i.inventoryItemId),
  );
  for (const it of items) {
    const v = read.get(it.inventoryItemId);
    if (v === null || v === undefined) shown.delete(it.sku);
    else {
      shown.set(it.sku, v);
      rt.state.engine.setPublished(target.channel, it.sku, v);
    }
  }
}

function confirmLines(
  rt: InventoryRuntime,
  target: PublishTarget,
  lines: readonly Line[],
  out: BatchOutcome,
): BatchOutcome {
  for (const l of lines) {
    rt.state.engine.setPublished(target.channel, l.item.sku, l.explanation.value);
    out.changes.push({ sku: l.item.sku, from: l.changeFrom, to: l.explanation.value });
  }
  out.applied += lines.length;
  return out;
}

async function record(rt: InventoryRuntime, target: PublishTarget, lines: readonly Line[], key: string) {
  const now = rt.deps.clock.now();
  const rows: PublicationInput[] = lines.map((l) => {
    const { published: _published, ...inputs } = l.explanation;
    return {
      channel: target.channel,
      sku: l.item.sku,
      value: l.explanation.value,
      changeFrom: l.changeFrom,
      ruleVersion: l.explanation.ruleVersion,
      inputs,
      idempotencyKey: key,
      publishedAt: now,
    };
  });
  await rt.deps.store.transaction((tx) => tx.inventory.recordPublications(rows));
}

/** The error of a batch that stayed stale after every allowed re-read: retried later by the queue. */
export function staleTooOften(target: PublishTarget, rounds: number): FerryError {
  return new FerryError(
    'partner_conflict',
    `${target.stock.partner} (channel ${target.channel}): inventory kept changing under Ferry (${rounds} stale compare-and-set answers in a row)`,
    { partner: target.stock.partner, impact: 'oversell-risk' },
  );
}

/** A fresh `@idempotent` key: one per batch sent, so a retry of a lost answer returns the first result. */
export function newIdempotencyKey(channel: string): string {
  return `ferry-inventory-${channel}-${randomUUID()}`;
}

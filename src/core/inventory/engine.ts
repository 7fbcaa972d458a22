/**
 * The incremental available-to-promise engine (issue 6). Pure and synchronous: the
 * inventory-publish flow feeds it positions and order events, asks it what to publish, publishes,
 * and confirms. It keeps a dirty set of SKUs touched since the last recompute, so a change to 1%
 * of 200,000 SKUs recomputes 2,000 SKUs, not all of them.
 */
import { FerryError } from '../errors.js';
import type { InventoryPosition } from '../model.js';
import { AtpChanges } from './changes.js';
import { CompiledChannel } from './channels.js';
import { explainAtp, type AtpExplanation } from './explain.js';
import { InFlightBook } from './inflight.js';
import { PublishLedger, worthPublishing } from './ledger.js';
import { applyPosition, type PositionOutcome } from './positions.js';
import { reserveLines, validateLine } from './reserve.js';
import { ChannelRules, InventoryConfig, allocate } from './rules.js';
import type { ChannelRulesInput, InventoryConfigInput } from './rules.js';
import { StockState } from './state.js';
import type { OrderLineQty, PositionBatchResult, ReserveRequest, ReserveResult } from './types.js';

/** Computes, tracks and guards available-to-promise per SKU and channel. */
export class InventoryEngine {
  private readonly state: StockState;
  private readonly book: InFlightBook;
  private readonly channels: CompiledChannel[];
  private readonly channelIndex = new Map<string, number>();
  private readonly ledger: PublishLedger;
  private readonly decisions = new Map<string, ReserveResult>();

  /** @param config locations with their owners and channel rule sets; validated here, throws `config_invalid`. */
  constructor(config: InventoryConfigInput) {
    const parsed = InventoryConfig.safeParse(config);
    if (!parsed.success) {
      throw new FerryError('config_invalid', `inventory config: ${parsed.error.message}`, {
        details: parsed.error.issues,
      });
    }
    this.state = new StockState(parsed.data.locations);
    this.book = new InFlightBook(this.state);
    this.channels = parsed.data.channels.map((c, i) => {
      this.channelIndex.set(c.channel, i);
      return new CompiledChannel(c, this.state);
    });
    this.ledger = new PublishLedger(this.channels.length);
  }

  /** Number of SKUs the engine knows. */
  get skuCount(): number {
    return this.state.skuCount;
  }

  /** Number of SKUs touched since the last recompute. */
  get dirtyCount(): number {
    return this.ledger.dirtyCount;
  }

  /** Applies one position; refused if its source does not own the location, ignored if stale. */
  applyPosition(position: InventoryPosition): PositionOutcome {
    const { outcome, sku } = applyPosition(this.state, position);
    if (outcome.status === 'applied' && outcome.changed) this.markDirtyIndex(sku);
    return outcome;
  }

  /** Applies a batch of positions (a poll page, an 846), counting outcomes. */
  applyPositions(positions: Iterable<InventoryPosition>): PositionBatchResult {
    let changed = 0;
    let unchanged = 0;
    let stale = 0;
    const refused: { position: InventoryPosition; error: FerryError }[] = [];
    for (const p of positions) {
      const o = this.applyPosition(p);
      if (o.status === 'refused') refused.push({ position: p, error: o.error });
      else if (o.status === 'stale') stale++;
      else if (o.changed) changed++;
      else unchanged++;
    }
    return { changed, unchanged, stale, refused };
  }

  /** Sets (or with `null` clears) a SKU's category, which selects category rule overrides. */
  setCategory(sku: string, category: string | null): void {
    const s = this.skuIndex(sku);
    this.state.category[s] = category === null ? -1 : this.state.categories.intern(category);
    for (const ch of this.channels) ch.invalidate(s);
    this.markDirtyIndex(s);
  }

  /**
   * Checks an order against available-to-promise and holds its in-stock units in flight. Every
   * channel's pool shares those units, so concurrent orders from several channels cannot take the
   * same unit twice. Short units are reported, not held; the caller backorders or rejects them.
   * The decision is kept (a repeat returns it) until the order is released with
   * {@link releaseInFlight}: on Odoo's reservation, or at once when the order is rejected.
   */
  tryReserve(request: ReserveRequest): ReserveResult {
    const prior = this.decisions.get(request.orderId);
    if (prior) return { ...prior, duplicate: true };
    const c = this.channelOf(request.channel);
    const lines = reserveLines(this.state, this.book, this.channels[c]!, request);
    for (const line of lines) {
      const s = this.state.skus.find(line.sku);
      if (s >= 0) this.markDirtyIndex(s);
    }
    const result: ReserveResult = {
      orderId: request.orderId,
      channel: request.channel,
      lines,
      allInStock: lines.every((l) => l.short === 0),
      duplicate: false,
    };
    if (this.book.has(request.orderId)) this.decisions.set(request.orderId, result);
    return result;
  }

  /** Holds units of an order accepted without the guard (an EDI 850, a replay) in flight. */
  holdInFlight(orderId: string, lines: readonly OrderLineQty[]): void {
    for (const line of lines) validateLine(this.state, orderId, line);
    for (const line of lines) {
      const s = this.skuIndex(line.sku);
      const l = line.location === undefined ? -1 : this.locationOf(line.location);
      this.book.hold(orderId, s, l, line.qty);
      this.markDirtyIndex(s);
    }
  }

  /**
   * Releases an order's in-flight units (all, or those of `skus`). Call it once Odoo's
   * reservation is visible in a position applied here, not when Odoo answers the confirm: releasing
   * first would count the units as free until the next stock.quant poll.
   */
  releaseInFlight(orderId: string, skus?: readonly string[]): void {
    const only = skus ? new Set(skus.map((k) => this.state.skus.find(k))) : undefined;
    for (const s of this.book.release(orderId, only)) this.markDirtyIndex(s);
    if (!this.book.has(orderId)) this.decisions.delete(orderId);
  }

  /** The channel's available-to-promise for a SKU now, in units (0 for an unknown SKU). */
  atp(channel: string, sku: string): number {
    const ch = this.channels[this.channelOf(channel)]!;
    const s = this.state.skus.find(sku);
    return s < 0 ? 0 : allocate(ch.pool(s), ch.ruleFor(s));
  }

  /** Marks SKUs as touched, so the next {@link recompute} looks at them. Unknown SKUs are ignored. */
  markDirty(skus: Iterable<string>): void {
    for (const k of skus) {
      const s = this.state.skus.find(k);
      if (s >= 0) this.markDirtyIndex(s);
    }
  }

  /**
   * Recomputes the SKUs touched since the last recompute (plus `skus`) and returns the values
   * that differ from what was last confirmed: every decrease, and increases of at least the
   * channel's `publishDeltaUnits`. Clears the dirty set; nothing counts as published until {@link confirm}.
   */
  recompute(skus?: Iterable<string>): AtpChanges {
    if (skus) this.markDirty(skus);
    const out = this.newChanges();
    this.ledger.drain((s) => {
      for (let c = 0; c < this.channels.length; c++) {
        const ch = this.channels[c]!;
        const v = allocate(ch.pool(s), ch.ruleFor(s));
        const prev = this.ledger.get(s, c);
        if (worthPublishing(prev, v, ch.publishDeltaUnits)) out.push(s, c, v, prev);
      }
    });
    return out;
  }

  /**
   * Recomputes every SKU (or only `skus`; unknown ones are skipped) for the given channels (default
   * all) and returns every value that differs from what was last confirmed, ignoring the publish
   * delta: the scheduled drift correction. Over every SKU and channel it also clears the dirty set.
   */
  fullResync(channels?: readonly string[], skus?: readonly string[]): AtpChanges {
    const selected = channels ? channels.map((c) => this.channelOf(c)) : this.channels.map((_, i) => i);
    const out = this.newChanges();
    const indices = skus?.map((k) => this.state.skus.find(k)).filter((s) => s >= 0);
    const count = indices ? indices.length : this.state.skuCount;
    for (const c of selected) {
      const ch = this.channels[c]!;
      for (let i = 0; i < count; i++) {
        const s = indices ? indices[i]! : i;
        const v = allocate(ch.pool(s), ch.ruleFor(s));
        const prev = this.ledger.get(s, c);
        if (v !== prev) out.push(s, c, v, prev);
      }
    }
    if (!skus && selected.length === this.channels.length) this.ledger.drain(() => undefined);
    return out;
  }

  /** Records a batch as published on its channels (after the partner accepted it). */
  confirm(changes: AtpChanges): void {
    this.ledger.confirm(changes);
  }

  /**
   * Records what a channel is known to show for a SKU (`null`: unknown), e.g. the value a
   * compare-and-set conflict read back, and marks the SKU so the next recompute corrects it.
   */
  setPublished(channel: string, sku: string, value: number | null): void {
    const c = this.channelOf(channel);
    const s = this.skuIndex(sku);
    this.ledger.set(s, c, value === null ? -1 : value);
    this.markDirtyIndex(s);
  }

  /** The value last confirmed on a channel for a SKU, or `null` if none. */
  publishedValue(channel: string, sku: string): number | null {
    const c = this.channelOf(channel);
    const s = this.state.skus.find(sku);
    const v = s < 0 ? -1 : this.ledger.get(s, c);
    return v < 0 ? null : v;
  }

  /** Why a channel shows (or would show) what it does for a SKU: inputs, buffer, rule and version. */
  explain(sku: string, channel: string): AtpExplanation {
    const c = this.channelOf(channel);
    const s = this.state.skus.find(sku);
    if (s < 0) throw new FerryError('not_found', `unknown SKU ${sku}`, { entities: { sku } });
    return explainAtp(this.state, this.channels[c]!, s, this.publishedValue(channel, sku));
  }

  /** Replaces a channel's rule set (a new version). Run {@link fullResync} for the channel after. */
  setChannelRules(rules: ChannelRulesInput): void {
    const parsed = ChannelRules.safeParse(rules);
    if (!parsed.success) {
      throw new FerryError('config_invalid', `channel rules: ${parsed.error.message}`, {
        details: parsed.error.issues,
      });
    }
    const c = this.channelOf(parsed.data.channel);
    try {
      this.channels[c] = new CompiledChannel(parsed.data, this.state);
    } catch (e) {
      throw new FerryError('config_invalid', (e as Error).message, { cause: e });
    }
  }

  private newChanges(): AtpChanges {
    return new AtpChanges(
      (s) => this.state.skus.name(s),
      (c) => this.channels[c]!.name,
    );
  }

  private channelOf(name: string): number {
    const c = this.channelIndex.get(name);
    if (c === undefined)
      throw new FerryError('not_found', `unknown channel ${name}`, { entities: { channel: name } });
    return c;
  }

  private locationOf(name: string): number {
    const l = this.state.locations.find(name);
    if (l < 0)
      throw new FerryError('not_found', `unknown location ${name}`, { entities: { location: name } });
    return l;
  }

  private skuIndex(sku: string): number {
    const s = this.state.sku(sku);
    this.ledger.ensure(s + 1);
    return s;
  }

  private markDirtyIndex(s: number): void {
    this.ledger.markDirty(s);
  }
}

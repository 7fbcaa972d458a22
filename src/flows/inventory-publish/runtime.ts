/**
 * The inventory engine of this process with everything around it that has state: the orders held
 * in flight, the Odoo change-feed cursor, the publish trigger and the lock that keeps publishes
 * one at a time.
 *
 * The engine lives in memory, so one Ferry process owns it: the StockGuard that intake calls must
 * see every in-flight order, and it is synchronous. Start-up rebuilds it from Odoo (a full read),
 * the stored WMS positions and the stored published values; nothing else is needed because an
 * accepted order is reserved in Odoo, and an order not yet accepted re-reserves when its job re-runs.
 */
import { FerryError } from '../../core/errors.js';
import {
  InventoryEngine,
  type InventoryConfigInput,
  type PositionBatchResult,
} from '../../core/inventory/index.js';
import type { InventoryPosition } from '../../core/model.js';
import type { Cursor } from '../../connectors/odoo/index.js';
import type { NewJob } from '../../store/index.js';
import { loadPositions, loadPublished, savePositions } from '../../store/inventory/index.js';
import { getOrderByRef, listOrderEvents } from '../../store/orders/index.js';
import type { StockGuard } from '../order-intake/index.js';
import { INVENTORY_LANE, InventoryTask, type InventoryDeps } from './deps.js';

/** Order states in which Odoo has not confirmed (and so not reserved) the order yet. */
const NOT_IN_ODOO: ReadonlySet<string> = new Set(['received', 'validated']);

/** One process's available-to-promise state and the I/O-facing operations on it. */
export class InventoryRuntime {
  readonly engine: InventoryEngine;
  /** Orders holding units in flight → when they were first held, epoch ms. */
  private readonly held = new Map<string, number>();
  /** Position in Odoo's stock.quant change feed; `null` until the first full read. */
  odooCursor: Cursor | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private enqueue: ((job: NewJob) => Promise<unknown>) | undefined;
  private publishPending = false;
  /** False until Odoo's positions were read in full once (when Odoo owns any location). */
  private loaded = false;

  constructor(
    config: InventoryConfigInput,
    readonly deps: InventoryDeps,
  ) {
    this.engine = new InventoryEngine(config);
  }

  /** Whether the guard can decide: every owner's positions have been read at least once. */
  get ready(): boolean {
    return this.loaded || !this.deps.odoo || this.deps.odooLocations.size === 0;
  }

  /** Marks the first full read of Odoo's positions done. */
  markLoaded(): void {
    this.loaded = true;
  }

  /** Connects the publish trigger to the queue; without it, publishing runs only on schedule. */
  connect(enqueue: (job: NewJob) => Promise<unknown>): void {
    this.enqueue = enqueue;
  }

  /**
   * Asks for a publish soon. One job is pending at a time: the job drains every SKU touched up to
   * when it starts, so a burst of 1,000 accepted orders costs one publish, not 1,000.
   */
  requestPublish(): void {
    if (this.publishPending || !this.enqueue) return;
    this.publishPending = true;
    this.enqueue({
      lane: INVENTORY_LANE,
      task: InventoryTask.publish,
      payload: {},
      orderingKey: 'inventory:publish',
    }).catch((e: unknown) => {
      this.publishPending = false;
      this.deps.onError?.(e, 'inventory publish trigger');
    });
  }

  /** Called by the publish job as it starts: changes from now on need a new job. */
  publishStarted(): void {
    this.publishPending = false;
  }

  /** Runs `fn` after every earlier exclusive section: publishes never interleave their confirms. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** The oversell guard intake calls before it sends an order to Odoo. */
  readonly guard: StockGuard = {
    reserve: (channel, orderRef, lines) => {
      if (!this.ready) {
        // Before the first read every SKU looks empty: deciding now would backorder or reject
        // orders that are in stock. A retryable error makes intake try the order again shortly.
        throw new FerryError('partner_unavailable', 'stock positions are not loaded from Odoo yet', {
          partner: 'odoo',
          retryAfterMs: 5_000,
        });
      }
      const r = this.engine.tryReserve({ channel, orderId: orderRef, lines });
      if (!r.duplicate && r.lines.some((l) => l.inStock > 0)) {
        this.held.set(orderRef, this.deps.clock.now());
        this.requestPublish();
      }
      return r.lines.filter((l) => l.short > 0).map((l) => ({ sku: l.sku, short: l.short }));
    },
    release: (orderRef) => {
      this.engine.releaseInFlight(orderRef);
      if (this.held.delete(orderRef)) this.requestPublish();
    },
  };

  /** Orders holding units in flight. */
  get heldOrders(): number {
    return this.held.size;
  }

  /**
   * Positions pushed by the system that owns their location (a WMS's 846 or inventory event).
   * Refused ones (not the owner, unknown location) are returned, not stored; applied ones are
   * saved, because a pushed position cannot be read again after a restart.
   */
  async receivePositions(positions: readonly InventoryPosition[]): Promise<PositionBatchResult> {
    const applied: InventoryPosition[] = [];
    let changed = 0;
    let unchanged = 0;
    let stale = 0;
    const refused: PositionBatchResult['refused'][number][] = [];
    for (const p of positions) {
      const o = this.engine.applyPosition(p);
      if (o.status === 'refused') refused.push({ position: p, error: o.error });
      else if (o.status === 'stale') stale++;
      else {
        applied.push(p);
        if (o.changed) changed++;
        else unchanged++;
      }
    }
    if (applied.length) await savePositions(this.deps.store.db, applied, this.deps.clock.now());
    if (changed) this.requestPublish();
    return { changed, unchanged, stale, refused };
  }

  /** Restores stored WMS positions and the values each channel was last told. */
  async load(): Promise<void> {
    this.engine.applyPositions(await loadPositions(this.deps.store.db));
    for (const p of await loadPublished(this.deps.store.db)) {
      try {
        this.engine.setPublished(p.channel, p.sku, p.value);
      } catch {
        // A channel removed from the configuration: its old values no longer matter.
      }
    }
  }

  /**
   * Releases in-flight units of orders Odoo had accepted before a stock read began: that read
   * carries Odoo's reservation, so keeping the hold would count the units twice. Orders cancelled
   * or rejected are released too. Returns how many were released.
   */
  async releaseSettled(readStartedAt: number): Promise<number> {
    let released = 0;
    for (const [ref, heldAt] of [...this.held]) {
      if (heldAt >= readStartedAt) continue;
      if (!(await this.settledBefore(ref, readStartedAt))) continue;
      this.engine.releaseInFlight(ref);
      this.held.delete(ref);
      released++;
    }
    if (released) this.requestPublish();
    return released;
  }

  private async settledBefore(ref: string, at: number): Promise<boolean> {
    const row = await getOrderByRef(this.deps.store.db, ref);
    if (!row) return true;
    if (NOT_IN_ODOO.has(row.state)) return false;
    if (row.state === 'rejected' || row.state === 'cancelled') return true;
    const events = await listOrderEvents(this.deps.store.db, row.id);
    const accepted = events.find((e) => e.type === 'accepted');
    // Accepted is recorded after Odoo answered the confirm, so a read started later includes it.
    return accepted !== undefined && accepted.at < at;
  }
}

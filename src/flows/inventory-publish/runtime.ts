/**
 * The I/O around this process's inventory state (state.ts): the oversell guard intake calls, pushed
 * positions, the restore at start-up, releasing holds that Odoo's reads now cover, and the lock
 * that keeps publishes one at a time.
 *
 * The state lives in memory, so one Ferry process owns it: the StockGuard that intake calls must
 * see every in-flight order, and it is synchronous. Start-up rebuilds it from Odoo (a full read),
 * the stored WMS positions and the stored published values; nothing else is needed because an
 * accepted order is reserved in Odoo, and an order not yet accepted re-reserves when its job re-runs.
 */
import { FerryError } from '../../core/errors.js';
import type { InventoryConfigInput, PositionBatchResult } from '../../core/inventory/index.js';
import { OrderState } from '../../core/lifecycle.js';
import type { InventoryPosition } from '../../core/model.js';
import type { StockGuard } from '../order-intake/index.js';
import type { InventoryDeps } from './deps.js';
import { InventoryState } from './state.js';

/** Order states in which Odoo has not confirmed (and so not reserved) the order yet. */
const NOT_IN_ODOO: ReadonlySet<string> = new Set<OrderState>([OrderState.received, OrderState.validated]);
/** Order states that hold nothing any more. */
const ENDED: ReadonlySet<string> = new Set<OrderState>([OrderState.rejected, OrderState.cancelled]);

/** One process's available-to-promise state and the I/O-facing operations on it. */
export class InventoryRuntime {
  /** Every piece of state inventory publishing keeps. */
  readonly state: InventoryState;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    config: InventoryConfigInput,
    readonly deps: InventoryDeps,
  ) {
    this.state = new InventoryState(config);
  }

  /** Whether the guard can decide: every owner's positions have been read at least once. */
  get ready(): boolean {
    return this.state.loaded || !this.deps.odoo || this.deps.odooLocations.size === 0;
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
      const r = this.state.engine.tryReserve({ channel, orderId: orderRef, lines });
      if (!r.duplicate && r.lines.some((l) => l.inStock > 0))
        this.state.hold(orderRef, this.deps.clock.now());
      return r.lines.filter((l) => l.short > 0).map((l) => ({ sku: l.sku, short: l.short }));
    },
    release: (orderRef) => {
      this.state.release(orderRef);
    },
    publishJob: () => this.state.publishJob(),
  };

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
      const o = this.state.engine.applyPosition(p);
      if (o.status === 'refused') refused.push({ position: p, error: o.error });
      else if (o.status === 'stale') stale++;
      else {
        applied.push(p);
        if (o.changed) changed++;
        else unchanged++;
      }
    }
    if (applied.length) await this.deps.store.inventory.savePositions(applied, this.deps.clock.now());
    if (changed) this.state.publishChanged();
    return { changed, unchanged, stale, refused };
  }

  /** Restores stored WMS positions and the values each channel was last told. */
  async load(): Promise<void> {
    this.state.restore(
      await this.deps.store.inventory.loadPositions(),
      await this.deps.store.inventory.loadPublished(),
    );
  }

  /**
   * Releases in-flight units of orders Odoo had accepted before a stock read began: that read
   * carries Odoo's reservation, so keeping the hold would count the units twice. Orders cancelled
   * or rejected are released too. Returns how many were released; a release owes a publish.
   */
  async releaseSettled(readStartedAt: number): Promise<number> {
    let released = 0;
    for (const [ref] of this.state.heldBefore(readStartedAt)) {
      if (!(await this.settledBefore(ref, readStartedAt))) continue;
      if (this.state.release(ref)) released++;
    }
    return released;
  }

  private async settledBefore(ref: string, at: number): Promise<boolean> {
    const row = await this.deps.store.orders.getOrderByRef(ref);
    if (!row) return true;
    if (NOT_IN_ODOO.has(row.state)) return false;
    if (ENDED.has(row.state)) return true;
    const events = await this.deps.store.orders.listOrderEvents(row.id);
    const accepted = events.find((e) => e.type === 'accepted');
    // Accepted is recorded after Odoo answered the confirm, so a read started later includes it.
    return accepted !== undefined && accepted.at < at;
  }
}

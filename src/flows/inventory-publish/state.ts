/**
 * The one owner of inventory publishing's state in this process: the engine (positions, in-flight
 * units, the values each channel was last told), the orders holding units in flight, the channels
 * that published in shadow mode last time, Odoo's change-feed cursor, and whether a publish is
 * owed. Nothing else in the flow keeps state; the runtime and the tasks read and change it only
 * through these methods.
 *
 * What must survive a restart is persisted by the runtime as before: pushed positions and published
 * values in the store (restored by `restore`). The rest is rebuilt: Odoo's positions by the start-up
 * read (the cursor starts over), holds by intake re-reserving when an order's job re-runs. The
 * shadow set starts empty: a shadowed value is never recorded as published, so after a restart the
 * stored values are what the channels really show and the start-up read recomputes against them.
 *
 * The publish trigger goes through the outbox: `publishJob()` hands out the job that publishes what
 * changed, and the caller enqueues it in the transaction that records the change (or with its job's
 * completion). Every job handed out between two publishes carries the same idempotency key, so a
 * burst of 1,000 accepted orders still enqueues one publish, and a trigger whose transaction rolled
 * back is simply handed out again by the next change.
 */
import { randomUUID } from 'node:crypto';
import { InventoryEngine, type InventoryConfigInput } from '../../core/inventory/index.js';
import type { Cursor } from '../../connectors/odoo/index.js';
import type { NewJob } from '../../store/index.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';

/** Inventory publishing's state in one process. */
export class InventoryState {
  /** Positions, in-flight units and published values; the rules that turn them into values. */
  readonly engine: InventoryEngine;
  /** Orders holding units in flight → when they were first held, epoch ms. */
  private readonly held = new Map<string, number>();
  /** Channels that were in shadow mode at their last publish. */
  private readonly shadowed = new Set<string>();
  private odooCursor: Cursor | null = null;
  /** False until Odoo's positions were read in full once. */
  private odooLoaded = false;
  /** A change since the last publish started that no publish has covered yet. */
  private publishOwed = false;
  /** Distinguishes this process's publish jobs from those of earlier runs (keys are kept forever). */
  private readonly run = randomUUID();
  private generation = 0;

  constructor(config: InventoryConfigInput) {
    this.engine = new InventoryEngine(config);
  }

  /** Position in Odoo's stock.quant change feed; `null` until the first read. */
  get cursor(): Cursor | null {
    return this.odooCursor;
  }

  /** Moves the change-feed cursor to where the last page read ended. */
  advanceCursor(cursor: Cursor | null): void {
    this.odooCursor = cursor;
  }

  /** Whether Odoo's positions have been read in full at least once. */
  get loaded(): boolean {
    return this.odooLoaded;
  }

  /** Marks the first full read of Odoo's positions done. */
  markLoaded(): void {
    this.odooLoaded = true;
  }

  /** Orders holding units in flight. */
  get heldOrders(): number {
    return this.held.size;
  }

  /** Records that `orderRef` holds units from `at` (the first hold counts). */
  hold(orderRef: string, at: number): void {
    if (!this.held.has(orderRef)) this.held.set(orderRef, at);
    this.publishChanged();
  }

  /** Frees an order's in-flight units; true if it held any. */
  release(orderRef: string): boolean {
    this.engine.releaseInFlight(orderRef);
    const had = this.held.delete(orderRef);
    if (had) this.publishChanged();
    return had;
  }

  /** Orders that were holding units before `at`, with when they started. */
  heldBefore(at: number): [string, number][] {
    return [...this.held].filter(([, heldAt]) => heldAt < at);
  }

  /**
   * Whether the channel publishes in shadow mode now, and whether it just left it: values
   * computed while it was shadowed were never sent, so it then needs every difference.
   */
  shadowTransition(channel: string, shadow: boolean): { goingLive: boolean } {
    const goingLive = !shadow && this.shadowed.has(channel);
    if (shadow) this.shadowed.add(channel);
    else this.shadowed.delete(channel);
    return { goingLive };
  }

  /** Channels shadowed at their last publish: visited by every publish, as they may be live now. */
  shadowedChannels(): string[] {
    return [...this.shadowed];
  }

  /** Values computed from now on may differ from what channels show: a publish is owed. */
  publishChanged(): void {
    this.publishOwed = true;
  }

  /**
   * The job that publishes what changed, for the caller to enqueue in its own transaction; none
   * when nothing changed since the last publish started.
   */
  publishJob(): NewJob | undefined {
    if (!this.publishOwed) return undefined;
    return {
      lane: INVENTORY_LANE,
      task: InventoryTask.publish,
      payload: {},
      orderingKey: 'inventory:publish',
      idempotencyKey: `inventory.publish:${this.run}:${this.generation}`,
    };
  }

  /**
   * Enqueues the publish a job's changes owe (positions read, holds released) with the job's
   * completion, so the trigger commits exactly when the job does.
   */
  enqueueOwedPublish(ctx: { enqueue(job: NewJob): void }): void {
    const job = this.publishJob();
    if (job) ctx.enqueue(job);
  }

  /** Called by the publish job as it starts: changes from now on need a new job. */
  publishStarted(): void {
    this.publishOwed = false;
    this.generation++;
  }

  /** Restores stored positions (pushed by warehouses) and the values each channel was last told. */
  restore(
    positions: Parameters<InventoryEngine['applyPositions']>[0],
    published: readonly { channel: string; sku: string; value: number }[],
  ): void {
    this.engine.applyPositions(positions);
    for (const p of published) {
      try {
        this.engine.setPublished(p.channel, p.sku, p.value);
      } catch {
        // A channel removed from the configuration: its old values no longer matter.
      }
    }
  }
}

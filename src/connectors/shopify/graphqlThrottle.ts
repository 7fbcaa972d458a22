/**
 * Client-side model of Shopify's cost bucket (PROTOCOLS.md §1.5), so Ferry waits for the bucket to
 * refill instead of sending a query that would come back THROTTLED.
 *
 * Shopify reserves `requestedQueryCost` when a query starts and refunds down to the actual cost;
 * the bucket refills at `restoreRate` points per second up to `maximumAvailable`. Plans differ
 * (100 to 2000 points/s), so nothing is hard-coded: the model starts empty-handed and learns from
 * every answer's `throttleStatus`.
 */
import type { ThrottleStatus } from './graphqlTypes.js';

interface Snapshot extends ThrottleStatus {
  atMs: number;
}

export class CostBucket {
  private snapshot: Snapshot | undefined;
  private readonly learnedCost = new Map<string, number>();

  /** Points available at `nowMs` as far as this client knows; `undefined` before the first answer. */
  availableAt(nowMs: number): number | undefined {
    const s = this.snapshot;
    if (!s) return undefined;
    const restored = (Math.max(0, nowMs - s.atMs) / 1000) * s.restoreRate;
    return Math.min(s.maximumAvailable, s.currentlyAvailable + restored);
  }

  /** The bucket as last learned, refilled to `nowMs`; `undefined` before the first answer. */
  state(nowMs: number): ThrottleStatus | undefined {
    const s = this.snapshot;
    const available = this.availableAt(nowMs);
    if (!s || available === undefined) return undefined;
    return {
      maximumAvailable: s.maximumAvailable,
      currentlyAvailable: available,
      restoreRate: s.restoreRate,
    };
  }

  /**
   * Milliseconds to wait before a query of `cost` points may start; 0 when it fits now or when
   * nothing is known yet. A cost above the bucket size is never waited for: Shopify refuses it
   * with MAX_COST_EXCEEDED whatever the wait.
   */
  waitMs(cost: number, nowMs: number): number {
    const s = this.snapshot;
    const available = this.availableAt(nowMs);
    if (!s || available === undefined || cost <= available || cost > s.maximumAvailable) return 0;
    if (s.restoreRate <= 0) return 1000;
    return Math.ceil(((cost - available) / s.restoreRate) * 1000);
  }

  /** Takes `cost` points now, so concurrent callers see what the in-flight query will use. */
  reserve(cost: number, nowMs: number): void {
    const available = this.availableAt(nowMs);
    if (available === undefined || !this.snapshot) return;
    this.snapshot = { ...this.snapshot, currentlyAvailable: available - cost, atMs: nowMs };
  }

  /** Replaces the model with the server's view from an answer's `extensions.cost.throttleStatus`. */
  observe(status: ThrottleStatus, nowMs: number): void {
    this.snapshot = { ...status, atMs: nowMs };
  }

  /** Remembers what an operation asked for last time, the best estimate of its next cost. */
  learn(operation: string, requestedCost: number): void {
    this.learnedCost.set(operation, requestedCost);
  }

  estimate(operation: string): number | undefined {
    return this.learnedCost.get(operation);
  }
}

/**
 * Shopify's GraphQL cost limit as a leaky bucket (PROTOCOLS.md §1.5): `requestedQueryCost` is taken
 * when a query starts, the difference to `actualQueryCost` is refunded, and the bucket refills at
 * `restoreRate` points per second up to `maximumAvailable`.
 */
import type { Clock } from '../../core/clock.js';

export interface CostBucketOptions {
  /** Default 2,000 (2026 Standard plans; older docs said 1,000 — the client must read, not assume). */
  maximumAvailable?: number;
  /** Points per second; default 100 (Standard). */
  restoreRate?: number;
}

export interface ThrottleStatusView {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class SimCostBucket {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
  private available: number;
  private atMs: number;

  constructor(
    options: CostBucketOptions,
    private readonly clock: Clock,
  ) {
    this.maximumAvailable = options.maximumAvailable ?? 2000;
    this.restoreRate = options.restoreRate ?? 100;
    this.available = this.maximumAvailable;
    this.atMs = clock.now();
  }

  /** Takes `cost` points if available; otherwise takes nothing (the query is THROTTLED). */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Empties the bucket, as another app on the same shop would. */
  drain(): void {
    this.refill();
    this.available = 0;
  }

  status(): ThrottleStatusView {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      // Shopify reports whole points in practice; floor keeps the client's wait on the safe side.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  private refill(): void {
    const now = this.clock.now();
    const restored = ((now - this.atMs) / 1000) * this.restoreRate;
    this.available = Math.min(this.maximumAvailable, this.available + restored);
    this.atMs = now;
  }
}

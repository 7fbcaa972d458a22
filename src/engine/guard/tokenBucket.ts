import type { Clock } from '../../core/clock.js';

/**
 * A token bucket sized to a partner's published limit: `ratePerSec` tokens refill continuously up
 * to `burst`. `take` reports how long to wait when the bucket is empty instead of sleeping, so the
 * caller can defer the job rather than hold a worker slot.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes `n` tokens if available (returns 0), else returns the wait in ms until they would be. */
  take(n = 1): number {
    this.refill();
    if (this.tokens >= n) {
      this.tokens -= n;
      return 0;
    }
    return Math.ceil(((n - this.tokens) / this.ratePerSec) * 1000);
  }

  /** Tokens available now (the rate-limit headroom shown to operators). */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
    this.last = now;
  }
}

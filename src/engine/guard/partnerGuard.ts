import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Clock } from '../../core/clock.js';
import { FerryError, isFerryError } from '../../core/errors.js';
import { TokenBucket } from './tokenBucket.js';

export interface PartnerGuardOptions {
  /** Partner endpoint name, e.g. `odoo:main` or `shopify:eu/graphql`. */
  name: string;
  /** Sustained calls per second allowed by the partner. */
  ratePerSec: number;
  /** Bucket size. Default ratePerSec. */
  burst?: number;
  /** Longest wait for a token inside one call before the job is deferred instead. Default 2000 ms. */
  maxWaitMs?: number;
  /** Consecutive transient failures that open the breaker. Default 5. */
  failuresToOpen?: number;
  /** How long the breaker stays open before one trial call. Default 30000 ms. */
  halfOpenAfterMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/**
 * Wraps every call to one partner endpoint with its rate limit and circuit breaker. Neither fails
 * a job: an exhausted bucket or an open breaker surfaces as a deferring FerryError, and the job
 * waits in its queue until the partner can take it. Only transient failures count toward opening
 * the breaker; a partner refusing bad data is not an outage.
 */
export class PartnerGuard {
  readonly name: string;
  private readonly bucket: TokenBucket;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly halfOpenAfterMs: number;
  private openedAt = 0;
  lastSuccessAt: number | null = null;

  constructor(
    private readonly opts: PartnerGuardOptions,
    private readonly clock: Clock,
  ) {
    this.name = opts.name;
    this.bucket = new TokenBucket(opts.ratePerSec, opts.burst ?? opts.ratePerSec, clock);
    this.halfOpenAfterMs = opts.halfOpenAfterMs ?? 30_000;
    this.breaker = circuitBreaker(
      handleWhen((e) => isFerryError(e) && e.retryable && !e.defer),
      {
        halfOpenAfter: this.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(opts.failuresToOpen ?? 5),
      },
    );
    this.breaker.onBreak(() => (this.openedAt = clock.now()));
  }

  get state(): BreakerState {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
    }
  }

  headroom(): number {
    return this.bucket.available();
  }

  async call<T>(fn: (signal: AbortSignal) => Promise<T>, cost = 1): Promise<T> {
    await this.waitForTokens(cost);
    try {
      const r = await this.breaker.execute(({ signal }) => fn(signal));
      this.lastSuccessAt = this.clock.now();
      return r;
    } catch (e) {
      if (isBrokenCircuitError(e)) {
        const retryAfterMs = Math.max(1000, this.openedAt + this.halfOpenAfterMs - this.clock.now());
        throw new FerryError(
          'breaker_open',
          `${this.name} is failing repeatedly; calls paused for ${Math.ceil(retryAfterMs / 1000)} s`,
          { defer: true, retryAfterMs, partner: this.name },
        );
      }
      throw e;
    }
  }

  private async waitForTokens(cost: number): Promise<void> {
    const maxWait = this.opts.maxWaitMs ?? 2000;
    for (;;) {
      const wait = this.bucket.take(cost);
      if (wait === 0) return;
      if (wait > maxWait) {
        throw new FerryError('partner_rate_limited', `${this.name} rate limit reached; waiting ${wait} ms`, {
          defer: true,
          retryAfterMs: wait,
          partner: this.name,
        });
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

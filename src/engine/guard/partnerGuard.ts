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
 * What a person sees of a partner: `down` (breaker open or isolated), `recovering` (half-open),
 * `failing` (its last call failed), `healthy` (its last call succeeded), `unknown` (no call yet).
 */
export type PartnerHealth = 'healthy' | 'failing' | 'recovering' | 'down' | 'unknown';

/** A partner's health as the admin API, /readyz and metrics show it; error codes only, no messages. */
export interface PartnerStatus {
  name: string;
  health: PartnerHealth;
  breaker: BreakerState;
  headroom: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** The code of the last failure (`partner_unavailable`, `partner_timeout` …). */
  lastError: string | null;
}

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
  lastFailureAt: number | null = null;
  private lastErrorCode: string | null = null;

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

  /** The rate-limit bucket: calls per second restored, and how many it holds when full. */
  limits(): { ratePerSec: number; capacity: number } {
    return { ratePerSec: this.opts.ratePerSec, capacity: this.opts.burst ?? this.opts.ratePerSec };
  }

  /**
   * Health from the breaker and the last outcome. A closed breaker alone says nothing: with an
   * unreachable Odoo and few calls it stays closed, and "healthy" was all anyone saw.
   */
  status(): PartnerStatus {
    const breaker = this.state;
    const failedLast = this.lastFailureAt !== null && this.lastFailureAt >= (this.lastSuccessAt ?? -Infinity);
    const health: PartnerHealth =
      breaker === 'open' || breaker === 'isolated'
        ? 'down'
        : breaker === 'half-open'
          ? 'recovering'
          : failedLast
            ? 'failing'
            : this.lastSuccessAt !== null
              ? 'healthy'
              : 'unknown';
    return {
      name: this.name,
      health,
      breaker,
      headroom: this.headroom(),
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      lastError: this.lastErrorCode,
    };
  }

  async call<T>(fn: (signal: AbortSignal) => Promise<T>, cost = 1): Promise<T> {
    await this.waitForTokens(cost);
    try {
      const r = await this.breaker.execute(({ signal }) => fn(signal));
      this.lastSuccessAt = this.clock.now();
      return r;
    } catch (e) {
      // Only failures that say something about the partner's health: a refusal of bad data is
      // the partner working.
      if (isFerryError(e) && e.retryable && !e.defer) {
        this.lastFailureAt = this.clock.now();
        this.lastErrorCode = e.code;
      }
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

import { ExponentialBackoff, fullJitterGenerator } from 'cockatiel';
import { describe, expect, it, vi } from 'vitest';
import { FerryError, isFerryError } from '../../core/errors.js';
import { ManualClock } from '../../test-helpers/stores.js';
import { backoffDelayMs } from '../backoff.js';
import { PartnerGuard } from './partnerGuard.js';
import { TokenBucket } from './tokenBucket.js';

/** Runs `fn` with Math.random answering `values` in turn (cockatiel's generators draw from it). */
function withRandom<T>(values: number[], fn: () => T): T {
  let i = 0;
  const spy = vi.spyOn(Math, 'random').mockImplementation(() => values[i++ % values.length]!);
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

describe('backoff', () => {
  const opts = { baseMs: 1000, capMs: 60_000 };
  it('draws within [0, min(cap, base·2^(attempt−1))]', () => {
    expect(withRandom([0.999], () => backoffDelayMs(1, opts, undefined))).toBe(999);
    expect(withRandom([0.999], () => backoffDelayMs(3, opts, undefined))).toBe(3996);
    expect(withRandom([0], () => backoffDelayMs(3, opts, undefined))).toBe(0);
    expect(withRandom([0.999], () => backoffDelayMs(30, opts, undefined))).toBe(59_940);
    for (let a = 1; a < 40; a++) {
      const d = backoffDelayMs(a, opts, undefined);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(60_000, 1000 * 2 ** (a - 1)));
    }
  });
  it('never waits less than a partner retry-after, even beyond the cap', () => {
    expect(withRandom([0.5], () => backoffDelayMs(1, opts, 5000))).toBe(5000);
    expect(withRandom([0.5], () => backoffDelayMs(10, opts, 120_000))).toBe(120_000);
  });
  it("is cockatiel's exponential backoff with full jitter, attempt by attempt", () => {
    const draws = [0.42, 0.07, 0.93, 0.5, 0.31, 0.77, 0.12, 0.99];
    const ours = withRandom(draws, () =>
      draws.map((_, i) => backoffDelayMs(i + 1, { baseMs: 100, capMs: 5000 }, undefined)),
    );
    const theirs = withRandom(draws, () => {
      const out: number[] = [];
      let b = new ExponentialBackoff({
        generator: fullJitterGenerator,
        initialDelay: 100,
        maxDelay: 5000,
      }).next();
      for (const _ of draws) {
        out.push(b.duration);
        b = b.next(undefined);
      }
      return out;
    });
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([42, 14, 372, 400, 496, 2464, 600, 4950]);
  });
  it('spreads retries of one attempt over the whole window (full jitter, not a wave)', () => {
    for (const attempt of [1, 4, 12]) {
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** (attempt - 1));
      const delays = Array.from({ length: 2000 }, () => backoffDelayMs(attempt, opts, undefined));
      for (const d of delays) {
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
      // Uniform over [0, ceiling): 2000 draws all above a quarter (or all below three quarters)
      // has probability 0.75^2000. Equal jitter would never go below half; no jitter is one value.
      expect(Math.min(...delays)).toBeLessThan(ceiling / 4);
      expect(Math.max(...delays)).toBeGreaterThan((3 * ceiling) / 4);
      expect(new Set(delays).size).toBeGreaterThan(100);
    }
  });
});

describe('token bucket', () => {
  it('allows the burst, then refills at the rate, and says how long to wait', () => {
    const clock = new ManualClock();
    const b = new TokenBucket(2, 4, clock);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([0, 0, 0, 0]);
    expect(b.take()).toBe(500);
    clock.advance(500);
    expect(b.take()).toBe(0);
    expect(b.available()).toBe(0);
    clock.advance(10_000);
    expect(b.available()).toBe(4);
  });
});

describe('partner guard', () => {
  it('opens after consecutive transient failures and then defers calls without running them', async () => {
    const clock = new ManualClock();
    const guard = new PartnerGuard(
      { name: 'odoo:main', ratePerSec: 100, failuresToOpen: 3, halfOpenAfterMs: 30_000 },
      clock,
    );
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new FerryError('partner_unavailable', '503'));
    };
    for (let i = 0; i < 3; i++)
      await expect(guard.call(failing)).rejects.toMatchObject({ code: 'partner_unavailable' });
    expect(guard.state).toBe('open');
    const err: unknown = await guard.call(failing).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(isFerryError(err) && err.code === 'breaker_open' && err.defer && err.retryable).toBe(true);
    expect(isFerryError(err) ? err.retryAfterMs : 0).toBeGreaterThan(0);
  });

  it('does not count a partner refusing bad data as an outage', async () => {
    const guard = new PartnerGuard(
      { name: 'odoo:main', ratePerSec: 100, failuresToOpen: 2 },
      new ManualClock(),
    );
    for (let i = 0; i < 5; i++)
      await expect(
        guard.call(() => Promise.reject(new FerryError('partner_validation', 'missing field'))),
      ).rejects.toMatchObject({ code: 'partner_validation' });
    expect(guard.state).toBe('closed');
  });

  it('defers instead of waiting long when the rate limit is exhausted', async () => {
    const guard = new PartnerGuard(
      { name: 'shopify:eu', ratePerSec: 1, burst: 1, maxWaitMs: 100 },
      new ManualClock(),
    );
    await guard.call(() => Promise.resolve('ok'));
    await expect(guard.call(() => Promise.resolve('again'))).rejects.toMatchObject({
      code: 'partner_rate_limited',
      defer: true,
      retryAfterMs: 1000,
    });
    expect(guard.headroom()).toBe(0);
  });
});

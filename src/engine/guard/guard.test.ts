import { describe, expect, it } from 'vitest';
import { FerryError, isFerryError } from '../../core/errors.js';
import { ManualClock } from '../../test-helpers/stores.js';
import { backoffDelayMs } from '../backoff.js';
import { PartnerGuard } from './partnerGuard.js';
import { TokenBucket } from './tokenBucket.js';

describe('backoff', () => {
  const opts = { baseMs: 1000, capMs: 60_000 };
  it('draws within [0, min(cap, base·2^(attempt−1))]', () => {
    expect(backoffDelayMs(1, opts, undefined, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, opts, undefined, () => 0.999)).toBe(3996);
    expect(backoffDelayMs(3, opts, undefined, () => 0)).toBe(0);
    expect(backoffDelayMs(30, opts, undefined, () => 0.999)).toBe(59_940);
    for (let a = 1; a < 40; a++) {
      const d = backoffDelayMs(a, opts, undefined);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(60_000, 1000 * 2 ** (a - 1)));
    }
  });
  it('never waits less than a partner retry-after, even beyond the cap', () => {
    expect(backoffDelayMs(1, opts, 5000, () => 0.5)).toBe(5000);
    expect(backoffDelayMs(10, opts, 120_000, () => 0.5)).toBe(120_000);
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

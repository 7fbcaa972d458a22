import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prorate, spread } from './orderMath.js';

describe('order arithmetic', () => {
  it('spreads an amount in proportion, the remainder cents on the largest remainders', () => {
    expect(spread(1000, [3333, 3333, 3333])).toEqual([334, 333, 333]);
    expect(spread(1, [1, 1])).toEqual([1, 0]);
  });

  it('prorates to the units kept, to the nearest cent', () => {
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(prorate(1000, 0, 3)).toBe(0);
    expect(prorate(1000, 3, 3)).toBe(1000);
  });

  it('shares always add up to the whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }),
        (total, w) => {
          expect(spread(total, w).reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(),
        (amount, n, k0) => {
          const k = k0 % (n + 1);
          expect(Math.abs(prorate(amount, k, n) - (amount * k) / n)).toBeLessThanOrEqual(0.5);
          expect(prorate(amount, k, n)).toBeGreaterThanOrEqual(prorate(amount, Math.max(0, k - 1), n));
        },
      ),
    );
  });
});

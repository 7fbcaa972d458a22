import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMinor, parseDecimalToMinor } from './money.js';

describe('money', () => {
  it('parses partner decimals exactly into minor units', () => {
    expect(parseDecimalToMinor('19.99', 'EUR')).toBe(1999);
    expect(parseDecimalToMinor('0.1', 'USD')).toBe(10);
    expect(parseDecimalToMinor('-3.5', 'USD')).toBe(-350);
    expect(parseDecimalToMinor('1500', 'JPY')).toBe(1500);
    expect(parseDecimalToMinor(29.9, 'EUR')).toBe(2990);
  });

  it('refuses amounts with more decimals than the currency has, naming the value', () => {
    expect(() => parseDecimalToMinor('1.005', 'EUR')).toThrow(
      '"1.005" has more decimals than EUR allows (2)',
    );
    expect(() => parseDecimalToMinor('abc', 'EUR')).toThrow('not a decimal amount: "abc"');
  });

  it('round-trips format and parse for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (n, cur) => {
        expect(parseDecimalToMinor(formatMinor(n, cur), cur)).toBe(n);
      }),
    );
  });
});

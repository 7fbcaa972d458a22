import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidSscc, makeSscc, ssccCheckDigit, ssccFromManGm, ssccToManGm } from './sscc.js';

describe('SSCC-18', () => {
  it('matches the GS1 reference and the PROTOCOLS.md example', () => {
    expect(ssccCheckDigit('10614141123456789')).toBe(7);
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(ssccFromManGm('00006141411234567890')).toBe('006141411234567890');
  });

  it('every generated SSCC validates and survives MAN*GM', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^\d{7,10}$/),
        fc.nat(999_999),
        (ext, prefix, serial) => {
          const sscc = makeSscc(ext, prefix, serial);
          expect(sscc).toHaveLength(18);
          expect(isValidSscc(sscc)).toBe(true);
          expect(ssccFromManGm(ssccToManGm(sscc))).toBe(sscc);
        },
      ),
    );
  });

  it('any single-digit change is detected', () => {
    fc.assert(
      fc.property(
        fc.nat(999_999),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (serial, pos, delta) => {
          const sscc = makeSscc(0, '0614141', serial);
          const digit = (Number(sscc[pos]) + delta) % 10;
          expect(isValidSscc(sscc.slice(0, pos) + String(digit) + sscc.slice(pos + 1))).toBe(false);
        },
      ),
    );
  });

  it('refuses serials that do not fit and bad MAN values', () => {
    expect(() => makeSscc(0, '0614141', 1_000_000_000)).toThrow(RangeError);
    expect(() => ssccFromManGm('00006141411234567891')).toThrow(/check digit should be 0/);
    expect(() => ssccFromManGm('ABC')).toThrow(/not a valid SSCC-18/);
  });
});

import { z } from 'zod';

/** ISO 4217 currency code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "EUR"');

/** Money as integer minor units with a currency; never floating point. */
export const Money = z.object({
  amountMinor: z.number().int(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Minor-unit exponent per currency (ISO 4217); 2 unless listed. */
const EXPONENTS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  HUF: 2,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/**
 * Parses a decimal string as sent by partners ("19.99", "-3.5", "100") into minor units, exactly:
 * no floating point is involved, and more fractional digits than the currency has is an error.
 */
export function parseDecimalToMinor(value: string | number, currency: string): number {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal amount: "${text}"`);
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > exp) throw new RangeError(`"${text}" has more decimals than ${currency} allows (${exp})`);
  const minor = BigInt((m[2] ?? '0') + frac.padEnd(exp, '0'));
  const signed = m[1] === '-' ? -minor : minor;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`"${text}" is too large`);
  }
  return Number(signed);
}

/** Formats minor units as a decimal string with the currency's exponent ("1999" → "19.99"). */
export function formatMinor(amountMinor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = amountMinor < 0;
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(exp + 1, '0');
  const int = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : '.' + digits.slice(-exp);
  return (neg ? '-' : '') + int + frac;
}

/** Minor units to a JS number in major units, for partners (Odoo) whose API takes floats. */
export function minorToMajorNumber(amountMinor: number, currency: string): number {
  return Number(formatMinor(amountMinor, currency));
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  // toFixed(12) then trim avoids exponent notation; partners' floats have at most a few decimals.
  return n.toFixed(12).replace(/\.?0+$/, '');
}

export function money(amountMinor: number, currency: string): Money {
  return { amountMinor, currency };
}

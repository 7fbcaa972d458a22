/**
 * SSCC-18 (GS1 Serial Shipping Container Code): extension digit + GS1 company prefix + serial +
 * mod-10 check digit, weights 3,1,3… from the rightmost data digit. In a 945/856 it is carried as
 * `MAN*GM*00<sscc>` (AI `00` + 18 digits, PROTOCOLS.md §3.5). Verified against GS1's reference
 * SSCC 106141411234567897.
 */
import { FerryError } from '../../core/errors.js';

/** Check digit for the first 17 digits of an SSCC. */
export function ssccCheckDigit(first17: string): number {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`SSCC body must be 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[16 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** True for 18 digits whose last is the right check digit. */
export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && ssccCheckDigit(sscc.slice(0, 17)) === Number(sscc[17]);
}

/**
 * Makes an SSCC from an extension digit (0-9), a GS1 company prefix (7-10 digits) and a serial
 * that fits the remaining 16 − prefix length digits.
 */
export function makeSscc(extension: number, companyPrefix: string, serial: number): string {
  const width = 16 - companyPrefix.length;
  const digits = String(serial);
  if (!Number.isInteger(extension) || extension < 0 || extension > 9)
    throw new RangeError(`SSCC extension ${extension} not 0-9`);
  if (!/^\d{7,10}$/.test(companyPrefix))
    throw new RangeError(`GS1 company prefix "${companyPrefix}" must be 7-10 digits`);
  if (!Number.isSafeInteger(serial) || serial < 0 || digits.length > width) {
    throw new RangeError(`serial ${serial} does not fit ${width} digits`);
  }
  const body = `${extension}${companyPrefix}${digits.padStart(width, '0')}`;
  return `${body}${ssccCheckDigit(body)}`;
}

/** MAN02 for qualifier GM: AI `00` followed by the SSCC. */
export function ssccToManGm(sscc: string): string {
  return `00${sscc}`;
}

/**
 * Reads the SSCC out of a MAN*GM value (20 digits with AI 00, or a bare 18); throws
 * `payload_invalid` when the check digit is wrong, since a mislabelled carton cannot be traced.
 */
export function ssccFromManGm(value: string): string {
  const sscc = value.length === 20 && value.startsWith('00') ? value.slice(2) : value;
  if (!isValidSscc(sscc)) {
    const expected = /^\d{17}/.test(sscc)
      ? ` (check digit should be ${ssccCheckDigit(sscc.slice(0, 17))})`
      : '';
    throw new FerryError('payload_invalid', `MAN*GM "${value}" is not a valid SSCC-18${expected}`, {
      details: { segment: 'MAN', element: 2, found: value },
    });
  }
  return sscc;
}

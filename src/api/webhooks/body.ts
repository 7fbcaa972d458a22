import { isUtf8 } from 'node:buffer';

/**
 * Why a Content-Type is not JSON, or undefined when it is. Media types are case-insensitive and
 * may carry parameters (RFC 9110 §8.3.1): `APPLICATION/JSON; charset=UTF-8` is JSON, while
 * `application/jsonp` (a prefix match once let it through) is not. JSON is UTF-8 (RFC 8259 §8.1),
 * so a charset other than utf-8 is refused rather than decoded wrongly.
 */
export function notJson(contentType: string | undefined): string | undefined {
  const header = contentType ?? '';
  const [type = '', ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json')
    return `content type "${header}" is not application/json`;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8')
      return `content type "${header}": JSON must be UTF-8, not ${charset}`;
  }
  return undefined;
}

/**
 * Why a body is not UTF-8, naming the first bad byte, or undefined when it is. Decoding it anyway
 * turns every bad byte into U+FFFD: customer names and addresses arrived in Odoo altered.
 */
export function notUtf8(body: Buffer): string | undefined {
  if (isUtf8(body)) return undefined;
  const at = firstInvalidByte(body);
  return `body is not valid UTF-8 (byte 0x${body[at]!.toString(16).padStart(2, '0')} at offset ${at})`;
}

/** Offset of the first byte that does not continue a well-formed UTF-8 sequence (RFC 3629 §4). */
function firstInvalidByte(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len =
      c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const d = b[i + k];
      // The second byte's range is narrower after E0, ED, F0 and F4 (overlongs, surrogates, > U+10FFFF).
      const lo = k === 1 && c === 0xe0 ? 0xa0 : k === 1 && c === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && c === 0xed ? 0x9f : k === 1 && c === 0xf4 ? 0x8f : 0xbf;
      if (d === undefined || d < lo || d > hi) return i;
    }
    i += len;
  }
  return Math.max(0, b.length - 1);
}

/**
 * JSON.parse that keeps integers above 2^53 exact, as decimal strings. Shopify ids are int64 and
 * its test notifications use ids above Number.MAX_SAFE_INTEGER (e.g. 820982911946154508), which
 * JSON.parse would round to a neighbouring id. Node 20 has no reviver source access, so the text is
 * scanned once: integer literals outside strings that are not safe integers are quoted, then
 * parsed as usual. Fractions and exponents are left alone (Shopify sends money as strings).
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
}

const DIGIT = /[0-9]/;

/** The text with every unsafe integer literal quoted; the text itself when there is none. */
export function quoteUnsafeIntegers(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '-' || DIGIT.test(c)) {
      const start = i;
      i++;
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
      const lit = text.slice(start, i);
      // Only valid JSON integers: a malformed literal (leading zero) is left for JSON.parse to refuse.
      if (/^-?[1-9]\d{15,}$/.test(lit) && !Number.isSafeInteger(Number(lit))) {
        out ??= [];
        out.push(text.slice(last, start), `"${lit}"`);
        last = i;
      }
      continue;
    }
    i++;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/**
 * Removes personal data and credentials from free text (log messages, error messages), which
 * key-based redaction cannot see: a partner's error often quotes the e-mail or street it refused.
 */
const PATTERNS: [RegExp, string][] = [
  // Ferry API tokens and bearer credentials of any kind.
  [/\bfy_[A-Za-z0-9_-]{20,}/g, '[token]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\b(password|passwd|secret|api[_-]?key|token)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1$2[redacted]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // Phone numbers: an international prefix, or the separated groups of a national number. Bare
  // digit runs are left alone: order ids and timestamps look the same.
  [/\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b/g, '[phone]'],
  [/\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g, '[phone]'],
  // A house number followed by up to four words and a street type (English, German, Dutch, French).
  [
    /\b\d{1,5}[a-z]?\s+(?:[A-Za-zÀ-ÿ'.-]+\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|square|sq|terrace|parkway|pkwy|highway|hwy)\b\.?/gi,
    '[address]',
  ],
  [
    /\b(?:[A-ZÀ-ÿ][\wÀ-ÿ'-]*\s+){0,3}[\wÀ-ÿ'-]*(?:straße|strasse|str\.|straat|weg|laan|gracht|plein|rue|avenue)\s+\d{1,5}[a-z]?\b/gi,
    '[address]',
  ],
];

/** The text with e-mails, phone numbers, street addresses and credentials replaced. */
export function scrubText(text: string): string {
  let out = text;
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}

/** Scrubs every string in a plain value, a few levels deep (log objects are shallow). */
export function scrubValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1));
  if (v instanceof Error)
    return { type: v.name, message: scrubText(v.message), stack: scrubText(v.stack ?? '') };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubValue(x, depth + 1);
  return out;
}

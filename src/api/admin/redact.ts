/**
 * Personal data out of answers for roles without `personal.read` (a viewer): names, addresses,
 * e-mails and phones in payloads and timelines become `[redacted]`. Keys are recognised wherever
 * they appear; a bare `name` only inside a person or address (an order's or product's name stays);
 * free text is scrubbed for e-mails, phones and street addresses; X12 party segments lose their
 * values. Ids, SKUs, amounts and states are kept: they are what a viewer needs.
 */
import { scrubText } from '../../ops/logging/index.js';

const MASK = '[redacted]';

/** Keys whose value is personal wherever it appears. */
const PERSONAL = new Set(
  [
    'email',
    'contact_email',
    'phone',
    'mobile',
    'first_name',
    'last_name',
    'firstName',
    'lastName',
    'address1',
    'address2',
    'street',
    'street2',
    'zip',
    'postcode',
    'postalCode',
    'postal_code',
    'vat',
    'latitude',
    'longitude',
    'company',
    'browser_ip',
    'client_details',
  ].map((k) => k.toLowerCase()),
);

/** Objects that describe a person or a place: their `name` is a person's name. */
const PARTY =
  /(customer|address|billing|shipping|contact|buyer|recipient|shipto|ship_to|partner|person|party)/i;

function redactString(s: string): string {
  // X12 party segments: N1 (name), N2, N3 (street), N4 (city, zip), PER (contact).
  if (/^ISA.|[~\n]N[1-4][*|^]/.test(s))
    return s.replace(
      /(^|[~\n]\s*)(N1|N2|N3|N4|PER)([*|^])([^~\n]*)/g,
      (_m, pre: string, seg: string, sep: string, rest: string) => {
        const parts = rest.split(sep);
        const keep = seg === 'N1' || seg === 'PER' ? 1 : 0;
        return `${pre}${seg}${sep}${parts.map((p, i) => (i < keep || p === '' ? p : MASK)).join(sep)}`;
      },
    );
  return scrubText(s);
}

/** A copy of `value` with personal data replaced; `inParty` marks objects describing a person. */
export function redactPersonal(value: unknown, inParty = false, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 40) return value;
  if (Array.isArray(value)) return value.map((v) => redactPersonal(v, inParty, depth + 1));
  if (isDiffEntry(value)) return redactDiffEntry(value, depth);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k.toLowerCase();
    if (PERSONAL.has(key) || (inParty && (key === 'name' || key === 'city')))
      out[k] = v === null || v === undefined || v === '' ? v : MASK;
    else if (k === 'body' && typeof v === 'string') out[k] = redactBody(v);
    else out[k] = redactPersonal(v, PARTY.test(k), depth + 1);
  }
  return out;
}

type DiffEntry = { path: string; from?: unknown; to?: unknown };
const isDiffEntry = (v: object): v is DiffEntry =>
  typeof (v as DiffEntry).path === 'string' && ('from' in v || 'to' in v);

/**
 * A field-level change (`{ path: 'shipping_address.name', from, to }`, as payload diffs list them):
 * its values carry no key of their own, so the path says whether they are personal.
 */
function redactDiffEntry(e: DiffEntry, depth: number): DiffEntry {
  const segments = e.path.split(/[.[\]]+/).filter(Boolean);
  const last = (segments.at(-1) ?? '').toLowerCase();
  const inParty = segments.slice(0, -1).some((x) => PARTY.test(x));
  const personal =
    segments.some((x) => PERSONAL.has(x.toLowerCase())) || (inParty && (last === 'name' || last === 'city'));
  const field = (v: unknown): unknown =>
    personal
      ? v === null || v === undefined || v === ''
        ? v
        : MASK
      : redactPersonal(v, PARTY.test(last), depth + 1);
  return {
    ...e,
    ...('from' in e ? { from: field(e.from) } : {}),
    ...('to' in e ? { to: field(e.to) } : {}),
  };
}

/** A raw message body as text: redacted as JSON when it parses, as text otherwise. */
export function redactBody(body: string): string {
  try {
    return JSON.stringify(redactPersonal(JSON.parse(body)));
  } catch {
    return redactString(body);
  }
}

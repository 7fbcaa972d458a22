/** Small helpers shared by the transaction-set mappers. */
import { FerryError } from '../../../core/errors.js';
import type { Segment } from '../edi/index.js';
import { element } from '../edi/index.js';

/** Builds a segment, dropping empty trailing elements as X12 requires (PROTOCOLS.md §3.1). */
export function seg(id: string, ...elements: readonly (string | number | undefined)[]): Segment {
  const values = elements.map((e) => (e === undefined ? '' : String(e)));
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return { id, elements: values };
}

/** An N1 loop: N1 with its N2/N3/N4/PER. */
export interface Party {
  /** N101 entity code: ST ship-to, SF ship-from, DE depositor, WH warehouse, BT bill-to… */
  readonly role: string;
  readonly name: string;
  /** N103 id qualifier (`92`, `9`, `ZZ`, `UL`…) and N104 id. */
  readonly idQualifier?: string;
  readonly id?: string;
  /** N2 additional names. */
  readonly extraName?: string;
  readonly street?: string;
  readonly street2?: string;
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

const opt = (v: string): string | undefined => (v === '' ? undefined : v);

const PARTY_DETAIL = new Set(['N2', 'N3', 'N4', 'PER']);

function withDetail(p: Party, s: Segment): Party {
  switch (s.id) {
    case 'N2':
      return { ...p, extraName: opt(element(s, 1)) };
    case 'N3':
      return { ...p, street: opt(element(s, 1)), street2: opt(element(s, 2)) };
    case 'N4':
      return {
        ...p,
        city: opt(element(s, 1)),
        state: opt(element(s, 2)),
        postalCode: opt(element(s, 3)),
        country: opt(element(s, 4)),
      };
    default:
      return p;
  }
}

/** Reads N1 loops (N1 + N2/N3/N4/PER) out of a body; other segments close the loop. */
export function readParties(body: readonly Segment[]): Party[] {
  const parties: Party[] = [];
  let open = false;
  for (const s of body) {
    if (s.id === 'N1') {
      parties.push({
        role: element(s, 1),
        name: element(s, 2),
        idQualifier: opt(element(s, 3)),
        id: opt(element(s, 4)),
      });
      open = true;
      continue;
    }
    const last = parties.at(-1);
    if (!open || !last || !PARTY_DETAIL.has(s.id)) {
      open = false;
      continue;
    }
    parties[parties.length - 1] = withDetail(last, s);
  }
  return parties;
}

/** Writes an N1 loop. */
export function partySegments(p: Party): Segment[] {
  const out = [seg('N1', p.role, p.name, p.idQualifier, p.id)];
  if (p.extraName) out.push(seg('N2', p.extraName));
  if (p.street || p.street2) out.push(seg('N3', p.street, p.street2));
  if (p.city || p.state || p.postalCode || p.country)
    out.push(seg('N4', p.city, p.state, p.postalCode, p.country));
  return out;
}

/** Qualifier/id pairs from `from` on (W01 04/05, 06/07; LIN 02/03…), e.g. `{ VN: 'SKU', UP: '0123…' }`. */
export function qualifiedIds(s: Segment, from: number, pairs: number): Record<string, string> {
  const ids: Record<string, string> = {};
  for (let i = 0; i < pairs; i++) {
    const q = element(s, from + 2 * i);
    const v = element(s, from + 2 * i + 1);
    if (q !== '' && v !== '') ids[q] = v;
  }
  return ids;
}

/** Reads a whole number element; throws `payload_invalid` naming the element otherwise. */
export function int(s: Segment, n: number, setId: string): number {
  const raw = element(s, n);
  if (!/^-?\d+$/.test(raw)) {
    const name = `${s.id}${String(n).padStart(2, '0')}`;
    throw new FerryError('payload_invalid', `${setId} ${name} "${raw}" is not a whole number`, {
      details: { set: setId, segment: s.id, element: n, found: raw },
    });
  }
  return Number(raw);
}

/** CCYYMMDD [+ HHMM[SS]] → UTC ISO-8601. Partners' local time zones are not on the wire; UTC is assumed. */
export function x12DateToIso(date: string, time = ''): string {
  if (!/^\d{8}$/.test(date) || !/^(\d{4}(\d{2})?)?$/.test(time)) {
    throw new FerryError('payload_invalid', `X12 date "${date}" / time "${time}" is not CCYYMMDD / HHMM[SS]`);
  }
  const t = time.padEnd(6, '0');
  const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.000Z`;
  if (Number.isNaN(Date.parse(iso)))
    throw new FerryError('payload_invalid', `X12 date "${date}" is not a calendar date`);
  return iso;
}

/** ISO-8601 date or date-time → CCYYMMDD (the date part as written). */
export function isoToX12Date(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new FerryError('payload_invalid', `"${iso}" is not an ISO-8601 date`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** Throws `payload_invalid` if a required segment is absent. */
export function required(body: readonly Segment[], id: string, setId: string): Segment {
  const found = body.find((s) => s.id === id);
  if (!found)
    throw new FerryError('payload_invalid', `${setId} has no ${id} segment`, {
      details: { set: setId, segment: id },
    });
  return found;
}

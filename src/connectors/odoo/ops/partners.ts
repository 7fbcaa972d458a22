/**
 * res.partner fields and values shared by the customer operations (partnersBatch.ts): the fields
 * read, search domains, country ids and address comparison.
 */
import type { Address } from '../../../core/model.js';
import type { Ops } from './context.js';

export interface PartnerRow {
  id: number;
  ref: string | false;
  email: string | false;
  vat: string | false;
  type?: string;
  parent_id?: [number, string] | false;
  street: string | false;
  street2?: string | false;
  city: string | false;
  zip: string | false;
  name: string | false;
}

export const FIELDS = [
  'ref',
  'email',
  'vat',
  'type',
  'parent_id',
  'street',
  'street2',
  'city',
  'zip',
  'name',
];

export function orDomain(leaves: unknown[][]): unknown[] {
  return [...Array<string>(Math.max(0, leaves.length - 1)).fill('|'), ...leaves];
}

/** Country ids by ISO code, read once per client (one round trip). */
const countryCache = new WeakMap<Ops, Promise<Map<string, number>>>();

async function countryId(ops: Ops, code: string | undefined): Promise<number | false> {
  if (!code) return false;
  let p = countryCache.get(ops);
  if (!p) {
    p = ops.conn
      .call<{ id: number; code: string }[]>('res.country', 'search_read', { domain: [], fields: ['code'] })
      .then((rows) => new Map(rows.map((r) => [r.code, r.id])));
    p.catch(() => countryCache.delete(ops));
    countryCache.set(ops, p);
  }
  return (await p).get(code.toUpperCase()) ?? false;
}

export async function addressVals(
  ops: Ops,
  a: Address,
  fallbackName: string,
): Promise<Record<string, unknown>> {
  return {
    name: a.name ?? fallbackName,
    street: a.street ?? false,
    street2: a.street2 ?? false,
    city: a.city ?? false,
    zip: a.zip ?? false,
    phone: a.phone ?? false,
    email: a.email ?? false,
    country_id: await countryId(ops, a.countryCode),
  };
}

/**
 * Identity of a child address under its parent: the name on it, street, street2, city and zip,
 * trimmed and case-folded (a re-typed "Main St " is the same address). The name and street2 count
 * because a shared consumer partner holds many people's addresses: two flats of one building, or
 * two people at one address, need their own delivery contacts for the label to be right.
 */
export function addressKey(
  parent: number,
  type: string,
  a: {
    name?: string | false | undefined;
    street?: string | false | undefined;
    street2?: string | false | undefined;
    city?: string | false | undefined;
    zip?: string | false | undefined;
  },
): string {
  const n = (x: string | false | undefined) => (x || '').trim().toLowerCase();
  return [parent, type, n(a.name), n(a.street), n(a.street2), n(a.city), n(a.zip)].join('\u0000');
}

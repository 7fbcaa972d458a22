/**
 * Find or create a customer (res.partner) with invoice and delivery child addresses. Matched by
 * the configured keys in order (channel customer id in `ref`, email, VAT) within the company or
 * shared partners; results are cached per match key and address for `customerCacheMs`.
 */
import type { Address, Party } from '../../../core/model.js';
import type { CustomerRef } from '../port.js';
import type { Ops } from './context.js';

export interface PartnerRow {
  id: number;
  ref: string | false;
  email: string | false;
  vat: string | false;
  type?: string;
  parent_id?: [number, string] | false;
  street: string | false;
  city: string | false;
  zip: string | false;
  name: string | false;
}

export const FIELDS = ['ref', 'email', 'vat', 'type', 'parent_id', 'street', 'city', 'zip', 'name'];

export function matchValues(ops: Ops, party: Party, channel: string): [string, string][] {
  const values: Record<string, string | undefined> = {
    ref: party.channelCustomerId ? `${channel}:${party.channelCustomerId}` : undefined,
    email: party.email?.trim().toLowerCase() || undefined,
    vat: party.vat?.replace(/\s+/g, '').toUpperCase() || undefined,
  };
  return ops.cfg.customerMatch.flatMap((k) => (values[k] ? [[k, values[k]] as [string, string]] : []));
}

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

export function sameAddress(row: PartnerRow, a: Address): boolean {
  const eq = (x: string | false, y: string | undefined) =>
    (x || '').trim().toLowerCase() === (y ?? '').trim().toLowerCase();
  return eq(row.street, a.street) && eq(row.city, a.city) && eq(row.zip, a.zip);
}

/** Child address of a type matching `a`, created when missing; the partner itself when no address. */
async function childAddress(
  ops: Ops,
  parent: number,
  children: PartnerRow[],
  type: string,
  a: Address | undefined,
  name: string,
): Promise<number> {
  if (!a) return parent;
  const found = children.find((c) => c.type === type && sameAddress(c, a));
  if (found) return found.id;
  const [id] = await ops.conn.call<number[]>('res.partner', 'create', {
    vals_list: [{ ...(await addressVals(ops, a, name)), type, parent_id: parent }],
  });
  return id as number;
}

export async function createParent(
  ops: Ops,
  party: Party,
  match: [string, string][],
  company: number,
): Promise<number> {
  const keys = Object.fromEntries(match);
  const main = party.billingAddress ?? party.shippingAddress;
  const [id] = await ops.conn.call<number[]>('res.partner', 'create', {
    vals_list: [
      {
        ...(main ? await addressVals(ops, main, party.name) : {}),
        name: party.name,
        email: party.email ?? false,
        phone: party.phone ?? false,
        vat: keys.vat ?? party.vat ?? false,
        ref: keys.ref ?? false,
        is_company: party.isCompany,
        company_id: company,
        customer_rank: 1,
      },
    ],
  });
  return id as number;
}

export async function findOrCreateCustomer(
  ops: Ops,
  party: Party,
  channel: string,
  entity?: string,
): Promise<CustomerRef> {
  const company = (entity && ops.cfg.companies[entity]) || ops.cfg.company;
  const match = matchValues(ops, party, channel);
  const cacheKey = JSON.stringify([company, match, party.billingAddress, party.shippingAddress]);
  const hit = ops.customers.get(cacheKey);
  if (hit && ops.cfg.clock.now() - hit.at < ops.cfg.customerCacheMs) return { ...hit.ref, created: false };
  const ref = await ops.mutex.run([`res.partner:${match[0]?.[1] ?? party.name}`], () =>
    resolve(ops, party, match, company),
  );
  ops.customers.set(cacheKey, { at: ops.cfg.clock.now(), ref });
  return ref;
}

async function resolve(
  ops: Ops,
  party: Party,
  match: [string, string][],
  company: number,
): Promise<CustomerRef> {
  let partnerId: number | undefined;
  if (match.length) {
    const rows = await ops.conn.call<PartnerRow[]>('res.partner', 'search_read', {
      domain: [
        ['parent_id', '=', false],
        '|',
        ['company_id', '=', false],
        ['company_id', '=', company],
        ...orDomain(match.map(([k, v]) => [k, k === 'email' ? '=ilike' : '=', v])),
      ],
      fields: FIELDS,
      order: 'id asc',
    });
    // The first configured key that matches wins (ref before email before VAT by default).
    for (const [k, v] of match) {
      partnerId ??= rows.find((r) => String(r[k as 'ref'] || '').toLowerCase() === v.toLowerCase())?.id;
    }
  }
  const created = partnerId === undefined;
  partnerId ??= await createParent(ops, party, match, company);
  const children =
    party.billingAddress || party.shippingAddress
      ? await ops.conn.call<PartnerRow[]>('res.partner', 'search_read', {
          domain: [['parent_id', '=', partnerId]],
          fields: FIELDS,
        })
      : [];
  const invoiceAddressId = await childAddress(
    ops,
    partnerId,
    children,
    'invoice',
    party.billingAddress,
    party.name,
  );
  const deliveryAddressId = await childAddress(
    ops,
    partnerId,
    children,
    'delivery',
    party.shippingAddress,
    party.name,
  );
  return { partnerId, invoiceAddressId, deliveryAddressId, created };
}

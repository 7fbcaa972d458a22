/**
 * Create and confirm sale orders, one or many per call. Safe to retry: existing orders are found
 * by `client_order_ref` first; a create or confirm whose answer was lost is resolved by reading
 * back what exists; a failing batch is split until each bad order stands alone (DESIGN.md §6).
 * Steady state: 3 round trips for one order (search, create, confirm), 4 for a batch (+ read back).
 * Creates and confirms go through the connection's adaptive write limit (limiter.ts), in batches
 * of its current size, each call with a timeout sized to its records.
 */
import { isFerryError, toFerryError } from '../../../core/errors.js';
import type { FerryError } from '../../../core/errors.js';
import type { Order } from '../../../core/model.js';
import type { BatchResult, OrderResult } from '../port.js';
import type { WriteSignal } from '../limiter.js';
import type { Ops } from './context.js';
import { findOrCreateCustomer, findOrCreateCustomers } from './partnersBatch.js';
import { companyScope } from './companies.js';
import { channelRef, companyOf, orderVals, pricelistOf, productKeys } from './order-vals.js';

interface Existing {
  id: number;
  client_order_ref: string | false;
  origin: string | false;
  state: string;
  name: string;
  amount_total: number;
}

const FIELDS = ['client_order_ref', 'origin', 'state', 'name', 'amount_total'];

/** Ferry's reference of a found order: `client_order_ref`, or `origin` when a PO number took its place. */
function refOf(r: Existing, refs: ReadonlySet<string>): string | undefined {
  if (r.client_order_ref && refs.has(r.client_order_ref)) return r.client_order_ref;
  if (r.origin && refs.has(r.origin)) return r.origin;
  return undefined;
}

type Outcome = { id: number } | { error: FerryError };

async function findExisting(ops: Ops, refs: string[]): Promise<Map<string, Existing>> {
  const rows = await ops.conn.call<Existing[]>('sale.order', 'search_read', {
    domain: ['|', ['client_order_ref', 'in', refs], ['origin', 'in', refs]],
    fields: FIELDS,
    order: 'id asc',
  });
  const wanted = new Set(refs);
  const out = new Map<string, Existing>();
  for (const r of rows) {
    const ref = refOf(r, wanted);
    if (ref !== undefined && !out.has(ref)) out.set(ref, r);
  }
  return out;
}

function permanent(e: unknown): e is FerryError {
  return isFerryError(e) && !e.retryable;
}

/** What a failed call tells the write limit: Odoo's lock conflicts and timeouts mean too many writes. */
export function writeSignal(e: unknown): WriteSignal {
  if (!isFerryError(e)) return 'other';
  if (e.code === 'partner_conflict') return 'conflict';
  if (e.code === 'partner_timeout') return 'timeout';
  return 'other';
}

/** Tells the write limit about a transient failure that was then resolved by reading back. */
type Note = (signal: WriteSignal) => void;

/** One create for all; on a business error, halves; on a lost answer, reads back by reference. */
async function createMany(
  ops: Ops,
  items: { ref: string; vals: Record<string, unknown> }[],
  note: Note,
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  if (!items.length) return out;
  try {
    const ids = await ops.conn.call<number[]>(
      'sale.order',
      'create',
      { vals_list: items.map((i) => i.vals) },
      { timeoutMs: ops.conn.timeoutFor(items.length) },
    );
    items.forEach((it, k) => out.set(it.ref, { id: ids[k] as number }));
    return out;
  } catch (e) {
    if (!permanent(e)) {
      note(writeSignal(e));
      const found = await findExisting(
        ops,
        items.map((i) => i.ref),
      );
      if (!found.size) throw e; // nothing committed: the whole batch is retried later
      for (const [ref, row] of found) out.set(ref, { id: row.id });
      const rest = items.filter((i) => !found.has(i.ref));
      for (const [ref, o] of await createMany(ops, rest, note)) out.set(ref, o);
      return out;
    }
    if (items.length === 1) return out.set(items[0]?.ref ?? '', { error: e });
    const mid = Math.ceil(items.length / 2);
    for (const half of [items.slice(0, mid), items.slice(mid)]) {
      for (const [ref, o] of await createMany(ops, half, note)) out.set(ref, o);
    }
    return out;
  }
}

async function states(ops: Ops, ids: number[]): Promise<Map<number, Existing>> {
  const rows = await ops.conn.call<Existing[]>('sale.order', 'read', {
    ids,
    fields: FIELDS,
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * One action_confirm for all. A refusal of a single order is re-checked: concurrent confirms make
 * Odoo 17/18 answer a misleading ValidationError although the order got confirmed (ODOO.md §3).
 */
async function confirmMany(ops: Ops, ids: number[], note: Note): Promise<Map<number, FerryError | true>> {
  const out = new Map<number, FerryError | true>();
  if (!ids.length) return out;
  try {
    await ops.conn.call(
      'sale.order',
      'action_confirm',
      { ids },
      { timeoutMs: ops.conn.timeoutFor(ids.length) },
    );
    for (const id of ids) out.set(id, true);
    return out;
  } catch (e) {
    if (permanent(e) && ids.length > 1) {
      const mid = Math.ceil(ids.length / 2);
      for (const half of [ids.slice(0, mid), ids.slice(mid)])
        for (const [k, v] of await confirmMany(ops, half, note)) out.set(k, v);
      return out;
    }
    if (!permanent(e)) note(writeSignal(e));
    const now = await states(ops, ids);
    const pending = ids.filter((id) => now.get(id)?.state !== 'sale' && now.get(id)?.state !== 'done');
    if (pending.length && !permanent(e)) throw e;
    for (const id of ids) out.set(id, pending.includes(id) ? toFerryError(e) : true);
    return out;
  }
}

async function prepare(ops: Ops, all: readonly Order[], failed: BatchResult['failed']) {
  const names = await ops.names();
  const currencies = await ops.companyCurrencies([...new Set(all.map((o) => companyOf(ops, o)))]);
  // Before any customer is found or made: an order no pricelist of its company serves is refused.
  const orders = all.filter((order) => {
    try {
      pricelistOf(companyScope(ops.cfg, companyOf(ops, order)), order, currencies);
      return true;
    } catch (e) {
      failed.push({ channelRef: channelRef(order), error: toFerryError(e) });
      return false;
    }
  });
  // Each company's products for its own orders (a SKU may name a product in each company).
  const byCompany = new Map<number, Order[]>();
  for (const o of orders) byCompany.set(companyOf(ops, o), [...(byCompany.get(companyOf(ops, o)) ?? []), o]);
  const productsOf = new Map<number, Map<string, number> | undefined>();
  for (const [company, group] of byCompany)
    productsOf.set(
      company,
      await ops.products.resolve(group.flatMap(productKeys), company).catch(() => undefined),
    );
  // Customers for the whole batch in a few calls; if that fails, each order alone isolates the bad one.
  const customers =
    orders.length > 1
      ? await findOrCreateCustomers(
          ops,
          orders.map((o) => ({ party: o.customer, channel: o.channel, entity: o.entity })),
        ).catch((e: unknown) => {
          if (isFerryError(e) && e.retryable) throw e;
          return undefined;
        })
      : undefined;
  const items: { ref: string; vals: Record<string, unknown> }[] = [];
  for (const [i, order] of orders.entries()) {
    try {
      const known = customers?.[i];
      if (isFerryError(known)) throw known;
      const customer =
        known ?? (await findOrCreateCustomer(ops, order.customer, order.channel, order.entity));
      const company = companyOf(ops, order);
      const resolved = productsOf.get(company) ?? (await ops.products.resolve(productKeys(order), company));
      items.push({
        ref: channelRef(order),
        vals: orderVals(ops, order, customer, resolved, names.saleLineTaxes, currencies),
      });
    } catch (e) {
      if (isFerryError(e) && e.retryable) throw e;
      failed.push({ channelRef: channelRef(order), error: toFerryError(e) });
    }
  }
  return items;
}

/**
 * Creates and confirms in batches of the write limit's current size, each batch when the limit
 * lets it in, its confirm when no other confirm runs (a batch creates while another confirms);
 * drafts left by an earlier attempt are confirmed with the first batch.
 */
async function writeBatches(
  ops: Ops,
  fresh: { ref: string; vals: Record<string, unknown> }[],
  drafts: number[],
): Promise<{ created: Map<string, Outcome>; confirmed: Map<number, FerryError | true> }> {
  const created = new Map<string, Outcome>();
  const confirmed = new Map<number, FerryError | true>();
  let rest = fresh;
  let pending = drafts;
  while (rest.length || pending.length) {
    const part = rest.slice(0, Math.max(1, ops.writes.batchSize - pending.length));
    rest = rest.slice(part.length);
    const toConfirm = pending;
    pending = [];
    await ops.writes.run(
      part.length + toConfirm.length,
      async (note) => {
        const made = await createMany(ops, part, note);
        const ids = [...toConfirm];
        for (const [ref, o] of made) {
          created.set(ref, o);
          if (!('error' in o)) ids.push(o.id);
        }
        const done = await ops.confirms.run(() => confirmMany(ops, ids, note));
        for (const [id, c] of done) confirmed.set(id, c);
      },
      writeSignal,
    );
  }
  return { created, confirmed };
}

export async function createAndConfirmOrders(
  ops: Ops,
  orders: readonly Order[],
  readBack = true,
): Promise<BatchResult> {
  const refs = orders.map(channelRef);
  return ops.mutex.run(
    refs.map((r) => `sale.order:${r}`),
    async () => {
      const failed: BatchResult['failed'] = [];
      const items = await prepare(ops, orders, failed);
      if (!items.length) return { ok: [], failed };
      const existing = await findExisting(
        ops,
        items.map((i) => i.ref),
      );
      const drafts = [...existing.values()].filter((r) => r.state === 'draft' || r.state === 'sent');
      const { created, confirmed } = await writeBatches(
        ops,
        items.filter((i) => !existing.has(i.ref)),
        drafts.map((r) => r.id),
      );
      const idOf = new Map<string, { id: number; created: boolean }>();
      for (const [ref, row] of existing) idOf.set(ref, { id: row.id, created: false });
      for (const [ref, o] of created) {
        if ('error' in o) failed.push({ channelRef: ref, error: o.error });
        else idOf.set(ref, { id: o.id, created: true });
      }
      const final = readBack
        ? await states(
            ops,
            [...idOf.values()].map((v) => v.id),
          )
        : undefined;
      const ok: OrderResult[] = [];
      for (const [ref, v] of idOf) {
        const c = confirmed.get(v.id);
        if (c !== undefined && c !== true) {
          failed.push({ channelRef: ref, error: c });
          continue;
        }
        const row = final?.get(v.id) ?? existing.get(ref);
        const state = final?.get(v.id)?.state ?? (c === true ? 'sale' : (row?.state ?? 'sale'));
        ok.push({
          channelRef: ref,
          odooId: v.id,
          created: v.created,
          state,
          ...(row?.name ? { name: row.name } : {}),
          ...(row && typeof row.amount_total === 'number' ? { amountTotal: row.amount_total } : {}),
        });
      }
      return { ok, failed };
    },
  );
}

/** One order: the batch path without the read back (3 round trips when caches are warm). */
export async function createAndConfirmOrder(ops: Ops, order: Order): Promise<OrderResult> {
  const r = await createAndConfirmOrders(ops, [order], false);
  const bad = r.failed[0];
  if (bad) throw bad.error;
  return r.ok[0] as OrderResult;
}

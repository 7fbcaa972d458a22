import type { Kysely, Selectable } from 'kysely';
import type { DB, WarehouseReleasesTable } from '../schema.js';

/** Release states: pending (recorded, not yet sent), sent, acknowledged, cancelled. */
export interface ReleaseRow {
  id: number;
  orderRef: string;
  warehouse: string;
  state: string;
  request: unknown;
  externalRef: string | null;
  ackDueAt: number | null;
  ackedAt: number | null;
  alertedAt: number | null;
  /** Trace context of the job that sent it, for the shipment's sync to continue; null before it was sent. */
  trace: string | null;
  createdAt: number;
  updatedAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toRelease(r: Selectable<WarehouseReleasesTable>): ReleaseRow {
  return {
    id: Number(r.id),
    orderRef: r.order_ref,
    warehouse: r.warehouse,
    state: r.state,
    request: JSON.parse(r.request) as unknown,
    externalRef: r.external_ref,
    ackDueAt: num(r.ack_due_at),
    ackedAt: num(r.acked_at),
    alertedAt: num(r.alerted_at),
    trace: r.trace,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** Records a release as pending; an existing one (a retry) is kept as it is. */
export async function insertRelease(
  db: Kysely<DB>,
  r: { orderRef: string; warehouse: string; request: unknown; now: number },
): Promise<void> {
  await db
    .insertInto('warehouse_releases')
    .values({
      order_ref: r.orderRef,
      warehouse: r.warehouse,
      state: 'pending',
      request: JSON.stringify(r.request),
      created_at: r.now,
      updated_at: r.now,
    })
    .onConflict((oc) => oc.columns(['order_ref', 'warehouse']).doNothing())
    .execute();
}

export async function listReleases(db: Kysely<DB>, orderRef: string): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('order_ref', '=', orderRef)
    .orderBy('id')
    .execute();
  return rows.map(toRelease);
}

/** Updates one release; only the given fields change. */
export async function updateRelease(
  db: Kysely<DB>,
  id: number,
  patch: {
    state?: string;
    externalRef?: string;
    ackDueAt?: number | null;
    ackedAt?: number;
    alertedAt?: number;
    trace?: string | null;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('warehouse_releases')
    .set({
      updated_at: patch.now,
      ...(patch.state === undefined ? {} : { state: patch.state }),
      ...(patch.externalRef === undefined ? {} : { external_ref: patch.externalRef }),
      ...(patch.ackDueAt === undefined ? {} : { ack_due_at: patch.ackDueAt }),
      ...(patch.ackedAt === undefined ? {} : { acked_at: patch.ackedAt }),
      ...(patch.alertedAt === undefined ? {} : { alerted_at: patch.alertedAt }),
      ...(patch.trace === undefined ? {} : { trace: patch.trace }),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks sent releases of a warehouse acknowledged by their external reference (ISA13, WMS id). */
export async function acknowledgeReleases(
  db: Kysely<DB>,
  warehouse: string,
  externalRefs: string[],
  now: number,
): Promise<number> {
  if (externalRefs.length === 0) return 0;
  const r = await db
    .updateTable('warehouse_releases')
    .set({ state: 'acknowledged', acked_at: now, updated_at: now })
    .where('warehouse', '=', warehouse)
    .where('state', '=', 'sent')
    .where('external_ref', 'in', externalRefs)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Sent releases past their acknowledgement deadline that have not been alerted yet. Only `sent`:
 * an acknowledged one needs no chasing, nor does a cancelled one (its order is cancelled).
 */
export async function overdueReleases(db: Kysely<DB>, now: number): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('state', '=', 'sent')
    .where('alerted_at', 'is', null)
    .where('ack_due_at', 'is not', null)
    .where('ack_due_at', '<=', now)
    .execute();
  return rows.map(toRelease);
}

/** Releases of a warehouse by external reference (to tell a 940 group from a cancel group). */
export async function releasesByExternalRefs(
  db: Kysely<DB>,
  warehouse: string,
  externalRefs: string[],
): Promise<ReleaseRow[]> {
  if (externalRefs.length === 0) return [];
  const rows = await db
    .selectFrom('warehouse_releases')
    .selectAll()
    .where('warehouse', '=', warehouse)
    .where('external_ref', 'in', externalRefs)
    .execute();
  return rows.map(toRelease);
}

/** The trace context each of `orderRefs` was released to `warehouse` in, for the orders that have one. */
export async function releaseTraces(
  db: Kysely<DB>,
  warehouse: string,
  orderRefs: string[],
): Promise<Map<string, string>> {
  if (orderRefs.length === 0) return new Map();
  const rows = await db
    .selectFrom('warehouse_releases')
    .select(['order_ref', 'trace'])
    .where('warehouse', '=', warehouse)
    .where('order_ref', 'in', orderRefs)
    .where('trace', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.order_ref, r.trace!]));
}

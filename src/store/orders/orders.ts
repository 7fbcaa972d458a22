import type { Kysely, Selectable } from 'kysely';
import type { DB, OrdersTable } from '../schema.js';
import { EventType } from '../../core/events/index.js';
import { publishOrderEvent } from '../events/publishOrderEvent.js';

export interface OrderRow {
  id: number;
  ref: string;
  channel: string;
  channelOrderId: string;
  state: string;
  channelUpdatedAt: string;
  canonical: unknown;
  odooId: number | null;
  odooName: string | null;
  mappingVersion: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface OrderEvent {
  id: number;
  at: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  source: string | null;
  detail: unknown;
}

function toOrder(r: Selectable<OrdersTable>): OrderRow {
  return {
    id: Number(r.id),
    ref: r.ref,
    channel: r.channel,
    channelOrderId: r.channel_order_id,
    state: r.state,
    channelUpdatedAt: r.channel_updated_at,
    canonical: JSON.parse(r.canonical) as unknown,
    odooId: r.odoo_id === null ? null : Number(r.odoo_id),
    odooName: r.odoo_name,
    mappingVersion: r.mapping_version === null ? null : Number(r.mapping_version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function getOrderByChannel(
  db: Kysely<DB>,
  channel: string,
  channelOrderId: string,
): Promise<OrderRow | null> {
  const r = await db
    .selectFrom('orders')
    .selectAll()
    .where('channel', '=', channel)
    .where('channel_order_id', '=', channelOrderId)
    .executeTakeFirst();
  return r ? toOrder(r) : null;
}

export async function getOrderByRef(db: Kysely<DB>, ref: string): Promise<OrderRow | null> {
  const r = await db.selectFrom('orders').selectAll().where('ref', '=', ref).executeTakeFirst();
  return r ? toOrder(r) : null;
}

export async function getOrder(db: Kysely<DB>, id: number): Promise<OrderRow | null> {
  const r = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toOrder(r) : null;
}

/** Orders that any system's id points to: `shopify:order:55`, `odoo:sale.order:S00042`, a tracking number ... */
export async function findOrdersByRef(db: Kysely<DB>, refKey: string): Promise<OrderRow[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll('orders')
    .where((eb) =>
      eb.or([
        eb('ref', '=', refKey),
        eb('id', 'in', eb.selectFrom('order_refs').select('order_id').where('ref_key', '=', refKey)),
      ]),
    )
    .execute();
  return rows.map(toOrder);
}

export async function insertOrder(
  db: Kysely<DB>,
  o: {
    ref: string;
    channel: string;
    channelOrderId: string;
    state: string;
    channelUpdatedAt: string;
    canonical: unknown;
    now: number;
  },
): Promise<number> {
  const r = await db
    .insertInto('orders')
    .values({
      ref: o.ref,
      channel: o.channel,
      channel_order_id: o.channelOrderId,
      state: o.state,
      channel_updated_at: o.channelUpdatedAt,
      canonical: JSON.stringify(o.canonical),
      created_at: o.now,
      updated_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishOrderEvent(db, Number(r.id), EventType.orderReceived, o.now);
  return Number(r.id);
}

/** Updates an order's data; its state changes only through `transitionOrder`. */
export async function updateOrder(
  db: Kysely<DB>,
  id: number,
  patch: {
    channelUpdatedAt?: string;
    canonical?: unknown;
    odooId?: number;
    odooName?: string;
    mappingVersion?: number;
    now: number;
  },
): Promise<void> {
  await db
    .updateTable('orders')
    .set({
      updated_at: patch.now,
      ...(patch.channelUpdatedAt === undefined ? {} : { channel_updated_at: patch.channelUpdatedAt }),
      ...(patch.canonical === undefined ? {} : { canonical: JSON.stringify(patch.canonical) }),
      ...(patch.odooId === undefined ? {} : { odoo_id: patch.odooId }),
      ...(patch.odooName === undefined ? {} : { odoo_name: patch.odooName }),
      ...(patch.mappingVersion === undefined ? {} : { mapping_version: patch.mappingVersion }),
    })
    .where('id', '=', id)
    .execute();
}

/** Records cross-references (idempotent). */
export async function addOrderRefs(db: Kysely<DB>, orderId: number, refKeys: string[]): Promise<void> {
  if (refKeys.length === 0) return;
  await db
    .insertInto('order_refs')
    .values(refKeys.map((k) => ({ ref_key: k, order_id: orderId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function appendOrderEvent(
  db: Kysely<DB>,
  e: {
    orderId: number;
    at: number;
    type: string;
    fromState?: string | null;
    toState?: string | null;
    source?: string | null;
    detail?: unknown;
  },
): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: e.orderId,
      at: e.at,
      type: e.type,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      source: e.source ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })
    .execute();
}

export async function listOrderEvents(db: Kysely<DB>, orderId: number): Promise<OrderEvent[]> {
  const rows = await db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: Number(r.at),
    type: r.type,
    fromState: r.from_state,
    toState: r.to_state,
    source: r.source,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
  }));
}

export async function countOrdersByState(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** When the oldest order Ferry holds was stored (ms), or null when it holds none. */
export async function oldestOrderCreatedAt(db: Kysely<DB>): Promise<number | null> {
  const r = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.min<number>('created_at').as('at'))
    .executeTakeFirst();
  return r?.at === null || r?.at === undefined ? null : Number(r.at);
}

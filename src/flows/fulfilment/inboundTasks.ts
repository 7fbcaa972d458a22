import type { InventoryPosition } from '../../core/model.js';
/**
 * Inbound warehouse messages: `warehouse.collect` moves waiting files or polled events into the
 * inbox; `warehouse.inbound` turns one stored message into follow-up jobs (a shipment sync per
 * shipment, keyed by the warehouse's shipment id so a duplicate never runs twice) and records
 * inventory, receipts and acknowledgements; `warehouse.problem` parks what was wrong with it.
 * A shipment's or cancellation's job continues its order's trace (the release's), linked to the
 * delivery that brought it.
 */
import { z } from 'zod';
import { FerryError, Impact, IMPACTS, ErrorCodes, type ErrorCode } from '../../core/errors.js';
import { defineTask, type AnyTask, type JobContext } from '../../engine/index.js';
import type { NewJob } from '../../store/index.js';
import type { ReleaseRow } from '../../store/warehouse/index.js';
import { ackLateJob, mayBeAlerted } from './ackAlerts.js';
import { orderingKey } from '../order-intake/index.js';
import { SHIPMENTS_LANE } from './deps.js';
import { withFerrySkus } from './itemMapping.js';
import { INBOUND_TASK, type WarehouseEvent, type WarehousePort } from './port.js';

export const COLLECT_TASK = 'warehouse.collect';
export const PROBLEM_TASK = 'warehouse.problem';
export const SHIPMENT_TASK = 'shipment.apply';
export const WAREHOUSE_CANCEL_TASK = 'shipment.warehouse-cancelled';

/** The processing job of a stored inbound message. */
export function inboundJob(warehouse: string, inboxId: number): NewJob {
  return {
    lane: SHIPMENTS_LANE,
    task: INBOUND_TASK,
    payload: { warehouse, inboxId },
    partner: `wms:${warehouse}`,
  };
}

/** A job that parks `error` in the exception queue (it fails on purpose, never retried). */
export function problemJob(warehouse: string, key: string, error: FerryError): NewJob {
  return {
    lane: SHIPMENTS_LANE,
    task: PROBLEM_TASK,
    payload: { warehouse, error: error.toJSON() },
    idempotencyKey: `problem:${warehouse}:${key}`,
    partner: `wms:${warehouse}`,
  };
}

function portOf(ports: ReadonlyMap<string, WarehousePort>, id: string): WarehousePort {
  const port = ports.get(id);
  if (!port)
    throw new FerryError('config_invalid', `warehouse "${id}" is not configured`, {
      entities: { warehouse: id },
    });
  return port;
}

/** `warehouse.collect {warehouse}`: one poll of the warehouse's files or event list. */
export function collectTask(ports: ReadonlyMap<string, WarehousePort>): AnyTask {
  return defineTask({
    name: COLLECT_TASK,
    lane: SHIPMENTS_LANE,
    payload: z.object({ warehouse: z.string() }),
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      await portOf(ports, ctx.payload.warehouse).collect();
    },
  });
}

const InboundPayload = z.object({ warehouse: z.string(), inboxId: z.number().int() });
type InboundCtx = JobContext<z.infer<typeof InboundPayload>>;

/** The order's trace to continue, by order ref: the one its release to this warehouse was sent in. */
type OrderTraces = ReadonlyMap<string, string>;

function orderTraces(ctx: InboundCtx, events: readonly WarehouseEvent[]): Promise<OrderTraces> {
  const refs = events.flatMap((e) =>
    e.kind === 'shipment' ? [e.notice.shipment.orderRef] : e.kind === 'cancelled' ? [e.orderRef] : [],
  );
  return ctx.store.releases.releaseTraces(ctx.payload.warehouse, [...new Set(refs)]);
}

function follow(
  ctx: InboundCtx,
  e: WarehouseEvent,
  i: number,
  traces: OrderTraces,
  named: readonly ReleaseRow[],
): void {
  const { warehouse, inboxId } = ctx.payload;
  const at = ctx.clock.now();
  const traceOf = (ref: string) => {
    const trace = traces.get(ref);
    return trace ? { trace } : {};
  };
  switch (e.kind) {
    case 'shipment': {
      const s = e.notice.shipment;
      ctx.enqueue({
        lane: SHIPMENTS_LANE,
        task: SHIPMENT_TASK,
        payload: { warehouse, notice: e.notice },
        orderingKey: orderingKey(s.orderRef),
        idempotencyKey: `shipment:${warehouse}:${s.shipmentId}`,
        ...traceOf(s.orderRef),
      });
      return;
    }
    case 'cancelled':
      // After the shipment job of the same 945 (same ordering key, enqueued first). One reported
      // by a shipment is keyed by it: a later 945 may cancel what an earlier one left to follow.
      ctx.enqueue({
        lane: SHIPMENTS_LANE,
        task: WAREHOUSE_CANCEL_TASK,
        payload: {
          warehouse,
          orderRef: e.orderRef,
          reason: e.reason ?? null,
          ...(e.shipmentId === undefined ? {} : { shipmentId: e.shipmentId }),
          ...(e.skus === undefined ? {} : { skus: [...e.skus] }),
        },
        orderingKey: orderingKey(e.orderRef),
        idempotencyKey: `warehouse-cancel:${warehouse}:${e.orderRef}${e.shipmentId === undefined ? '' : `:${e.shipmentId}`}`,
        ...traceOf(e.orderRef),
      });
      return;
    case 'inventory':
      ctx.write(async (tx) => {
        await tx.warehouseEvents.recordWarehouseEvent({
          warehouse,
          kind: 'inventory',
          key: e.key,
          payload: e.positions,
          at,
        });
      });
      return;
    case 'receipt':
      ctx.write(async (tx) => {
        const key = `${warehouse}:receipt:${e.receipt.receiptId}`;
        await tx.warehouseEvents.recordWarehouseEvent({
          warehouse,
          kind: 'receipt',
          key,
          payload: e.receipt,
          at,
        });
      });
      return;
    case 'acknowledged':
      ctx.write(async (tx) => {
        await tx.releases.acknowledgeReleases(warehouse, [...e.externalRefs], at);
      });
      // Commits with the acknowledgement: closes a deadline exception, even one recorded later.
      for (const r of named)
        if (r.externalRef !== null && e.externalRefs.includes(r.externalRef) && mayBeAlerted(r))
          ctx.enqueue(ackLateJob(r));
      return;
    case 'problem':
      ctx.enqueue(problemJob(warehouse, `inbox:${inboxId}:${i}`, e.error));
      return;
  }
}

/** `warehouse.inbound {warehouse, inboxId}`: reads a stored message and fans out its events. */
/**
 * @param onPositions receives a warehouse's stock positions (846, inventory events) for the
 * inventory-publish flow; positions are stale-checked there, so a retried job applies them once.
 */
export function inboundTask(
  ports: ReadonlyMap<string, WarehousePort>,
  onPositions?: (positions: readonly InventoryPosition[]) => Promise<unknown>,
): AnyTask {
  return defineTask({
    name: INBOUND_TASK,
    lane: SHIPMENTS_LANE,
    payload: InboundPayload,
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      const msg = await ctx.store.inbox.getInbox(ctx.payload.inboxId);
      if (!msg) throw new FerryError('not_found', `inbox message ${ctx.payload.inboxId} does not exist`);
      const port = portOf(ports, ctx.payload.warehouse);
      const received = await port.receive({
        inboxId: msg.id,
        kind: msg.kind,
        body: msg.body,
        headers: msg.headers,
      });
      const events = await withFerrySkus(ctx.store, ctx.payload.warehouse, received);
      const traces = await orderTraces(ctx, events);
      const refs = events.flatMap((e) => (e.kind === 'acknowledged' ? [...e.externalRefs] : []));
      const named = await ctx.store.releases.releasesByExternalRefs(ctx.payload.warehouse, refs);
      events.forEach((e, i) => follow(ctx, e, i, traces, named));
      if (onPositions) for (const e of events) if (e.kind === 'inventory') await onPositions(e.positions);
      ctx.write(async (tx) => tx.inbox.markInbox(msg.id, 'processed', ctx.clock.now()));
    },
  });
}

const ProblemPayload = z.object({
  warehouse: z.string(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    impact: z.enum(IMPACTS).optional(),
    partner: z.string().optional(),
    entities: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    details: z.unknown().optional(),
  }),
});

/** `warehouse.problem`: raises the recorded problem so it lands in the exception queue with its impact. */
export const problemTask: AnyTask = defineTask({
  name: PROBLEM_TASK,
  lane: SHIPMENTS_LANE,
  payload: ProblemPayload,
  impact: Impact.blocksShipment,
  handle: (ctx) => {
    const e = ctx.payload.error;
    const code: ErrorCode = e.code in ErrorCodes ? (e.code as ErrorCode) : 'unclassified';
    return Promise.reject(
      new FerryError(code, e.message, {
        retryable: false,
        impact: e.impact ?? Impact.blocksShipment,
        partner: e.partner ?? `wms:${ctx.payload.warehouse}`,
        entities: e.entities ?? {},
        details: e.details,
      }),
    );
  },
});

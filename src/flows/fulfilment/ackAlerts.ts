/**
 * The exception for a release acknowledged too late, and its closing when the acknowledgement
 * comes after all. The deadline check (ackCheckTask) and an acknowledgement (a 997, a shipment)
 * run in separate jobs, so without care an acknowledgement landing between the check and the
 * moment the exception is recorded leaves an exception open for a release the warehouse has.
 *
 * Closed by ordering, not timing: both jobs below share one ordering key per release, so they run
 * one after the other in enqueue order. The check enqueues `ack-overdue` in the transaction that
 * sets the release's alertedAt; an acknowledgement enqueues `ack-late` in the transaction that
 * acknowledges it. Both transactions update that release row, so one commits before the other
 * gets past its update (PostgreSQL row lock; SQLite has one writer), and the jobs get ids in that
 * order. Then either `ack-overdue` runs first and `ack-late` closes the exception it recorded, or
 * `ack-late` runs first and `ack-overdue` finds the release acknowledged and raises nothing.
 */
import { z } from 'zod';
import { iso } from '../../core/clock.js';
import { FerryError, IMPACTS, Impact } from '../../core/errors.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import type { NewJob, StoreSession } from '../../store/index.js';
import type { ReleaseRow } from '../../store/warehouse/index.js';
import { SHIPMENTS_LANE } from './deps.js';

export const ACK_OVERDUE_TASK = 'warehouse.ack-overdue';
export const ACK_LATE_TASK = 'warehouse.ack-late';
/** Task of deadline exceptions raised before `ack-overdue` existed; closed the same way. */
const LEGACY_PROBLEM_TASK = 'warehouse.problem';

const releaseKey = (r: ReleaseRow) => `release-ack:${r.warehouse}:${r.id}`;

/** The job that raises `error` for release `r` unless the release is acknowledged by the time it runs. */
export function ackOverdueJob(r: ReleaseRow, error: FerryError): NewJob {
  return {
    lane: SHIPMENTS_LANE,
    task: ACK_OVERDUE_TASK,
    payload: { warehouse: r.warehouse, orderRef: r.orderRef, releaseId: r.id, error: error.toJSON() },
    orderingKey: releaseKey(r),
    idempotencyKey: `problem:${r.warehouse}:unacknowledged:${r.orderRef}`,
    partner: `wms:${r.warehouse}`,
  };
}

/**
 * Whether release `r`, as read before acknowledging it, can have (or get) a deadline exception:
 * it has a deadline, and is not acknowledged already (whoever did that enqueued `ack-late`).
 */
export function mayBeAlerted(r: ReleaseRow): boolean {
  return r.ackDueAt !== null && (r.state === 'sent' || r.alertedAt !== null);
}

/** The job that closes the deadline exception of release `r`, which was just acknowledged. */
export function ackLateJob(r: ReleaseRow): NewJob {
  return {
    lane: SHIPMENTS_LANE,
    task: ACK_LATE_TASK,
    payload: { warehouse: r.warehouse, orderRef: r.orderRef, releaseId: r.id },
    // No idempotency key: one enqueued by a transaction that did not acknowledge must not stand
    // in for the one that did.
    orderingKey: releaseKey(r),
    partner: `wms:${r.warehouse}`,
  };
}

const Ref = { warehouse: z.string(), orderRef: z.string(), releaseId: z.number().int() };

async function release(
  s: Pick<StoreSession, 'releases'>,
  p: { orderRef: string; releaseId: number },
): Promise<ReleaseRow | undefined> {
  return (await s.releases.listReleases(p.orderRef)).find((r) => r.id === p.releaseId);
}

/** `warehouse.ack-overdue {warehouse, orderRef, releaseId, error}`. */
export const ackOverdueTask: AnyTask = defineTask({
  name: ACK_OVERDUE_TASK,
  lane: SHIPMENTS_LANE,
  payload: z.object({
    ...Ref,
    error: z.object({
      code: z.literal('partner_timeout'),
      message: z.string(),
      impact: z.enum(IMPACTS).optional(),
      partner: z.string().optional(),
      entities: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  }),
  impact: Impact.blocksShipment,
  handle: async (ctx) => {
    const r = await release(ctx.store, ctx.payload);
    // Acknowledged (or cancelled) since the deadline check: nothing to chase.
    if (r?.state !== 'sent') return;
    const e = ctx.payload.error;
    throw new FerryError(e.code, e.message, {
      retryable: false,
      impact: e.impact ?? Impact.blocksShipment,
      partner: e.partner ?? `wms:${ctx.payload.warehouse}`,
      entities: e.entities ?? {},
    });
  },
});

/**
 * `warehouse.ack-late {warehouse, orderRef, releaseId}`: closes the release's open deadline
 * exception (skipped, with when the acknowledgement came, in the audit trail) so nobody chases a
 * warehouse that has the order.
 */
export const ackLateTask: AnyTask = defineTask({
  name: ACK_LATE_TASK,
  lane: SHIPMENTS_LANE,
  payload: z.object(Ref),
  impact: Impact.info,
  handle: async (ctx) => {
    const { warehouse, orderRef } = ctx.payload;
    const r = await release(ctx.store, ctx.payload);
    if (!r || r.alertedAt === null || r.ackedAt === null) return;
    const open = (
      await ctx.store.exceptions.listExceptions({ status: 'open', code: 'partner_timeout' })
    ).filter(
      (x) =>
        (x.task === ACK_OVERDUE_TASK || x.task === LEGACY_PROBLEM_TASK) &&
        x.entities.orderRef === orderRef &&
        x.entities.warehouse === warehouse,
    );
    if (open.length === 0) return;
    const reason = `warehouse ${warehouse} acknowledged ${r.externalRef ?? orderRef} late, at ${iso(r.ackedAt)}`;
    const now = ctx.clock.now();
    ctx.write(async (tx) => {
      for (const x of open) {
        if (!(await tx.exceptions.skipException(x.id, { actor: 'ferry', reason, now }))) continue;
        await tx.audit.appendAudit({
          at: now,
          actor: 'ferry',
          action: 'exception.skip',
          targetKind: 'exception',
          targetId: String(x.id),
          after: { reason },
        });
      }
    });
  },
});

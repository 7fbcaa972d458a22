/**
 * A person holds an order before release, or releases it (`ferry orders hold|release`,
 * `POST /api/orders/:id/hold|release`). Each is audited with the holds before and after, and shows
 * on the order's timeline; releasing the last hold asks the warehouse release again.
 */
import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import { withAudit } from '../../../ops/audit/index.js';
import type { Store, StoreSession } from '../../../store/index.js';
import type { OrderRow } from '../../../store/orders/index.js';
import {
  activeHolds,
  addHold,
  releaseAgainJob,
  releaseHolds,
  type Hold,
} from '../../../flows/order-intake/index.js';

export interface HoldResult {
  order: string;
  holds: Hold[];
  /** A warehouse release was asked for (the last hold ended). */
  releaseQueued: boolean;
}

/** Lanes' default attempts; the release job's lane applies its own when it runs. */
const MAX_ATTEMPTS = 10;

export class OrderHoldService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Finds the order by Ferry id or any system's reference (`shop-eu-1001`, `S00042`, ...). */
  async find(idOrRef: string): Promise<OrderRow> {
    const byId = /^\d+$/.test(idOrRef) ? await this.store.orders.getOrder(Number(idOrRef)) : null;
    const rows = byId ? [byId] : await this.store.orders.findOrdersByRef(idOrRef);
    if (rows.length === 0) throw new FerryError('not_found', `no order is known by "${idOrRef}"`);
    if (rows.length > 1)
      throw new FerryError('conflict', `"${idOrRef}" names ${rows.length} orders; use Ferry's order id`);
    return rows[0]!;
  }

  async hold(idOrRef: string, reason: string, actor: string): Promise<HoldResult> {
    const row = await this.find(idOrRef);
    if (
      row.state === 'cancelled' ||
      ['released', 'picked', 'packed'].includes(row.state) ||
      row.state.startsWith('shipped')
    )
      throw new FerryError(
        'conflict',
        `order ${row.ref} is ${row.state}; a hold stops only what is not yet released`,
      );
    const now = this.clock.now();
    const res = await withAudit(
      this.store,
      { actor, action: 'order.hold', targetKind: 'order', targetId: row.ref },
      now,
      async (tx) => {
        const before = await activeHolds(tx, row.id);
        await addHold(tx, row.id, { kind: 'manual', reason, by: actor }, now);
        const after = await activeHolds(tx, row.id);
        return { before, after, result: { order: row.ref, holds: after, releaseQueued: false } };
      },
    );
    return res!;
  }

  async release(idOrRef: string, reason: string, actor: string): Promise<HoldResult> {
    const row = await this.find(idOrRef);
    const now = this.clock.now();
    const res = await withAudit(
      this.store,
      { actor, action: 'order.release', targetKind: 'order', targetId: row.ref },
      now,
      async (tx) => {
        const before = await activeHolds(tx, row.id);
        if (before.length === 0) return null;
        await releaseHolds(tx, row.id, { reason, by: actor }, now);
        const queued = row.state === 'accepted' || row.state === 'reserved';
        if (queued) await this.enqueueRelease(tx, row.ref, now);
        return { before, after: [], result: { order: row.ref, holds: [], releaseQueued: queued } };
      },
    );
    return res ?? { order: row.ref, holds: [], releaseQueued: false };
  }

  private async enqueueRelease(tx: StoreSession, ref: string, now: number): Promise<void> {
    const job = releaseAgainJob(ref, now);
    await tx.jobs.enqueue(
      [
        {
          lane: job.lane,
          task: job.task,
          payloadJson: JSON.stringify(job.payload),
          priority: 0,
          runAt: now,
          maxAttempts: MAX_ATTEMPTS,
          orderingKey: job.orderingKey!,
          idempotencyKey: job.idempotencyKey!,
        },
      ],
      now,
    );
  }
}

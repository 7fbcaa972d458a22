/**
 * Unacknowledged releases and interchanges (issue 5: "a release the warehouse has not acknowledged
 * in time becomes an exception"; DESIGN.md §8 lists unacknowledged EDI interchanges among the
 * alerts that cannot stay silent). Each overdue item is raised once, as its own exception.
 */
import { FerryError, Impact } from '../../core/errors.js';
import { iso } from '../../core/clock.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import { SHIPMENTS_LANE } from './deps.js';
import { ackOverdueJob } from './ackAlerts.js';
import { problemJob } from './inboundTasks.js';

export const ACK_CHECK_TASK = 'warehouse.ack-check';

/** `warehouse.ack-check`: raises overdue releases and, for X12 partners, overdue groups that are not releases. */
export function ackCheckTask(partnerWarehouse: ReadonlyMap<string, string>): AnyTask {
  return defineTask({
    name: ACK_CHECK_TASK,
    lane: SHIPMENTS_LANE,
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      const now = ctx.clock.now();
      for (const r of await ctx.store.releases.overdueReleases(now)) {
        const error = new FerryError(
          'partner_timeout',
          `warehouse ${r.warehouse} has not acknowledged the release of order ${r.orderRef} (sent as ${r.externalRef ?? '?'}, due ${iso(r.ackDueAt ?? now)})`,
          {
            retryable: false,
            impact: Impact.blocksShipment,
            partner: `wms:${r.warehouse}`,
            entities: { orderRef: r.orderRef, warehouse: r.warehouse, externalRef: r.externalRef ?? '' },
          },
        );
        // The release row update orders this against an acknowledgement (ackAlerts.ts).
        ctx.write(async (tx) => tx.releases.updateRelease(r.id, { alertedAt: now, now }));
        ctx.enqueue(ackOverdueJob(r, error));
      }
      for (const g of await ctx.store.interchanges.overdueGroups(now)) {
        const warehouse = partnerWarehouse.get(g.partner) ?? g.partner;
        const releases = await ctx.store.releases.releasesByExternalRefs(warehouse, [g.interchangeControl]);
        // A release's own alert (above, or on an earlier run) already names this interchange.
        if (releases.length === 0) {
          const error = new FerryError(
            'partner_timeout',
            `no 997 from ${g.partner} for group ${g.functionalId} ${g.groupControl} of interchange ${g.interchangeControl} (due ${iso(g.ackDueAt ?? now)})`,
            {
              retryable: false,
              impact: Impact.blocksShipment,
              partner: `wms:${warehouse}`,
              entities: { isa13: g.interchangeControl, gs06: g.groupControl },
            },
          );
          ctx.enqueue(
            problemJob(warehouse, `unacknowledged:${g.interchangeControl}:${g.groupControl}`, error),
          );
        }
        ctx.write(async (tx) => tx.interchanges.markGroupAlerted(g, now));
      }
    },
  });
}

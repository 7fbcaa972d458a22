/**
 * Turns one inbound X12 interchange into warehouse events: 945 → shipment (and a cancellation
 * when it cancels lines), 846 → inventory,
 * 944 → receipt, 997 → acknowledgement of our 940s. A set that fails to map becomes a `problem`
 * event while its neighbours are still processed (issue 5: "nothing else lost").
 */
import { FerryError, Impact, toFerryError } from '../../core/errors.js';
import type { AckLedger, ParsedInterchange, ParsedSet, ShipmentConfirmation } from './index.js';
import {
  acceptedSets,
  adviceToPositions,
  adviceToReceipt,
  adviceToShipment,
  parse846,
  parse944,
  parse945,
  parse997,
} from './index.js';
import type { LineOutcome, ShipmentNotice, WarehouseEvent } from '../../core/warehouse.js';

/** What the mapper needs to know about the warehouse. */
export interface X12InboundContext {
  readonly warehouse: string;
  readonly partnerId: string;
  readonly ledger: AckLedger;
  /** 846 location code (N1*WH N104) → Ferry location; unknown codes fall back to `defaultLocation`. */
  readonly locations: Readonly<Record<string, string>>;
  readonly defaultLocation: string;
}

function outcome(o: ShipmentConfirmation['lines'][number]['outcome']): LineOutcome {
  if (o === 'complete') return 'complete';
  if (o === 'partial_backorder' || o === 'partial') return 'backorder';
  if (o === 'cancelled' || o === 'out_of_stock') return 'cancelled';
  return 'closed';
}

const CANCEL_WORDS = { cancelled: 'item canceled (IC)', out_of_stock: 'out of stock (DS)' } as const;

/**
 * The 3PL's W12 `IC`/`DS` lines as the same warehouse cancellation a JSON WMS sends, so one rule
 * (`cancelledRest`, or `warehouseCancel` when nothing shipped) settles both.
 */
export function cancellationOf(c: ShipmentConfirmation): WarehouseEvent[] {
  if (c.cancelled.length === 0) return [];
  const what = c.cancelled.map((l) => `${l.sku} ${CANCEL_WORDS[l.outcome]}`).join(', ');
  return [
    {
      kind: 'cancelled',
      orderRef: c.shipment.orderRef,
      reason: `945 ${c.shipment.shipmentId}: ${what}`,
      shipmentId: c.shipment.shipmentId,
      skus: [...new Set(c.cancelled.map((l) => l.sku))],
    },
  ];
}

/** Maps the connector's confirmation to the port's notice. */
export function toNotice(c: ShipmentConfirmation): ShipmentNotice {
  return {
    shipment: c.shipment,
    lines: c.lines.map((l) => ({
      sku: l.sku,
      ordered: l.ordered,
      shipped: l.shipped,
      outcome: l.shipped >= l.ordered ? 'complete' : outcome(l.outcome),
    })),
  };
}

async function ackEvents(set: ParsedSet, ctx: X12InboundContext): Promise<WarehouseEvent[]> {
  const ack = parse997(set);
  const match = await ctx.ledger.applyAck(ctx.partnerId, ack);
  if (!match) {
    return [
      problem(
        `997 for group ${ack.functionalId} ${ack.groupControlNumber} matches nothing sent to ${ctx.partnerId}`,
        Impact.info,
        { group: ack.groupControlNumber },
      ),
    ];
  }
  const out: WarehouseEvent[] = [];
  if (match.rejectedSets.length === 0) {
    out.push({ kind: 'acknowledged', externalRefs: [match.group.interchangeControl] });
  } else {
    const sets = match.rejectedSets.map((s) => `${s.id} ${s.controlNumber} (${s.codes.join(',')})`);
    out.push(
      problem(
        `${ctx.partnerId} rejected ${sets.join('; ')} of interchange ${match.group.interchangeControl}`,
        Impact.blocksShipment,
        {
          isa13: match.group.interchangeControl,
        },
      ),
    );
  }
  return out;
}

function problem(message: string, impact: Impact, entities: Record<string, string>): WarehouseEvent {
  return { kind: 'problem', error: new FerryError('payload_invalid', message, { impact, entities }) };
}

async function setEvents(
  ic: ParsedInterchange,
  set: ParsedSet,
  ctx: X12InboundContext,
): Promise<WarehouseEvent[]> {
  switch (set.id) {
    case '945': {
      const c = adviceToShipment(parse945(set), ctx.warehouse);
      return [{ kind: 'shipment', notice: toNotice(c) }, ...cancellationOf(c)];
    }
    case '846': {
      const positions = adviceToPositions(parse846(set), {
        source: `wms:${ctx.warehouse}`,
        defaultLocation: ctx.defaultLocation,
        locations: ctx.locations,
      });
      return [
        {
          kind: 'inventory',
          key: `x12:${ctx.partnerId}:${ic.header.controlNumber}:${set.controlNumber}`,
          positions,
        },
      ];
    }
    case '944': {
      const r = adviceToReceipt(parse944(set), ctx.warehouse);
      const lines = r.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, damaged: l.exceptionQuantity }));
      return [{ kind: 'receipt', receipt: { ...r, lines } }];
    }
    case '997':
      return ackEvents(set, ctx);
    default:
      return [
        problem(
          `set ${set.id} ${set.controlNumber} is not one Ferry takes from a warehouse`,
          Impact.info,
          {},
        ),
      ];
  }
}

/** Events of every accepted set, in file order; mapping failures become problems. */
export async function interchangeEvents(
  ic: ParsedInterchange,
  ctx: X12InboundContext,
): Promise<WarehouseEvent[]> {
  const out: WarehouseEvent[] = [];
  for (const { set } of acceptedSets(ic)) {
    try {
      out.push(...(await setEvents(ic, set, ctx)));
    } catch (e) {
      const error = toFerryError(e);
      out.push({
        kind: 'problem',
        error: new FerryError(
          error.code,
          `${set.id} ${set.controlNumber} of ${ic.header.controlNumber}: ${error.message}`,
          {
            impact: error.impact ?? Impact.blocksShipment,
            partner: ctx.partnerId,
            entities: { ...error.entities, isa13: ic.header.controlNumber, st02: set.controlNumber },
          },
        ),
      });
    }
  }
  return out;
}

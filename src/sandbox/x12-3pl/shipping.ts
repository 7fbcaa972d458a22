/** Turns a received 940 and a ship plan into a 945: complete, partial, or split into SSCC cartons. */
import type { AdviceLine, AdviceLoop, ShippingAdvice, WarehouseOrder } from '../../connectors/x12/index.js';
import { makeSscc } from '../../connectors/x12/index.js';

/** W1201 codes by which a 945 cancels the unshipped rest of a line. */
export type CancelCode = 'IC' | 'DS';

/** How to ship an order now. */
export interface ShipPlan {
  /** Units to ship per SKU this time (capped at what is still open); default everything open. */
  readonly quantities?: Readonly<Record<string, number>>;
  /** Split the shipped units over this many cartons, each with its own SSCC; default 1. */
  readonly cartons?: number;
  /**
   * W1201 for short lines: `BP` (backorder to follow) when true, else `CP` (short, no backorder),
   * or `DS` (out of stock) for a line nothing of which ships. Default true.
   */
  readonly backorder?: boolean;
  /**
   * Per SKU: the 3PL cancels what this shipment leaves open of the line, reported with this
   * W1201 (`IC` item canceled, `DS` out of stock; PROTOCOLS.md §3.8); nothing more of it ships.
   */
  readonly cancel?: Readonly<Record<string, CancelCode>>;
  readonly shipmentId?: string;
}

/** An order as the simulator tracks it. */
export interface SimOrder {
  readonly order: WarehouseOrder;
  status: 'open' | 'partially_shipped' | 'shipped' | 'cancelled';
  /** Units shipped so far, by LX line number. */
  readonly shipped: Map<number, number>;
  /** LX line numbers whose rest the 3PL cancelled (a 945 said `IC` or `DS`). */
  readonly cancelled: Set<number>;
  readonly shipments: string[];
}

/** GS1 company prefix of the simulated 3PL's labels (GS1's documentation example prefix). */
const COMPANY_PREFIX = '0614141';

function lineStatus(
  total: number,
  ordered: number,
  now: number,
  backorder: boolean,
  cancel: CancelCode | undefined,
): string {
  if (total >= ordered) return 'CC';
  if (cancel) return cancel;
  if (backorder) return 'BP';
  return now === 0 ? 'DS' : 'CP';
}

/** Spreads each line's units over `n` cartons; the last carton takes the remainder. */
function packCartons(lines: readonly AdviceLine[], n: number, nextSerial: () => number): AdviceLoop[] {
  const shipping = lines.filter((l) => l.shipped > 0);
  const cartons: AdviceLoop[] = [];
  for (let c = 0; c < n; c++) {
    const content = shipping.flatMap((l) => {
      const share = Math.floor(l.shipped / n) + (c === n - 1 ? l.shipped % n : 0);
      return share > 0 ? [{ ...l, shipped: share, difference: undefined }] : [];
    });
    if (content.length === 0) continue;
    const serial = nextSerial();
    cartons.push({
      sscc: makeSscc(0, COMPANY_PREFIX, serial),
      trackingNumber: `1ZSIM${String(serial).padStart(10, '0')}`,
      lines: content,
    });
  }
  const unshipped = lines.filter((l) => l.shipped === 0);
  return unshipped.length > 0 ? [...cartons, { lines: unshipped }] : cartons;
}

/** Builds the 945 data for `sim` under `plan` and records the shipped units on `sim`. */
export function planShipment(
  sim: SimOrder,
  plan: ShipPlan,
  shipDate: string,
  nextSerial: () => number,
): ShippingAdvice {
  const backorder = plan.backorder ?? true;
  const lines: AdviceLine[] = [];
  for (const l of sim.order.lines) {
    const before = sim.shipped.get(l.lineNumber) ?? 0;
    const open = l.quantity - before;
    if (open <= 0 || sim.cancelled.has(l.lineNumber)) continue;
    const now = Math.max(0, Math.min(open, plan.quantities?.[l.sku] ?? open));
    sim.shipped.set(l.lineNumber, before + now);
    const status = lineStatus(before + now, l.quantity, now, backorder, plan.cancel?.[l.sku]);
    if (status === 'IC' || status === 'DS') sim.cancelled.add(l.lineNumber);
    lines.push({
      status,
      ordered: l.quantity,
      shipped: now,
      difference: l.quantity - before - now,
      uom: l.uom,
      sku: l.sku,
      upc: l.upc,
      lineId: l.lineId ?? String(l.lineNumber),
    });
  }
  const shipmentId = plan.shipmentId ?? `SHP-${sim.order.orderRef}-${sim.shipments.length + 1}`;
  sim.shipments.push(shipmentId);
  const done = sim.order.lines.every(
    (l) => (sim.shipped.get(l.lineNumber) ?? 0) >= l.quantity || sim.cancelled.has(l.lineNumber),
  );
  sim.status = done ? 'shipped' : 'partially_shipped';
  const carrier = sim.order.carrier;
  return {
    reportingCode: 'F',
    orderRef: sim.order.orderRef,
    shipDate,
    shipmentId,
    poNumber: sim.order.poNumber,
    parties: sim.order.parties
      .filter((p) => p.role === 'ST')
      .map((p) => ({ role: p.role, name: p.name, idQualifier: p.idQualifier, id: p.id })),
    billOfLading: shipmentId,
    trackingNumbers: [],
    shippedDate: shipDate,
    carrier: carrier?.scac
      ? { mode: 'U', scac: carrier.scac, service: carrier.service, payment: carrier.payment }
      : undefined,
    loops: packCartons(lines, Math.max(1, plan.cartons ?? 1), nextSerial),
  };
}

/**
 * From X12 data to Ferry's canonical model. Flows see these results only, never segments
 * (STYLE.md: "A flow knows the canonical model and connector ports, never a partner's wire format").
 */
import { FerryError, Impact } from '../../../core/errors.js';
import type { InventoryPosition, Shipment } from '../../../core/model.js';
import { Shipment as ShipmentSchema } from '../../../core/model.js';
import { x12DateToIso } from './common.js';
import type { InventoryAdvice } from './w846.js';
import { QtyQualifier } from './w846.js';
import type { ReceiptAdvice } from './w944.js';
import type { AdviceLine, ShippingAdvice } from './w945.js';
import { ShipStatus } from './w945.js';

/** Line outcome in Ferry's words (from W1201). */
export const LineOutcome = {
  complete: 'complete',
  partialBackorder: 'partial_backorder',
  partialNoBackorder: 'partial_no_backorder',
  partial: 'partial',
  cancelled: 'cancelled',
  outOfStock: 'out_of_stock',
  substituted: 'substituted',
  other: 'other',
} as const;
export type LineOutcome = (typeof LineOutcome)[keyof typeof LineOutcome];

const OUTCOMES: Readonly<Record<string, LineOutcome>> = {
  [ShipStatus.complete]: LineOutcome.complete,
  [ShipStatus.partialBackorder]: LineOutcome.partialBackorder,
  [ShipStatus.partialNoBackorder]: LineOutcome.partialNoBackorder,
  [ShipStatus.partial]: LineOutcome.partial,
  [ShipStatus.itemCanceled]: LineOutcome.cancelled,
  [ShipStatus.outOfStock]: LineOutcome.outOfStock,
  [ShipStatus.substitution]: LineOutcome.substituted,
};

/** A shipment confirmation: the canonical Shipment plus per-line ordered vs shipped for backorder rules. */
export interface ShipmentConfirmation {
  readonly shipment: Shipment;
  readonly lines: readonly {
    readonly lineId?: string;
    readonly sku: string;
    readonly ordered: number;
    readonly shipped: number;
    readonly outcome: LineOutcome;
  }[];
  /** True when every line shipped what was ordered. */
  readonly complete: boolean;
  /**
   * Lines whose unshipped rest the 3PL cancelled: W1201 `IC` (item canceled) or `DS` (out of
   * stock) with W1203 below W1202 (PROTOCOLS.md §3.8). `unshipped` is W1202 − W1203 of this 945;
   * W1202 is the whole line's order, so for a line shipped in part by an earlier 945 it is more
   * than what was still open.
   */
  readonly cancelled: readonly {
    readonly lineId?: string;
    readonly sku: string;
    readonly unshipped: number;
    readonly outcome: typeof LineOutcome.cancelled | typeof LineOutcome.outOfStock;
  }[];
}

type ConfirmedLine = ShipmentConfirmation['lines'][number];
type CancelledLine = ShipmentConfirmation['cancelled'][number];

function isCancelling(l: ConfirmedLine): l is ConfirmedLine & { outcome: CancelledLine['outcome'] } {
  return (
    (l.outcome === LineOutcome.cancelled || l.outcome === LineOutcome.outOfStock) && l.shipped < l.ordered
  );
}

function invalid(message: string, advice: ShippingAdvice): FerryError {
  return new FerryError('payload_invalid', message, {
    impact: Impact.blocksShipment,
    entities: { orderRef: advice.orderRef },
  });
}

function sumBySku(lines: readonly AdviceLine[]): { sku: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.sku, (totals.get(l.sku) ?? 0) + l.shipped);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * One entry per order line: a line split over several cartons repeats its W12 (same N9*LI, W1202
 * ordered each time), so shipped units are summed and ordered is taken once.
 */
function mergeLines(all: readonly AdviceLine[]): ShipmentConfirmation['lines'] {
  const merged = new Map<
    string,
    { lineId?: string; sku: string; ordered: number; shipped: number; outcome: LineOutcome }
  >();
  for (const l of all) {
    const key = l.lineId ?? `sku:${l.sku}`;
    const seen = merged.get(key);
    const outcome = OUTCOMES[l.status] ?? LineOutcome.other;
    if (seen) seen.shipped += l.shipped;
    else merged.set(key, { lineId: l.lineId, sku: l.sku, ordered: l.ordered, shipped: l.shipped, outcome });
  }
  return [...merged.values()];
}

/**
 * Maps a 945 to a shipment confirmation. Shipped quantities come from W1203, never W1202
 * (PROTOCOLS.md §3.8); LX loops with an SSCC become packages; `warehouse` is the partner's.
 */
export function adviceToShipment(advice: ShippingAdvice, warehouse: string): ShipmentConfirmation {
  if (advice.orderRef === '') throw invalid('945 W0602 (depositor order number) is empty', advice);
  if (advice.shipmentId === '')
    throw invalid(`945 for ${advice.orderRef}: W0604 (shipment id) is empty`, advice);
  const all = advice.loops.flatMap((l) => l.lines);
  if (all.length === 0 || all.some((l) => l.sku === ''))
    throw invalid(`945 for ${advice.orderRef}: no W12 lines or a W12 without item id`, advice);
  const packages = advice.loops
    .filter((l) => l.sscc !== undefined)
    .map((l) => ({
      id: l.sscc as string,
      trackingNumber: l.trackingNumber,
      lines: sumBySku(l.lines).filter((x) => x.quantity > 0),
    }));
  const tracking = [
    ...new Set([...advice.trackingNumbers, ...packages.flatMap((p) => p.trackingNumber ?? [])]),
  ];
  const shipment = ShipmentSchema.parse({
    shipmentId: advice.shipmentId,
    orderRef: advice.orderRef,
    warehouse,
    lines: sumBySku(all),
    carrier: advice.carrier?.scac,
    trackingNumbers: tracking,
    packages,
    shippedAt: x12DateToIso(advice.shippedDate ?? advice.shipDate, advice.shippedTime),
  });
  const lines = mergeLines(all);
  const cancelled = lines.filter(isCancelling).map((l) => ({
    ...(l.lineId === undefined ? {} : { lineId: l.lineId }),
    sku: l.sku,
    unshipped: l.ordered - l.shipped,
    outcome: l.outcome,
  }));
  return { shipment, lines, complete: lines.every((l) => l.shipped >= l.ordered), cancelled };
}

/** Where an 846's location code maps in Ferry (N1*WH N104 → location id). */
export interface InventoryContext {
  /** `source` on each position, e.g. `wms:acme-3pl`. */
  readonly source: string;
  /** Location when the 846 names none. */
  readonly defaultLocation: string;
  readonly locations?: Readonly<Record<string, string>>;
}

/**
 * Maps an 846 snapshot to positions, one per item. QTY 33 is available, QTY 17 on hand; when only
 * one is sent the other equals it, and reserved is what on hand holds beyond available.
 */
export function adviceToPositions(advice: InventoryAdvice, ctx: InventoryContext): InventoryPosition[] {
  const wh = advice.parties.find((p) => p.role === 'WH' || p.role === 'SF');
  const code = wh?.id ?? '';
  const location = ctx.locations?.[code] ?? (code || ctx.defaultLocation);
  const asOf = x12DateToIso(advice.date, advice.time);
  return advice.items.map((item) => {
    const qty = (q: string) => item.quantities.find((x) => x.qualifier === q)?.quantity;
    const available = qty(QtyQualifier.available) ?? qty(QtyQualifier.onHand) ?? 0;
    const onHand = qty(QtyQualifier.onHand) ?? available;
    return {
      sku: item.sku,
      location,
      onHand,
      reserved: Math.max(0, onHand - available),
      available,
      asOf,
      source: ctx.source,
    };
  });
}

/** A goods receipt or customer return at the warehouse (not yet in the core model). */
export interface WarehouseReceipt {
  /** W1703: the warehouse's receipt number, the dedupe key. */
  readonly receiptId: string;
  readonly warehouse: string;
  /** True for W1701 `C` (customer return). */
  readonly isReturn: boolean;
  /** Our reference the receipt answers (943 / RMA), W1704. */
  readonly reference?: string;
  readonly receivedAt: string;
  readonly lines: readonly {
    readonly lineId?: string;
    readonly sku: string;
    readonly quantity: number;
    readonly lot?: string;
    /** Units received with an exception (damaged…) and the partner's condition codes. */
    readonly exceptionQuantity: number;
    readonly conditions: readonly string[];
  }[];
}

/** Maps a 944 to a receipt. */
export function adviceToReceipt(advice: ReceiptAdvice, warehouse: string): WarehouseReceipt {
  if (advice.receiptId === '')
    throw new FerryError('payload_invalid', '944 W1703 (warehouse receipt number) is empty');
  return {
    receiptId: advice.receiptId,
    warehouse,
    isReturn: advice.reportingCode === 'C',
    reference: advice.depositorOrderRef,
    receivedAt: x12DateToIso(advice.receivedDate ?? advice.date),
    lines: advice.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      lot: l.lot,
      exceptionQuantity: l.exceptions.reduce((sum, x) => sum + x.quantity, 0),
      conditions: l.exceptions.map((x) => x.condition),
    })),
  };
}

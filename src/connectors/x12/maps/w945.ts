/**
 * 945 Warehouse Shipping Advice (3PL → us, GS01 SW), PROTOCOLS.md §3.8: W06 header, N1 loops,
 * N9 refs (BM bill of lading, CN tracking), G62*11 ship date, W27 carrier, LX loops each with an
 * optional MAN*GM carton SSCC and W12 lines (+N9*LI), W03 totals.
 */
import type { Segment, TransactionSet } from '../edi/index.js';
import { element } from '../edi/index.js';
import { ssccFromManGm, ssccToManGm } from '../sscc.js';
import type { Party } from './common.js';
import { int, partySegments, qualifiedIds, readParties, required, seg } from './common.js';

/** W1201 line status codes used by Ferry (PROTOCOLS.md §3.8, element 368). */
export const ShipStatus = {
  complete: 'CC',
  partialNoBackorder: 'CP',
  partialBackorder: 'BP',
  itemCanceled: 'IC',
  outOfStock: 'DS',
  substitution: 'IS',
  partial: 'PR',
} as const;

/** One W12 line. */
export interface AdviceLine {
  readonly status: string;
  /** W1202 quantity ordered. */
  readonly ordered: number;
  /** W1203 units shipped: the reconciliation quantity (PROTOCOLS.md §3.8). */
  readonly shipped: number;
  /** W1204 difference as sent (sign convention is partner-specific, so not recomputed). */
  readonly difference?: number;
  readonly uom: string;
  readonly sku: string;
  readonly upc?: string;
  /** N9*LI: our 940 line id. */
  readonly lineId?: string;
}

/** One LX loop: a carton when it carries an SSCC, otherwise a plain line group. */
export interface AdviceLoop {
  readonly sscc?: string;
  /** Per-carton parcel tracking (MAN*CP), when the 3PL sends it. */
  readonly trackingNumber?: string;
  readonly lines: readonly AdviceLine[];
}

/** The 945 as data. */
export interface ShippingAdvice {
  /** W0601, `F` full detail. */
  readonly reportingCode: string;
  /** W0602: our order reference from the 940's W0502. */
  readonly orderRef: string;
  /** W0603 ship date CCYYMMDD. */
  readonly shipDate: string;
  /** W0604 shipment id (often the bill of lading). */
  readonly shipmentId: string;
  readonly poNumber?: string;
  readonly parties: readonly Party[];
  readonly billOfLading?: string;
  /** N9*CN carrier references (tracking / PRO numbers). */
  readonly trackingNumbers: readonly string[];
  /** G62*11 date and optional time. */
  readonly shippedDate?: string;
  readonly shippedTime?: string;
  /** W2701 mode, W2702 SCAC, W2703 routing/service, W2704 payment. */
  readonly carrier?: {
    readonly mode: string;
    readonly scac: string;
    readonly service?: string;
    readonly payment?: string;
  };
  readonly loops: readonly AdviceLoop[];
  /** W0302/W0303 total weight and unit. */
  readonly totals?: { readonly weight?: string; readonly weightUnit?: string };
}

/** Builds the 945 body. */
export function build945(a: ShippingAdvice): Segment[] {
  const out: Segment[] = [seg('W06', a.reportingCode, a.orderRef, a.shipDate, a.shipmentId, '', a.poNumber)];
  for (const p of a.parties) out.push(...partySegments(p));
  if (a.billOfLading) out.push(seg('N9', 'BM', a.billOfLading));
  for (const t of a.trackingNumbers) out.push(seg('N9', 'CN', t));
  if (a.shippedDate) out.push(seg('G62', '11', a.shippedDate, a.shippedTime ? '8' : '', a.shippedTime));
  if (a.carrier) out.push(seg('W27', a.carrier.mode, a.carrier.scac, a.carrier.service, a.carrier.payment));
  a.loops.forEach((loop, i) => {
    out.push(seg('LX', i + 1));
    if (loop.sscc) out.push(seg('MAN', 'GM', ssccToManGm(loop.sscc)));
    if (loop.trackingNumber) out.push(seg('MAN', 'CP', loop.trackingNumber));
    for (const l of loop.lines) {
      out.push(seg('W12', l.status, l.ordered, l.shipped, l.difference, l.uom, l.upc, 'VN', l.sku));
      if (l.lineId) out.push(seg('N9', 'LI', l.lineId));
    }
  });
  const units = a.loops.flatMap((l) => l.lines).reduce((sum, l) => sum + l.shipped, 0);
  out.push(seg('W03', units, a.totals?.weight, a.totals?.weightUnit));
  return out;
}

function readW12(s: Segment): AdviceLine {
  const ids = qualifiedIds(s, 7, 1);
  return {
    status: element(s, 1),
    ordered: int(s, 2, '945'),
    shipped: int(s, 3, '945'),
    difference: element(s, 4) === '' ? undefined : int(s, 4, '945'),
    uom: element(s, 5),
    upc: element(s, 6) || undefined,
    sku: ids.VN ?? ids.SK ?? ids.BP ?? '',
  };
}

/** Reads LX loops; MAN*GM values are checked as SSCC-18 (throws `payload_invalid` if not). */
function readLoops(body: readonly Segment[]): AdviceLoop[] {
  const loops: { sscc?: string; trackingNumber?: string; lines: AdviceLine[] }[] = [];
  for (const s of body) {
    if (s.id === 'LX') loops.push({ lines: [] });
    const loop = loops.at(-1);
    if (!loop) continue;
    if (s.id === 'MAN' && element(s, 1) === 'GM') loop.sscc = ssccFromManGm(element(s, 2));
    else if (s.id === 'MAN' && element(s, 1) === 'CP') loop.trackingNumber = element(s, 2);
    else if (s.id === 'W12') loop.lines.push(readW12(s));
    else if (s.id === 'N9' && element(s, 1) === 'LI' && loop.lines.length > 0) {
      const i = loop.lines.length - 1;
      loop.lines[i] = { ...(loop.lines[i] as AdviceLine), lineId: element(s, 2) };
    }
  }
  return loops;
}

/** Reads a 945 into data; header refs are only taken before the first LX (detail N9s are LI). */
export function parse945(set: TransactionSet): ShippingAdvice {
  const w06 = required(set.body, 'W06', '945');
  const firstLx = set.body.findIndex((s) => s.id === 'LX');
  const header = firstLx < 0 ? set.body : set.body.slice(0, firstLx);
  const n9 = (q: string) =>
    header.filter((s) => s.id === 'N9' && element(s, 1) === q).map((s) => element(s, 2));
  const g62 = header.find((s) => s.id === 'G62' && element(s, 1) === '11');
  const w27 = header.find((s) => s.id === 'W27');
  const w03 = set.body.find((s) => s.id === 'W03');
  return {
    reportingCode: element(w06, 1),
    orderRef: element(w06, 2),
    shipDate: element(w06, 3),
    shipmentId: element(w06, 4),
    poNumber: element(w06, 6) || undefined,
    parties: readParties(header),
    billOfLading: n9('BM')[0],
    trackingNumbers: n9('CN'),
    shippedDate: g62 ? element(g62, 2) : undefined,
    shippedTime: g62 ? element(g62, 4) || undefined : undefined,
    carrier: w27
      ? {
          mode: element(w27, 1),
          scac: element(w27, 2),
          service: element(w27, 3) || undefined,
          payment: element(w27, 4) || undefined,
        }
      : undefined,
    loops: readLoops(set.body),
    totals: w03
      ? { weight: element(w03, 2) || undefined, weightUnit: element(w03, 3) || undefined }
      : undefined,
  };
}

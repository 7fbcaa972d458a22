/**
 * 940 Warehouse Shipping Order (us → 3PL, GS01 OW), PROTOCOLS.md §3.7: W05 header, N1 loops,
 * N9/G62 refs, W66 carrier, LX/W01/G69/N9*LI detail, W76 totals.
 */
import type { FulfilmentRequest } from '../../../core/model.js';
import type { Segment, TransactionSet } from '../edi/index.js';
import { element } from '../edi/index.js';
import type { Party } from './common.js';
import { int, isoToX12Date, partySegments, qualifiedIds, readParties, required, seg } from './common.js';

/** One 940 detail line. */
export interface WarehouseOrderLine {
  /** LX01. */
  readonly lineNumber: number;
  /** Our line id, sent as N9*LI so the 945 can echo it. */
  readonly lineId?: string;
  readonly sku: string;
  readonly upc?: string;
  readonly quantity: number;
  /** W0102, e.g. EA, CA. */
  readonly uom: string;
  readonly description?: string;
}

/** The 940 as data: what we ask the warehouse to ship. */
export interface WarehouseOrder {
  /** W0501: N original, F cancel, R change. */
  readonly purpose: 'N' | 'F' | 'R';
  /** W0502 depositor order number: Ferry's order reference, echoed in the 945's W0602. */
  readonly orderRef: string;
  readonly poNumber?: string;
  readonly parties: readonly Party[];
  /** G62*10 requested ship date, CCYYMMDD. */
  readonly requestedShipDate?: string;
  /** W6601 payment (PP prepaid…), W6602 mode, W6605 service text, W6610 SCAC. */
  readonly carrier?: {
    readonly payment: string;
    readonly mode: string;
    readonly service?: string;
    readonly scac?: string;
  };
  readonly lines: readonly WarehouseOrderLine[];
  /** W76: total quantity and optional weight. */
  readonly totals?: { readonly weight?: string; readonly weightUnit?: string };
}

/** Builds the 940 body (segments between ST and SE). */
export function build940(order: WarehouseOrder): Segment[] {
  const out: Segment[] = [seg('W05', order.purpose, order.orderRef, order.poNumber)];
  for (const p of order.parties) out.push(...partySegments(p));
  if (order.poNumber) out.push(seg('N9', 'PO', order.poNumber));
  if (order.requestedShipDate) out.push(seg('G62', '10', order.requestedShipDate));
  const c = order.carrier;
  if (c) out.push(seg('W66', c.payment, c.mode, '', '', c.service, '', '', '', '', c.scac));
  for (const l of order.lines) {
    out.push(seg('LX', l.lineNumber));
    out.push(seg('W01', l.quantity, l.uom, '', 'VN', l.sku, l.upc ? 'UP' : '', l.upc));
    if (l.description) out.push(seg('G69', l.description));
    if (l.lineId) out.push(seg('N9', 'LI', l.lineId));
  }
  const total = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  out.push(seg('W76', total, order.totals?.weight, order.totals?.weightUnit));
  return out;
}

/** Reads a 940 (the simulator's side). Throws `payload_invalid` when W05 or a quantity is missing. */
export function parse940(set: TransactionSet): WarehouseOrder {
  const w05 = required(set.body, 'W05', '940');
  const n9po = set.body.find((s) => s.id === 'N9' && element(s, 1) === 'PO');
  const g62 = set.body.find((s) => s.id === 'G62' && element(s, 1) === '10');
  const w66 = set.body.find((s) => s.id === 'W66');
  const w76 = set.body.find((s) => s.id === 'W76');
  const purpose = element(w05, 1);
  return {
    purpose: purpose === 'F' || purpose === 'R' ? purpose : 'N',
    orderRef: element(w05, 2),
    poNumber: element(w05, 3) || (n9po ? element(n9po, 2) : undefined),
    parties: readParties(set.body),
    requestedShipDate: g62 ? element(g62, 2) : undefined,
    carrier: w66
      ? {
          payment: element(w66, 1),
          mode: element(w66, 2),
          service: element(w66, 5) || undefined,
          scac: element(w66, 10) || undefined,
        }
      : undefined,
    lines: readLines(set.body),
    totals: w76
      ? { weight: element(w76, 2) || undefined, weightUnit: element(w76, 3) || undefined }
      : undefined,
  };
}

function readLines(body: readonly Segment[]): WarehouseOrderLine[] {
  const lines: WarehouseOrderLine[] = [];
  let lineNumber = 0;
  for (const s of body) {
    if (s.id === 'LX') lineNumber = int(s, 1, '940');
    const last = lines.at(-1);
    if (s.id === 'W01') {
      const ids = qualifiedIds(s, 4, 2);
      lines.push({
        lineNumber,
        sku: ids.VN ?? ids.SK ?? '',
        upc: ids.UP,
        quantity: int(s, 1, '940'),
        uom: element(s, 2),
      });
    } else if (s.id === 'G69' && last) lines[lines.length - 1] = { ...last, description: element(s, 1) };
    else if (s.id === 'N9' && element(s, 1) === 'LI' && last)
      lines[lines.length - 1] = { ...last, lineId: element(s, 2) };
  }
  return lines;
}

/** Per-SKU details the canonical request does not carry (UPC, description, unit of measure). */
export type ItemCatalog = Readonly<
  Record<string, { readonly upc?: string; readonly description?: string; readonly uom?: string }>
>;

/** Options for turning a canonical FulfilmentRequest into a 940. */
export interface FulfilmentTo940Options {
  /** N1*DE depositor (us as the warehouse's client). */
  readonly depositor?: { readonly name: string; readonly code: string };
  readonly poNumber?: string;
  readonly items?: ItemCatalog;
  /** W6602 transport mode, default `M` (motor carrier, as in §3.11). */
  readonly mode?: string;
  /** W0501; `F` cancels a released order. Default `N`. */
  readonly purpose?: 'N' | 'F' | 'R';
}

/** Maps the canonical request to the 940 data; W0502 is the order reference (idempotency key). */
export function fulfilmentToWarehouseOrder(
  req: FulfilmentRequest,
  options: FulfilmentTo940Options = {},
): WarehouseOrder {
  const a = req.shipTo;
  const shipTo: Party = {
    role: 'ST',
    name: a.company ?? a.name ?? req.orderRef,
    extraName: a.company && a.name ? a.name : undefined,
    street: a.street,
    street2: a.street2,
    city: a.city,
    state: a.stateCode,
    postalCode: a.zip,
    country: a.countryCode,
  };
  const depositor: Party[] = options.depositor
    ? [{ role: 'DE', name: options.depositor.name, idQualifier: 'ZZ', id: options.depositor.code }]
    : [];
  return {
    purpose: options.purpose ?? 'N',
    orderRef: req.orderRef,
    poNumber: options.poNumber,
    parties: [shipTo, ...depositor],
    requestedShipDate: req.requestedShipDate ? isoToX12Date(req.requestedShipDate) : undefined,
    carrier:
      req.carrier || req.service
        ? { payment: 'PP', mode: options.mode ?? 'M', service: req.service, scac: req.carrier }
        : undefined,
    lines: req.lines.map((l, i) => {
      const item = options.items?.[l.sku];
      return {
        lineNumber: i + 1,
        lineId: l.lineId,
        // W01 VN is the 3PL's item number when it keeps its own (a mapping), else our SKU.
        sku: l.warehouseItem ?? l.sku,
        upc: item?.upc,
        quantity: l.quantity,
        uom: item?.uom ?? 'EA',
        description: item?.description,
      };
    }),
  };
}

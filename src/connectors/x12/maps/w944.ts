/**
 * 944 Warehouse Stock Transfer Receipt Advice (3PL → us, GS01 RE), PROTOCOLS.md §3.9: W17 header
 * (W1701 `C` = customer return), N1 loops, G62*11, LX loops with W07 received lines, W13
 * exceptions and N9*LI, W14 total.
 */
import type { Segment, TransactionSet } from '../edi/index.js';
import { element } from '../edi/index.js';
import type { Party } from './common.js';
import { int, partySegments, qualifiedIds, readParties, required, seg } from './common.js';

/** A W13 exception on a received line. */
export interface ReceiptException {
  readonly quantity: number;
  readonly uom: string;
  /** W1303 condition, e.g. `01` damaged. */
  readonly condition: string;
}

export interface ReceiptLine {
  readonly quantity: number;
  readonly uom: string;
  readonly upc?: string;
  readonly sku: string;
  readonly lot?: string;
  /** N9*LI: the line of the advance notice or RMA. */
  readonly lineId?: string;
  readonly exceptions: readonly ReceiptException[];
}

/** The 944 as data. */
export interface ReceiptAdvice {
  /** W1701: `F` full detail, `C` customer return, … */
  readonly reportingCode: string;
  /** W1702 receipt date CCYYMMDD. */
  readonly date: string;
  /** W1703 warehouse receipt number: the dedupe key of a receipt. */
  readonly receiptId: string;
  /** W1704 depositor order number (our 943 / RMA reference). */
  readonly depositorOrderRef?: string;
  readonly shipmentId?: string;
  readonly parties: readonly Party[];
  readonly receivedDate?: string;
  readonly lines: readonly ReceiptLine[];
}

/** Builds the 944 body. */
export function build944(a: ReceiptAdvice): Segment[] {
  const out: Segment[] = [
    seg('W17', a.reportingCode, a.date, a.receiptId, a.depositorOrderRef, a.shipmentId),
  ];
  for (const p of a.parties) out.push(...partySegments(p));
  if (a.receivedDate) out.push(seg('G62', '11', a.receivedDate));
  a.lines.forEach((l, i) => {
    out.push(seg('LX', i + 1));
    out.push(seg('W07', l.quantity, l.uom, l.upc, 'VN', l.sku, '', '', l.lot));
    if (l.lineId) out.push(seg('N9', 'LI', l.lineId));
    for (const x of l.exceptions) out.push(seg('W13', x.quantity, x.uom, x.condition));
  });
  out.push(
    seg(
      'W14',
      a.lines.reduce((sum, l) => sum + l.quantity, 0),
    ),
  );
  return out;
}

type MutableLine = { -readonly [K in keyof ReceiptLine]: ReceiptLine[K] } & {
  exceptions: ReceiptException[];
};

function readLines(body: readonly Segment[]): ReceiptLine[] {
  const lines: MutableLine[] = [];
  for (const s of body) {
    const last = lines.at(-1);
    if (s.id === 'W07') {
      const ids = qualifiedIds(s, 4, 2);
      lines.push({
        quantity: int(s, 1, '944'),
        uom: element(s, 2),
        upc: element(s, 3) || ids.UP,
        sku: ids.VN ?? ids.SK ?? ids.UK ?? '',
        lot: element(s, 8) || undefined,
        exceptions: [],
      });
    } else if (s.id === 'W13' && last) {
      last.exceptions.push({ quantity: int(s, 1, '944'), uom: element(s, 2), condition: element(s, 3) });
    } else if (s.id === 'N9' && element(s, 1) === 'LI' && last) last.lineId = element(s, 2);
  }
  return lines;
}

/** Reads a 944. */
export function parse944(set: TransactionSet): ReceiptAdvice {
  const w17 = required(set.body, 'W17', '944');
  const g62 = set.body.find((s) => s.id === 'G62' && element(s, 1) === '11');
  return {
    reportingCode: element(w17, 1),
    date: element(w17, 2),
    receiptId: element(w17, 3),
    depositorOrderRef: element(w17, 4) || undefined,
    shipmentId: element(w17, 5) || undefined,
    parties: readParties(set.body),
    receivedDate: g62 ? element(g62, 2) : undefined,
    lines: readLines(set.body),
  };
}

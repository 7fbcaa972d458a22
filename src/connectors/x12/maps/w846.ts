/**
 * 846 Inventory Inquiry/Advice (3PL → us, GS01 IB), PROTOCOLS.md §3.10: BIA header, N1*WH,
 * LIN loops with QTY (33 available, 17 on hand), CTT (number of LIN, hash of QTY02).
 */
import type { Segment, TransactionSet } from '../edi/index.js';
import { element } from '../edi/index.js';
import type { Party } from './common.js';
import { int, partySegments, qualifiedIds, readParties, required, seg } from './common.js';

/** QTY01 qualifiers Ferry reads; others are kept in `quantities` but not mapped. */
export const QtyQualifier = { available: '33', onHand: '17' } as const;

export interface InventoryItem {
  /** LIN01. */
  readonly line: string;
  readonly sku: string;
  readonly upc?: string;
  readonly quantities: readonly {
    readonly qualifier: string;
    readonly quantity: number;
    readonly uom?: string;
  }[];
}

/** The 846 as data: a snapshot of absolute levels at one location. */
export interface InventoryAdvice {
  /** BIA01 purpose, BIA02 report type (`DD`…), BIA03 reference, BIA04 date, BIA05 time. */
  readonly purpose: string;
  readonly reportType: string;
  readonly reference: string;
  readonly date: string;
  readonly time?: string;
  readonly parties: readonly Party[];
  readonly items: readonly InventoryItem[];
}

/** Builds the 846 body, CTT included. */
export function build846(a: InventoryAdvice): Segment[] {
  const out: Segment[] = [seg('BIA', a.purpose, a.reportType, a.reference, a.date, a.time)];
  for (const p of a.parties) out.push(...partySegments(p));
  let hash = 0;
  for (const item of a.items) {
    out.push(seg('LIN', item.line, 'VN', item.sku, item.upc ? 'UP' : '', item.upc));
    for (const q of item.quantities) {
      out.push(seg('QTY', q.qualifier, q.quantity, q.uom));
      hash += q.quantity;
    }
  }
  out.push(seg('CTT', a.items.length, hash));
  return out;
}

/** Reads an 846. */
export function parse846(set: TransactionSet): InventoryAdvice {
  const bia = required(set.body, 'BIA', '846');
  const items: {
    line: string;
    sku: string;
    upc?: string;
    quantities: InventoryItem['quantities'][number][];
  }[] = [];
  for (const s of set.body) {
    if (s.id === 'LIN') {
      const ids = qualifiedIds(s, 2, 5);
      items.push({ line: element(s, 1), sku: ids.VN ?? ids.SK ?? ids.BP ?? '', upc: ids.UP, quantities: [] });
    } else if (s.id === 'QTY') {
      items.at(-1)?.quantities.push({
        qualifier: element(s, 1),
        quantity: int(s, 2, '846'),
        uom: element(s, 3) || undefined,
      });
    }
  }
  const firstLin = set.body.findIndex((s) => s.id === 'LIN');
  return {
    purpose: element(bia, 1),
    reportType: element(bia, 2),
    reference: element(bia, 3),
    date: element(bia, 4),
    time: element(bia, 5) || undefined,
    parties: readParties(firstLin < 0 ? set.body : set.body.slice(0, firstLin)),
    items,
  };
}

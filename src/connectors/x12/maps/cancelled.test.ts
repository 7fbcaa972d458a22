import { describe, expect, it } from 'vitest';
import { golden } from '../golden/golden.js';
import { allIssues, parseInterchange } from '../edi/index.js';
import type { TransactionSet } from '../edi/index.js';
import { adviceToShipment, build945, parse945 } from './index.js';

function firstSet(name: string): TransactionSet {
  const r = parseInterchange(golden(name));
  if (r.kind !== 'parsed') throw new Error('unreadable');
  expect(allIssues(r.interchange)).toEqual([]); // a golden file is a valid interchange
  return r.interchange.groups[0]!.sets[0]!;
}

describe('945 lines the 3PL cancelled (W1201 IC, DS)', () => {
  it('golden 945-cancelled: parse then build gives the same segments', () => {
    const set = firstSet('945-cancelled.edi');
    expect(build945(parse945(set))).toEqual(set.body);
  });

  it('an IC line shipped in part and a DS line shipped not at all are cancellations; the CC line is not', () => {
    const c = adviceToShipment(parse945(firstSet('945-cancelled.edi')), 'WH01');
    expect(c.shipment.lines).toEqual([
      { sku: 'WID-BLU-S', quantity: 24 },
      { sku: 'WID-RED-M', quantity: 4 },
      { sku: 'WID-GRN-L', quantity: 0 },
    ]);
    expect(c.lines.map((l) => [l.lineId, l.ordered, l.shipped, l.outcome])).toEqual([
      ['1', 24, 24, 'complete'],
      ['2', 12, 4, 'cancelled'],
      ['3', 6, 0, 'out_of_stock'],
    ]);
    expect(c.cancelled).toEqual([
      { lineId: '2', sku: 'WID-RED-M', unshipped: 8, outcome: 'cancelled' },
      { lineId: '3', sku: 'WID-GRN-L', unshipped: 6, outcome: 'out_of_stock' },
    ]);
    expect(c.complete).toBe(false);
  });

  it('golden 945-short: BP (backorder follows) and CP (no backorder) are short lines, not cancellations', () => {
    const set = firstSet('945-short.edi');
    expect(build945(parse945(set))).toEqual(set.body);
    const c = adviceToShipment(parse945(set), 'WH01');
    expect(c.lines.map((l) => [l.sku, l.shipped, l.outcome])).toEqual([
      ['WID-BLU-S', 6, 'partial_backorder'],
      ['WID-RED-M', 3, 'partial_no_backorder'],
      ['WID-GRN-L', 0, 'cancelled'],
    ]);
    expect(c.cancelled.map((l) => l.sku)).toEqual(['WID-GRN-L']);
  });

  it('the golden 945 of PROTOCOLS.md §3.11 (CC and CP) cancels nothing', () => {
    expect(adviceToShipment(parse945(firstSet('945.edi')), 'WH01').cancelled).toEqual([]);
  });

  it('an IC line that shipped everything ordered cancels nothing', () => {
    const set = firstSet('945-cancelled.edi');
    const body = set.body.map((s) =>
      s.id === 'W12' && s.elements[0] === 'IC'
        ? { ...s, elements: ['IC', '12', '12', '0', 'CA', '', 'VN', 'WID-RED-M'] }
        : s,
    );
    const c = adviceToShipment(parse945({ ...set, body }), 'WH01');
    expect(c.cancelled.map((l) => l.sku)).toEqual(['WID-GRN-L']);
  });
});

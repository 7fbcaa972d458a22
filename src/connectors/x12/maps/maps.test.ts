import { describe, expect, it } from 'vitest';
import { golden } from '../golden/golden.js';
import { parseInterchange } from '../edi/index.js';
import type { TransactionSet } from '../edi/index.js';
import { makeSscc } from '../sscc.js';
import {
  adviceToPositions,
  adviceToReceipt,
  adviceToShipment,
  build846,
  build940,
  build944,
  build945,
  parse846,
  parse940,
  parse944,
  parse945,
} from './index.js';
import type { ShippingAdvice } from './index.js';

function firstSet(name: string): TransactionSet {
  const r = parseInterchange(golden(name));
  if (r.kind !== 'parsed') throw new Error('unreadable');
  return r.interchange.groups[0]!.sets[0]!;
}

describe('mapper round trips over the golden sets', () => {
  it('940: parse then build gives the same segments', () => {
    const set = firstSet('940.edi');
    expect(build940(parse940(set))).toEqual(set.body);
  });
  it('945: parse then build gives the same segments', () => {
    const set = firstSet('945.edi');
    expect(build945(parse945(set))).toEqual(set.body);
  });
  it('846: parse then build gives the same segments (CTT recomputed)', () => {
    const set = firstSet('846.edi');
    expect(build846(parse846(set))).toEqual(set.body);
  });
  it('944: parse then build gives the same segments', () => {
    const set = firstSet('944.edi');
    expect(build944(parse944(set))).toEqual(set.body);
  });
});

describe('940 parse', () => {
  it('reads order reference, ship-to, carrier and lines', () => {
    const order = parse940(firstSet('940.edi'));
    expect(order).toMatchObject({
      purpose: 'N',
      orderRef: 'SO-1001',
      poNumber: 'PO123456',
      requestedShipDate: '20260116',
    });
    expect(order.parties[0]).toMatchObject({
      role: 'ST',
      name: 'ACME STORE 12',
      street: '100 MAIN ST',
      city: 'SPRINGFIELD',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    });
    expect(order.carrier).toEqual({ payment: 'PP', mode: 'M', service: 'UPS GROUND', scac: 'UPSN' });
    expect(order.lines).toEqual([
      {
        lineNumber: 1,
        sku: 'WID-BLU-S',
        upc: '012345678905',
        quantity: 24,
        uom: 'EA',
        description: 'BLUE WIDGET SMALL',
      },
      { lineNumber: 2, sku: 'WID-RED-M', upc: '012345678912', quantity: 12, uom: 'CA' },
    ]);
  });
});

describe('945 → Shipment', () => {
  it('takes shipped quantities from W1203 and cartons from MAN*GM', () => {
    const c = adviceToShipment(parse945(firstSet('945.edi')), 'WH01');
    expect(c.shipment).toEqual({
      shipmentId: 'BOL778899',
      orderRef: 'SO-1001',
      warehouse: 'WH01',
      lines: [
        { sku: 'WID-BLU-S', quantity: 24 },
        { sku: 'WID-RED-M', quantity: 10 },
      ],
      carrier: 'UPSN',
      trackingNumbers: ['1Z999AA10123456784'],
      packages: [{ id: '006141411234567890', lines: [{ sku: 'WID-BLU-S', quantity: 24 }] }],
      shippedAt: '2026-01-16T00:00:00.000Z',
    });
    expect(c.complete).toBe(false);
    expect(c.lines.map((l) => [l.lineId, l.ordered, l.shipped, l.outcome])).toEqual([
      ['1', 24, 24, 'complete'],
      ['2', 12, 10, 'partial_no_backorder'],
    ]);
  });

  const split: ShippingAdvice = {
    reportingCode: 'F',
    orderRef: 'SO-2002',
    shipDate: '20260117',
    shipmentId: 'SHP-9',
    parties: [],
    trackingNumbers: [],
    shippedDate: '20260117',
    shippedTime: '1430',
    carrier: { mode: 'U', scac: 'UPSN' },
    loops: [
      {
        sscc: makeSscc(0, '0614141', 1),
        trackingNumber: '1ZA',
        lines: [{ status: 'CC', ordered: 30, shipped: 20, uom: 'EA', sku: 'A', lineId: 'l1' }],
      },
      {
        sscc: makeSscc(0, '0614141', 2),
        trackingNumber: '1ZB',
        lines: [
          { status: 'CC', ordered: 30, shipped: 10, uom: 'EA', sku: 'A', lineId: 'l1' },
          { status: 'CC', ordered: 5, shipped: 5, uom: 'EA', sku: 'B', lineId: 'l2' },
        ],
      },
    ],
  };

  it('a carton split yields one package per SSCC and per-SKU totals', () => {
    const set = { id: '945', controlNumber: '0001', body: build945(split) };
    const c = adviceToShipment(parse945(set), 'WH01');
    expect(c.shipment.lines).toEqual([
      { sku: 'A', quantity: 30 },
      { sku: 'B', quantity: 5 },
    ]);
    expect(c.shipment.packages.map((p) => [p.id, p.trackingNumber, p.lines])).toEqual([
      ['006141410000000012', '1ZA', [{ sku: 'A', quantity: 20 }]],
      [
        '006141410000000029',
        '1ZB',
        [
          { sku: 'A', quantity: 10 },
          { sku: 'B', quantity: 5 },
        ],
      ],
    ]);
    expect(c.shipment.trackingNumbers).toEqual(['1ZA', '1ZB']);
    expect(c.lines.map((l) => [l.lineId, l.ordered, l.shipped])).toEqual([
      ['l1', 30, 30],
      ['l2', 5, 5],
    ]);
    expect(c.complete).toBe(true);
    expect(c.shipment.shippedAt).toBe('2026-01-17T14:30:00.000Z');
  });

  it('rejects a carton label whose SSCC check digit is wrong', () => {
    const body = build945(split).map((s) =>
      s.id === 'MAN' && s.elements[0] === 'GM' ? { ...s, elements: ['GM', '00006141410000000015'] } : s,
    );
    expect(() => parse945({ id: '945', controlNumber: '0001', body })).toThrow(
      /not a valid SSCC-18 \(check digit should be 2\)/,
    );
  });

  it('rejects a 945 without a shipment id, classified as blocking shipment', () => {
    try {
      adviceToShipment({ ...split, shipmentId: '' }, 'WH01');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'payload_invalid',
        impact: 'blocks-shipment',
        entities: { orderRef: 'SO-2002' },
      });
    }
  });

  it('rejects a non-numeric W1203 naming the element', () => {
    const body = firstSet('945.edi').body.map((s) =>
      s.id === 'W12' ? { ...s, elements: ['CC', '24', 'X'] } : s,
    );
    expect(() => parse945({ id: '945', controlNumber: '1', body })).toThrow(
      /945 W1203 "X" is not a whole number/,
    );
  });
});

describe('846 → InventoryPosition', () => {
  it('maps QTY 33/17 per item and the N1*WH location', () => {
    const positions = adviceToPositions(parse846(firstSet('846.edi')), {
      source: 'wms:acme-3pl',
      defaultLocation: 'WH/Stock',
      locations: { WH01: 'acme/main' },
    });
    expect(positions).toEqual([
      {
        sku: 'WID-BLU-S',
        location: 'acme/main',
        onHand: 500,
        reserved: 20,
        available: 480,
        asOf: '2026-01-15T00:00:00.000Z',
        source: 'wms:acme-3pl',
      },
      {
        sku: 'WID-RED-M',
        location: 'acme/main',
        onHand: 0,
        reserved: 0,
        available: 0,
        asOf: '2026-01-15T00:00:00.000Z',
        source: 'wms:acme-3pl',
      },
    ]);
  });
});

describe('944 → receipt', () => {
  it('reads received quantities, lots and exceptions', () => {
    expect(adviceToReceipt(parse944(firstSet('944.edi')), 'WH01')).toEqual({
      receiptId: 'WR12345',
      warehouse: 'WH01',
      isReturn: false,
      reference: 'DO12345',
      receivedAt: '2026-01-15T00:00:00.000Z',
      lines: [
        { lineId: '1', sku: 'WID-BLU-S', quantity: 100, lot: 'LOT456', exceptionQuantity: 0, conditions: [] },
        {
          lineId: undefined,
          sku: 'WID-RED-M',
          quantity: 10,
          lot: undefined,
          exceptionQuantity: 2,
          conditions: ['01'],
        },
      ],
    });
  });
});

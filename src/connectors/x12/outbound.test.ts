import { describe, expect, it } from 'vitest';
import { X12Parser } from 'node-x12';
import { golden } from './golden/golden.js';
import { goldenThreePl } from './golden/partners.js';
import { parseInterchange } from './edi/index.js';
import type { ControlNumberStore } from './control/index.js';
import { InMemoryControlNumberStore } from './control/index.js';
import { buildOutbound } from './outbound.js';
import { build940, fulfilmentToWarehouseOrder } from './maps/index.js';

const clock = { now: () => Date.parse('2026-01-15T12:00:00Z') };

const request = {
  orderRef: 'SO-1001',
  warehouse: 'WH01',
  shipTo: {
    company: 'ACME STORE 12',
    street: '100 MAIN ST',
    city: 'SPRINGFIELD',
    stateCode: 'IL',
    zip: '62701',
    countryCode: 'US',
  },
  lines: [
    { lineId: '1', sku: 'WID-BLU-S', quantity: 24 },
    { lineId: '2', sku: 'WID-RED-M', quantity: 12 },
  ],
  carrier: 'UPSN',
  service: 'UPS GROUND',
  requestedShipDate: '2026-01-16',
};

describe('outbound interchanges', () => {
  it('a FulfilmentRequest becomes the golden 940 byte for byte, numbers from the port', async () => {
    const numbers = new InMemoryControlNumberStore({ 'acme-3pl': { interchange: 201, group: 201 } });
    const order = fulfilmentToWarehouseOrder(request, {
      depositor: { name: 'DISTRIBUTOR INC', code: 'DIST01' },
      poNumber: 'PO123456',
      items: {
        'WID-BLU-S': { upc: '012345678905', description: 'BLUE WIDGET SMALL' },
        'WID-RED-M': { upc: '012345678912', uom: 'CA' },
      },
    });
    const out = await buildOutbound(goldenThreePl(), numbers, clock, [{ id: '940', body: build940(order) }]);
    expect(out.text).toBe(golden('940-from-request.edi'));
    expect(() => new X12Parser(true).parse(out.text)).not.toThrow();
    expect(out.controlNumber).toBe('000000202');
    expect(out.groups).toEqual([
      {
        partnerId: 'acme-3pl',
        interchangeControl: '000000202',
        functionalId: 'OW',
        controlNumber: '202',
        sets: [{ id: '940', controlNumber: '0001' }],
        sentAtMs: clock.now(),
        ackDueAtMs: clock.now() + 24 * 3600 * 1000,
      },
    ]);
  });

  it('draws every number through the port, so two sends never collide', async () => {
    const calls: string[] = [];
    const inner = new InMemoryControlNumberStore();
    const spy: ControlNumberStore = {
      nextInterchange: (p) => (calls.push(`isa:${p}`), inner.nextInterchange(p)),
      nextGroup: (p) => (calls.push(`gs:${p}`), inner.nextGroup(p)),
      nextTransactionSet: (p) => (calls.push(`st:${p}`), inner.nextTransactionSet(p)),
    };
    const body = build940(fulfilmentToWarehouseOrder(request));
    const a = await buildOutbound(goldenThreePl(), spy, clock, [
      { id: '940', body },
      { id: '940', body },
    ]);
    const b = await buildOutbound(goldenThreePl(), spy, clock, [{ id: '940', body }]);
    expect(calls).toEqual([
      'isa:acme-3pl',
      'gs:acme-3pl',
      'st:acme-3pl',
      'st:acme-3pl',
      'isa:acme-3pl',
      'gs:acme-3pl',
      'st:acme-3pl',
    ]);
    expect([a.controlNumber, b.controlNumber]).toEqual(['000000001', '000000002']);
    expect(a.groups[0]?.sets.map((s) => s.controlNumber)).toEqual(['0001', '0002']);
    expect(b.groups[0]?.sets.map((s) => s.controlNumber)).toEqual(['0003']);
    const parsed = parseInterchange(b.text);
    expect(parsed.kind === 'parsed' && parsed.interchange.groups[0]?.header.controlNumber).toBe('2');
  });

  it('groups sets by functional id, one GS per kind', async () => {
    const out = await buildOutbound(goldenThreePl(), new InMemoryControlNumberStore(), clock, [
      { id: '940', body: build940(fulfilmentToWarehouseOrder(request)) },
      {
        id: '997',
        body: [
          { id: 'AK1', elements: ['SW', '1'] },
          { id: 'AK9', elements: ['A', '0', '0', '0'] },
        ],
      },
    ]);
    expect(out.groups.map((g) => [g.functionalId, g.ackDueAtMs === undefined])).toEqual([
      ['OW', false],
      ['FA', true],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { InMemoryAckLedger, parseInterchange } from './index.js';
import { golden } from './golden/golden.js';
import { interchangeEvents } from './x12Inbound.js';

const ctx = {
  warehouse: 'east-3pl',
  partnerId: 'east-3pl',
  ledger: new InMemoryAckLedger(),
  locations: {},
  defaultLocation: 'WH01',
};

async function eventsOf(name: string) {
  const r = parseInterchange(golden(name));
  if (r.kind !== 'parsed') throw new Error(`${name} unreadable`);
  return interchangeEvents(r.interchange, ctx);
}

describe('945 line statuses as warehouse events', () => {
  it('IC and DS lines become the warehouse cancellation a JSON WMS sends, after the shipment', async () => {
    const [shipment, cancelled, ...more] = await eventsOf('945-cancelled.edi');
    expect(more).toEqual([]);
    expect(shipment).toMatchObject({ kind: 'shipment' });
    if (shipment?.kind !== 'shipment') return;
    expect(shipment.notice.lines.map((l) => [l.sku, l.ordered, l.shipped, l.outcome])).toEqual([
      ['WID-BLU-S', 24, 24, 'complete'],
      ['WID-RED-M', 12, 4, 'cancelled'],
      ['WID-GRN-L', 6, 0, 'cancelled'],
    ]);
    expect(cancelled).toEqual({
      kind: 'cancelled',
      orderRef: 'SO-1002',
      reason: '945 BOL778900: WID-RED-M item canceled (IC), WID-GRN-L out of stock (DS)',
      shipmentId: 'BOL778900',
      skus: ['WID-RED-M', 'WID-GRN-L'],
    });
  });

  it('BP keeps the rest as a backorder, CP closes it; only the IC line is cancelled', async () => {
    const [shipment, cancelled, ...more] = await eventsOf('945-short.edi');
    expect(more).toEqual([]);
    if (shipment?.kind !== 'shipment') throw new Error('no shipment');
    expect(shipment.notice.lines.map((l) => [l.sku, l.outcome])).toEqual([
      ['WID-BLU-S', 'backorder'],
      ['WID-RED-M', 'closed'],
      ['WID-GRN-L', 'cancelled'],
    ]);
    expect(cancelled).toMatchObject({ kind: 'cancelled', skus: ['WID-GRN-L'], shipmentId: 'BOL778901' });
  });

  it('a 945 without IC or DS lines is a shipment only', async () => {
    const events = await eventsOf('945.edi');
    expect(events.map((e) => e.kind)).toEqual(['shipment']);
  });
});

import { describe, expect, it } from 'vitest';
import { channel, engineWith, pos } from './test-helpers/fixtures.js';

const values = (changes: Iterable<{ sku: string; channel: string; value: number }>) =>
  [...changes].map((c) => `${c.channel}:${c.sku}=${c.value}`).sort();

describe('available-to-promise per channel', () => {
  it('sums only the locations each channel may sell from', () => {
    const e = engineWith([
      channel('shop'),
      channel('amazon', {}, { locations: ['WH-EAST'] }),
      channel('edi', {}, { locations: ['WH-WEST', '3PL'] }),
    ]);
    e.applyPositions([pos('A', 'WH-EAST', 10, 2), pos('A', 'WH-WEST', 5), pos('A', '3PL', 7, 1)]);
    expect(e.atp('shop', 'A')).toBe(19);
    expect(e.atp('amazon', 'A')).toBe(8);
    expect(e.atp('edi', 'A')).toBe(11);
  });

  it('lets a negative location (over-reserved) reduce the pool instead of being ignored', () => {
    const e = engineWith();
    e.applyPositions([pos('A', 'WH-EAST', 2, 5), pos('A', 'WH-WEST', 4)]);
    expect(e.atp('shop', 'A')).toBe(1);
  });

  it('overrides the channel rule per category and per SKU, SKU winning', () => {
    const e = engineWith([
      channel(
        'shop',
        { bufferUnits: 2 },
        { categories: { bulk: { bufferUnits: 10 } }, skus: { C: { percent: 50 } } },
      ),
    ]);
    for (const sku of ['A', 'B', 'C']) e.applyPosition(pos(sku, 'WH-EAST', 20));
    e.setCategory('B', 'bulk');
    e.setCategory('C', 'bulk');
    expect(e.atp('shop', 'A')).toBe(18);
    expect(e.atp('shop', 'B')).toBe(10);
    expect(e.atp('shop', 'C')).toBe(5); // bulk buffer 10, then the SKU's 50 %
    e.setCategory('C', null);
    expect(e.atp('shop', 'C')).toBe(9); // channel buffer 2, then 50 %
  });

  it('names the rule version, the layers and every input in the explanation', () => {
    const e = engineWith([
      channel(
        'shop',
        { bufferUnits: 1, maxUnits: 6 },
        { version: 'rules-2026-03', skus: { A: { percent: 50 } } },
      ),
    ]);
    e.applyPositions([pos('A', 'WH-EAST', 10, 2), pos('A', '3PL', 5)]);
    e.holdInFlight('o1', [{ sku: 'A', qty: 1, location: 'WH-EAST' }]);
    const x = e.explain('A', 'shop');
    expect(x).toMatchObject({
      sku: 'A',
      channel: 'shop',
      ruleVersion: 'rules-2026-03',
      pool: 12,
      bufferUnits: 1,
      buffered: 11,
      rule: { percent: 50, maxUnits: 6, zeroBelowUnits: 0, layers: ['channel', 'sku:A'] },
      decidedBy: 'share',
      value: 5,
      published: null,
    });
    expect(x.locations.map((l) => [l.location, l.owner, l.onHand, l.reserved, l.inFlight, l.net])).toEqual([
      ['WH-EAST', 'odoo', 10, 2, 1, 7],
      ['WH-WEST', 'odoo', 0, 0, 0, 0],
      ['3PL', 'wms:acme', 5, 0, 0, 5],
    ]);
    expect(x.locations[1]!.asOf).toBeNull();
    expect(x.value).toBe(e.atp('shop', 'A'));
    e.confirm(e.recompute());
    expect(e.explain('A', 'shop').published).toBe(5);
    expect(() => e.explain('nope', 'shop')).toThrow('unknown SKU nope');
  });

  it('names the new version after the rules change, and a resync publishes their effect', () => {
    const e = engineWith([channel('shop')]);
    e.applyPosition(pos('A', 'WH-EAST', 10));
    e.confirm(e.fullResync());
    e.setChannelRules({ ...channel('shop', { bufferUnits: 3 }), version: 'v2' });
    expect(e.explain('A', 'shop').ruleVersion).toBe('v2');
    expect(values(e.fullResync(['shop']))).toEqual(['shop:A=7']);
  });
});

describe('in-flight reservations', () => {
  it('subtracts orders Odoo has not reserved yet until they are released', () => {
    const e = engineWith([channel('shop'), channel('amazon', {}, { locations: ['3PL'] })]);
    e.applyPositions([pos('A', 'WH-EAST', 10), pos('A', '3PL', 4)]);
    e.holdInFlight('o1', [{ sku: 'A', qty: 3, location: 'WH-EAST' }]);
    expect(e.atp('shop', 'A')).toBe(11);
    expect(e.atp('amazon', 'A')).toBe(4); // held at a location amazon does not sell from
    e.holdInFlight('o2', [{ sku: 'A', qty: 2 }]);
    expect(e.atp('shop', 'A')).toBe(9);
    expect(e.atp('amazon', 'A')).toBe(2); // no location yet: could be reserved anywhere
    // Odoo reserves o1: the position carries it, then the in-flight units are released
    e.applyPosition(pos('A', 'WH-EAST', 10, 3));
    e.releaseInFlight('o1');
    expect(e.atp('shop', 'A')).toBe(9);
    e.releaseInFlight('o2');
    expect(e.atp('shop', 'A')).toBe(11);
    expect(e.atp('amazon', 'A')).toBe(4);
  });

  it('releases only the named SKUs of an order', () => {
    const e = engineWith();
    e.applyPositions([pos('A', 'WH-EAST', 5), pos('B', 'WH-EAST', 5)]);
    e.holdInFlight('o1', [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 2 },
    ]);
    e.releaseInFlight('o1', ['A']);
    expect([e.atp('shop', 'A'), e.atp('shop', 'B')]).toEqual([5, 3]);
  });

  it('refuses a bad line before holding anything of the order', () => {
    const e = engineWith();
    e.applyPosition(pos('A', 'WH-EAST', 5));
    expect(() =>
      e.holdInFlight('o1', [
        { sku: 'A', qty: 1 },
        { sku: 'A', qty: 0 },
      ]),
    ).toThrow('quantity of A must be a positive integer');
    expect(() => e.holdInFlight('o1', [{ sku: 'A', qty: 1, location: 'MARS' }])).toThrow(
      'unknown location MARS',
    );
    expect(e.atp('shop', 'A')).toBe(5);
  });
});

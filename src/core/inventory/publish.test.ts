import { describe, expect, it } from 'vitest';
import { channel, engineWith, pos } from './test-helpers/fixtures.js';

const values = (
  changes: Iterable<{ sku: string; channel: string; value: number; previous: number | null }>,
) => [...changes].map((c) => `${c.channel}:${c.sku}=${c.previous ?? '-'}→${c.value}`).sort();

describe('delta-only publishing', () => {
  it('returns only touched SKUs whose value changed, per channel', () => {
    const e = engineWith([channel('shop'), channel('amazon', {}, { locations: ['3PL'] })]);
    e.applyPositions([pos('A', 'WH-EAST', 5), pos('B', 'WH-EAST', 5), pos('C', '3PL', 2)]);
    const first = e.recompute();
    expect(values(first)).toEqual([
      'amazon:A=-→0',
      'amazon:B=-→0',
      'amazon:C=-→2',
      'shop:A=-→5',
      'shop:B=-→5',
      'shop:C=-→2',
    ]);
    e.confirm(first);
    expect(e.dirtyCount).toBe(0);
    e.applyPositions([pos('A', 'WH-EAST', 4), pos('C', 'WH-EAST', 3)]);
    expect(e.dirtyCount).toBe(2);
    // C moved at a location amazon does not sell from: only shop changes for it
    expect(values(e.recompute())).toEqual(['shop:A=5→4', 'shop:C=2→5']);
    expect(e.recompute().size).toBe(0);
  });

  it('holds back increases smaller than the channel delta but never a decrease or a restock from 0', () => {
    const e = engineWith([channel('shop', {}, { publishDeltaUnits: 5 })]);
    e.applyPosition(pos('A', 'WH-EAST', 10));
    e.confirm(e.recompute());
    e.applyPosition(pos('A', 'WH-EAST', 13));
    expect(e.recompute().size).toBe(0); // +3 < 5
    e.applyPosition(pos('A', 'WH-EAST', 15));
    expect(values(e.recompute())).toEqual(['shop:A=10→15']); // +5 accumulated since the last publish
    e.applyPosition(pos('A', 'WH-EAST', 9));
    expect(values(e.recompute())).toEqual(['shop:A=10→9']); // not confirmed above: still 10 published
    e.applyPosition(pos('A', 'WH-EAST', 0));
    const zero = e.recompute();
    e.confirm(zero);
    e.applyPosition(pos('A', 'WH-EAST', 1));
    expect(values(e.recompute())).toEqual(['shop:A=0→1']);
  });

  it('publishes a SKU first seen at 0 units, so the channel stops selling it', () => {
    const e = engineWith();
    e.applyPosition(pos('NEW', 'WH-EAST', 0));
    expect(values(e.recompute())).toEqual(['shop:NEW=-→0']);
  });

  it('records only what was confirmed as published', () => {
    const e = engineWith([channel('shop'), channel('amazon')]);
    e.applyPosition(pos('A', 'WH-EAST', 5));
    const changes = e.recompute();
    expect(changes.forChannel('amazon')).toEqual([{ sku: 'A', channel: 'amazon', value: 5, previous: null }]);
    expect(e.publishedValue('shop', 'A')).toBeNull();
    e.confirm(changes);
    expect(e.publishedValue('shop', 'A')).toBe(5);
    expect(() => changes.get(2)).toThrow(RangeError);
  });

  it('after a compare-and-set conflict, recomputes against the value the channel really shows', () => {
    const e = engineWith();
    e.applyPosition(pos('A', 'WH-EAST', 5));
    e.confirm(e.recompute());
    // Shopify answered: the quantity was 9, not 5 (someone edited it in the admin)
    e.setPublished('shop', 'A', 9);
    expect(values(e.recompute())).toEqual(['shop:A=9→5']);
  });
});

describe('full resync', () => {
  it('corrects drift: returns every value that differs from what was published, ignoring the delta', () => {
    const e = engineWith([channel('shop', {}, { publishDeltaUnits: 100 }), channel('amazon')]);
    e.applyPositions([pos('A', 'WH-EAST', 5), pos('B', 'WH-EAST', 7), pos('C', 'WH-EAST', 1)]);
    e.confirm(e.fullResync());
    expect(e.fullResync().size).toBe(0);
    // a lost publish: the channel was told nothing about B's restock, and A's increase was held back by the delta
    e.applyPositions([pos('A', 'WH-EAST', 8), pos('B', 'WH-EAST', 9)]);
    const held = e.recompute();
    expect(values(held)).toEqual(['amazon:A=5→8', 'amazon:B=7→9']);
    e.confirm(held);
    expect(values(e.fullResync())).toEqual(['shop:A=5→8', 'shop:B=7→9']);
    expect(values(e.fullResync(['amazon']))).toEqual([]);
  });

  it('clears the dirty set only when every channel was resynced', () => {
    const e = engineWith([channel('shop'), channel('amazon')]);
    e.applyPosition(pos('A', 'WH-EAST', 5));
    e.fullResync(['shop']);
    expect(e.dirtyCount).toBe(1);
    e.fullResync();
    expect(e.dirtyCount).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  CONTROL_NUMBER_MAX,
  InMemoryControlNumberStore,
  formatControlNumber,
  nextControlNumber,
} from './index.js';

describe('control numbers', () => {
  it('are unique per partner and kind, starting at 1', async () => {
    const store = new InMemoryControlNumberStore();
    const a = [
      await store.nextInterchange('a'),
      await store.nextInterchange('a'),
      await store.nextInterchange('a'),
    ];
    expect(a).toEqual([1, 2, 3]);
    expect(await store.nextInterchange('b')).toBe(1);
    expect(await store.nextGroup('a')).toBe(1);
    expect(await store.nextTransactionSet('a')).toBe(1);
  });

  it('wrap from 999999999 to 1 and never issue 0', () => {
    expect(CONTROL_NUMBER_MAX.interchange).toBe(999_999_999);
    expect(nextControlNumber('interchange', 999_999_999)).toBe(1);
    expect(nextControlNumber('group', 999_999_998)).toBe(999_999_999);
    expect(nextControlNumber('set', 0)).toBe(1);
    expect(nextControlNumber('set', undefined)).toBe(1);
  });

  it('are written in their X12 widths', () => {
    expect(formatControlNumber('interchange', 303)).toBe('000000303');
    expect(formatControlNumber('group', 303)).toBe('303');
    expect(formatControlNumber('set', 1)).toBe('0001');
    expect(formatControlNumber('set', 123456)).toBe('123456');
  });

  it('continue after a restart from the persisted snapshot', async () => {
    const first = new InMemoryControlNumberStore();
    await first.nextInterchange('a');
    await first.nextInterchange('a');
    await first.nextGroup('b');
    const snapshot = first.snapshot();
    expect(snapshot).toEqual({ a: { interchange: 2 }, b: { group: 1 } });
    const second = new InMemoryControlNumberStore(structuredClone(snapshot));
    expect(await second.nextInterchange('a')).toBe(3);
    expect(await second.nextGroup('b')).toBe(2);
  });
});

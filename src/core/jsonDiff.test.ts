import { expect, it } from 'vitest';
import { jsonDiff } from './jsonDiff.js';

it('names every changed, added and removed leaf by its path', () => {
  const before = { ref: 'eu-1', lines: [{ sku: 'LEGACY-0042', qty: 1 }], note: 'x', customer: { id: 7 } };
  const after = {
    ref: 'eu-1',
    lines: [
      { sku: 'SKU-00001', qty: 1 },
      { sku: 'B', qty: 2 },
    ],
    customer: { id: 7, vip: true },
  };
  expect(jsonDiff(before, after)).toEqual([
    { path: 'customer.vip', op: 'add', from: null, to: true },
    { path: 'lines[0].sku', op: 'change', from: 'LEGACY-0042', to: 'SKU-00001' },
    { path: 'lines[1]', op: 'add', from: null, to: { sku: 'B', qty: 2 } },
    { path: 'note', op: 'remove', from: 'x', to: null },
  ]);
  expect(jsonDiff(before, before)).toEqual([]);
  expect(jsonDiff('a', 'b')).toEqual([{ path: '(root)', op: 'change', from: 'a', to: 'b' }]);
  expect(jsonDiff({ a: 1 }, [1])).toEqual([{ path: '(root)', op: 'change', from: { a: 1 }, to: [1] }]);
});

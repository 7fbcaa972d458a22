import { describe, expect, it } from 'vitest';
import { diffJson } from './Json.js';

describe('diffJson: what an edit changes, shown before edit-and-replay', () => {
  it('names each changed leaf by its path, with before and after', () => {
    const failed = { ref: 'shop-us-1', line_items: [{ sku: 'LEGACY-0042', qty: 1 }], note: null };
    const edited = { ref: 'shop-us-1', line_items: [{ sku: 'SKU-00001', qty: 1 }], note: 'door' };
    expect(diffJson(failed, edited)).toEqual([
      { path: 'line_items[0].sku', from: 'LEGACY-0042', to: 'SKU-00001' },
      { path: 'note', from: null, to: 'door' },
    ]);
  });

  it('reports added and removed fields and array items, and nothing for an unchanged payload', () => {
    expect(diffJson({ a: 1, b: [1] }, { a: 1, b: [1, 2], c: true })).toEqual([
      { path: 'b[1]', from: undefined, to: 2 },
      { path: 'c', from: undefined, to: true },
    ]);
    expect(diffJson({ a: 1 }, {})).toEqual([{ path: 'a', from: 1, to: undefined }]);
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('treats a value that changes type as one change, not a walk into both', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: 'a', from: [1], to: { 0: 1 } }]);
    expect(diffJson('x', 5)).toEqual([{ path: '', from: 'x', to: 5 }]);
  });
});

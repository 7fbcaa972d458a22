import { describe, expect, it } from 'vitest';
import { route } from './routing.js';

const lines = [
  { lineId: '1', sku: 'A', quantity: 4 },
  { lineId: '2', sku: 'B', quantity: 2 },
];
const stock = new Map([
  ['east', new Map([['A', 4]])],
  [
    'west',
    new Map([
      ['A', 1],
      ['B', 5],
    ]),
  ],
]);

describe('release routing', () => {
  it('sends the whole order to the first warehouse that holds all of it', () => {
    const full = new Map([
      ...stock,
      [
        'west',
        new Map([
          ['A', 9],
          ['B', 9],
        ]),
      ],
    ]);
    expect(route(lines, ['east', 'west'], full, 'split')).toEqual([{ warehouse: 'west', lines }]);
  });
  it('splits by rule across warehouses in preference order', () => {
    expect(route(lines, ['east', 'west'], stock, 'split')).toEqual([
      { warehouse: 'east', lines: [lines[0]] },
      { warehouse: 'west', lines: [lines[1]] },
    ]);
  });
  it('keeps the order whole at the best-stocked warehouse under the single rule', () => {
    expect(route(lines, ['east', 'west'], stock, 'single')).toEqual([{ warehouse: 'east', lines }]);
  });
  it('puts what nobody holds on the first warehouse, where it backorders', () => {
    const short = [{ lineId: '1', sku: 'C', quantity: 3 }];
    expect(route(short, ['east', 'west'], stock, 'split')).toEqual([{ warehouse: 'east', lines: short }]);
  });
});

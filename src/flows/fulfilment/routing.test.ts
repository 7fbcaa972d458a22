import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import { route, sitesFor } from './routing.js';

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

describe('warehouses by Odoo company', () => {
  const sites = [
    { id: 'eu-wms', odooWarehouse: 'WH', odooLocations: ['WH/Stock'], company: 1 },
    { id: 'us-3pl', odooWarehouse: 'USINC', odooLocations: ['USINC/Stock'], company: 2 },
  ];
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(isFerryError(e) && e.code).toBe('config_invalid');
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it("offers an order only its own company's warehouses", () => {
    expect(sitesFor(sites, 'shop-us-1', undefined, 2).map((s) => s.id)).toEqual(['us-3pl']);
    expect(sitesFor(sites, 'shop-eu-1', undefined, 1).map((s) => s.id)).toEqual(['eu-wms']);
  });

  it("refuses an order asking for another company's warehouse, naming both companies", () => {
    expect(refusal(() => sitesFor(sites, 'shop-us-2', 'eu-wms', 2))).toBe(
      'order shop-us-2 books in Odoo company 2, but the warehouse it asks for, "eu-wms", ships for company 1',
    );
  });

  it('refuses an order of a company no warehouse ships for', () => {
    expect(refusal(() => sitesFor(sites, 'shop-x-1', undefined, 3))).toContain(
      'order shop-x-1 books in Odoo company 3, and no configured warehouse ships for it ("eu-wms" ships for company 1, "us-3pl" ships for company 2)',
    );
  });
});

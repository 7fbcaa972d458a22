import { describe, expect, it } from 'vitest';
import { isFerryError } from '../errors.js';
import { engineWith, pos } from './test-helpers/fixtures.js';

describe('positions and ownership', () => {
  it('refuses a position from a system that does not own the location, and keeps the owner’s', () => {
    const e = engineWith();
    expect(e.applyPosition(pos('A', '3PL', 10)).status).toBe('applied');
    const out = e.applyPosition(pos('A', '3PL', 99, 0, { source: 'odoo' }));
    expect(out.status).toBe('refused');
    if (out.status !== 'refused') return;
    expect(isFerryError(out.error)).toBe(true);
    expect(out.error.code).toBe('ownership_violation');
    expect(out.error.impact).toBe('oversell-risk');
    expect(out.error.message).toBe(
      'odoo does not own location 3PL (owner: wms:acme); position for A refused',
    );
    expect(out.error.entities).toEqual({ sku: 'A', location: '3PL' });
    expect(e.atp('shop', 'A')).toBe(10);
  });

  it('refuses a WMS position for an Odoo-owned location', () => {
    const e = engineWith();
    const out = e.applyPosition(pos('A', 'WH-EAST', 5, 0, { source: 'wms:acme' }));
    expect(out.status).toBe('refused');
    expect(e.skuCount).toBe(0);
    expect(e.dirtyCount).toBe(0);
  });

  it('refuses a position for a location without an owner', () => {
    const e = engineWith();
    const out = e.applyPosition(pos('A', 'NOWHERE', 5));
    expect(out.status === 'refused' && out.error.message).toBe(
      'location NOWHERE has no configured owner; position refused',
    );
  });

  it('refuses malformed quantities and as-of times instead of storing them', () => {
    const e = engineWith();
    expect(e.applyPosition(pos('A', 'WH-EAST', 1.5)).status).toBe('refused');
    expect(e.applyPosition(pos('A', 'WH-EAST', 2 ** 31)).status).toBe('refused');
    expect(e.applyPosition(pos('A', 'WH-EAST', 1, 0, { asOf: 'yesterday' })).status).toBe('refused');
  });

  it('ignores a position older than the one held', () => {
    const e = engineWith();
    const newer = pos('A', 'WH-EAST', 8);
    const older = { ...pos('A', 'WH-EAST', 50), asOf: '2025-12-31T00:00:00.000Z' };
    e.applyPosition(newer);
    const out = e.applyPosition(older);
    expect(out).toEqual({ status: 'stale', heldAsOf: newer.asOf });
    expect(e.atp('shop', 'A')).toBe(8);
  });

  it('computes what is free from on hand and reserved, not the partner’s available field', () => {
    const e = engineWith();
    e.applyPosition(pos('A', 'WH-EAST', 10, 4, { available: 10 }));
    expect(e.atp('shop', 'A')).toBe(6);
  });

  it('counts a batch by outcome and marks only changed SKUs dirty', () => {
    const e = engineWith();
    const p = pos('A', 'WH-EAST', 3);
    e.applyPosition(p);
    e.recompute();
    const r = e.applyPositions([p, pos('B', 'WH-EAST', 1), pos('C', '3PL', 1, 0, { source: 'odoo' })]);
    expect(r.changed).toBe(1);
    expect(r.unchanged).toBe(1);
    expect(r.refused.map((x) => x.position.sku)).toEqual(['C']);
    expect(e.recompute().size).toBe(1); // B only; A re-read the same numbers
  });
});

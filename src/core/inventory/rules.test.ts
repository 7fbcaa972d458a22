import { describe, expect, it } from 'vitest';
import { isFerryError } from '../errors.js';
import { InventoryEngine } from './engine.js';
import { NEUTRAL_RULE, allocate, allocationStep, layerRule } from './rules.js';
import type { RuleFields } from './rules.js';

const rule = (fields: RuleFields) => layerRule(NEUTRAL_RULE, fields, 'channel');

describe('allocate', () => {
  it('subtracts the safety buffer and never goes negative', () => {
    expect(allocate(10, rule({ bufferUnits: 3 }))).toBe(7);
    expect(allocate(3, rule({ bufferUnits: 3 }))).toBe(0);
    expect(allocate(1, rule({ bufferUnits: 3 }))).toBe(0);
    expect(allocate(-4, rule({}))).toBe(0);
  });

  it('takes a percentage of the buffered pool, floored to whole units', () => {
    expect(allocate(10, rule({ percent: 50 }))).toBe(5);
    expect(allocate(9, rule({ percent: 50 }))).toBe(4);
    expect(allocate(11, rule({ bufferUnits: 1, percent: 30 }))).toBe(3);
    expect(allocate(100, rule({ percent: 29.99 }))).toBe(29);
    // 0.24 % of 1250 is exactly 3; as a float fraction, 1250 * 0.0024 is 2.9999999999999996 and floors to 2
    expect(allocate(1250, rule({ percent: 0.24 }))).toBe(3);
    expect(allocate(1, rule({ percent: 99.99 }))).toBe(0);
  });

  it('caps at the maximum listed', () => {
    expect(allocate(500, rule({ maxUnits: 40 }))).toBe(40);
    expect(allocate(30, rule({ maxUnits: 40 }))).toBe(30);
    expect(allocationStep(500, rule({ maxUnits: 40 }))).toBe('max');
    expect(allocationStep(30, rule({ maxUnits: 40 }))).toBe('share');
  });

  it('shows zero while the buffered pool is below the threshold', () => {
    const r = rule({ bufferUnits: 2, zeroBelowUnits: 5 });
    expect(allocate(6, r)).toBe(0); // buffered 4 < 5
    expect(allocationStep(6, r)).toBe('below-threshold');
    expect(allocate(7, r)).toBe(5); // buffered 5 is not below 5
  });

  it('applies buffer, threshold, percentage and maximum in that order', () => {
    const r = rule({ bufferUnits: 4, zeroBelowUnits: 10, percent: 50, maxUnits: 20 });
    expect(allocate(13, r)).toBe(0); // buffered 9 < 10
    expect(allocate(14, r)).toBe(5); // buffered 10 → 50 % = 5
    expect(allocate(100, r)).toBe(20); // 48 capped at 20
  });

  it('layers overrides field by field and records the layers', () => {
    const base = rule({ bufferUnits: 2, percent: 50 });
    const cat = layerRule(base, { maxUnits: 10 }, 'category:bulk');
    const sku = layerRule(cat, { percent: 100 }, 'sku:A');
    expect(sku).toMatchObject({ bufferUnits: 2, basisPoints: 10_000, maxUnits: 10 });
    expect(sku.layers).toEqual(['channel', 'category:bulk', 'sku:A']);
  });
});

describe('inventory config', () => {
  const locations = [{ location: 'A', owner: 'odoo' }];

  it('refuses a channel naming a location nobody owns', () => {
    let err: unknown;
    try {
      new InventoryEngine({ locations, channels: [{ channel: 'c', version: 'v', locations: ['B'] }] });
    } catch (e) {
      err = e;
    }
    expect(isFerryError(err) && err.code).toBe('config_invalid');
    expect(String((err as Error).message)).toContain('unknown location B');
  });

  it('refuses duplicate locations and channels, and bad percentages', () => {
    expect(
      () =>
        new InventoryEngine({
          locations: [...locations, { location: 'A', owner: 'wms:x' }],
          channels: [{ channel: 'c', version: 'v', locations: ['A'] }],
        }),
    ).toThrow('duplicate location A');
    const ch = { channel: 'c', version: 'v', locations: ['A'] };
    expect(() => new InventoryEngine({ locations, channels: [ch, ch] })).toThrow('duplicate channel c');
    expect(
      () => new InventoryEngine({ locations, channels: [{ ...ch, rule: { percent: 33.333 } }] }),
    ).toThrow('at most 2 decimals');
    expect(() => new InventoryEngine({ locations, channels: [{ ...ch, rule: { percent: 120 } }] })).toThrow();
  });
});

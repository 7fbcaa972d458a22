import { describe, expect, it } from 'vitest';
import { isStale, transition } from './lifecycle.js';

describe('order lifecycle', () => {
  it('moves forward, possibly skipping states, and repeats are idempotent', () => {
    expect(transition('received', 'validated')).toEqual({
      kind: 'applied',
      from: 'received',
      to: 'validated',
    });
    expect(transition('accepted', 'shipped')).toMatchObject({ kind: 'applied' });
    expect(transition('accepted', 'accepted')).toEqual({ kind: 'unchanged', state: 'accepted' });
    expect(transition('shipped_partially', 'shipped_partially')).toMatchObject({ kind: 'applied' });
    expect(transition('shipped', 'delivered')).toMatchObject({ kind: 'applied' });
    expect(transition('delivered', 'return_requested')).toMatchObject({ kind: 'applied' });
  });
  it('refuses going back and cancelling after shipment, naming why', () => {
    expect(transition('shipped', 'released')).toEqual({
      kind: 'refused',
      from: 'shipped',
      to: 'released',
      reason: 'released is behind shipped',
    });
    expect(transition('shipped', 'cancelled')).toEqual({
      kind: 'refused',
      from: 'shipped',
      to: 'cancelled',
      reason: 'the order is already shipped',
    });
    expect(transition('released', 'cancelled')).toMatchObject({ kind: 'applied' });
    expect(transition('cancelled', 'accepted')).toMatchObject({
      kind: 'refused',
      reason: 'the order is cancelled',
    });
  });
  it('lets a rejected order be corrected and replayed', () => {
    expect(transition('rejected', 'validated')).toMatchObject({ kind: 'applied' });
  });
  it('detects stale events by timestamp', () => {
    expect(isStale('2026-01-01T10:00:00Z', '2026-01-01T09:59:59Z')).toBe(true);
    expect(isStale('2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')).toBe(false);
    expect(isStale(null, '2026-01-01T10:00:00Z')).toBe(false);
  });
});

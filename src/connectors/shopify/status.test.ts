import { describe, expect, it } from 'vitest';
import { shopifyChannelStatus } from './status.js';
import { detectShopifyOrderDrift } from './drift.js';
import { usOrder } from './test-helpers/orders.js';

describe('shopifyChannelStatus', () => {
  it.each([
    [{ financial_status: 'paid', fulfillment_status: null }, 'received', true],
    [{ financial_status: 'pending', fulfillment_status: null }, 'received', false],
    [{ financial_status: 'authorized', fulfillment_status: 'partial' }, 'shipped_partially', true],
    [{ financial_status: 'paid', fulfillment_status: 'fulfilled' }, 'shipped_fully', true],
    [{ financial_status: 'refunded', fulfillment_status: 'fulfilled' }, 'refunded', false],
    [{ financial_status: 'voided', cancelled_at: '2026-03-01T00:00:00Z' }, 'cancelled', false],
    [{ financial_status: 'refunded', cancelled_at: '2026-03-01T00:00:00Z' }, 'cancelled', false],
  ] as const)('%o → %s', (input, state, secured) => {
    expect(shopifyChannelStatus(input)).toEqual({ state, paymentSecured: secured, unknownStatuses: [] });
  });

  it('reports statuses from a newer API version instead of guessing', () => {
    expect(shopifyChannelStatus({ financial_status: 'expired', fulfillment_status: 'on_hold' })).toEqual({
      state: 'received',
      paymentSecured: false,
      unknownStatuses: ['financial_status=expired', 'fulfillment_status=on_hold'],
    });
  });
});

describe('detectShopifyOrderDrift', () => {
  it('finds nothing in a 2026-04 payload', () => {
    expect(detectShopifyOrderDrift(usOrder())).toEqual([]);
  });

  it('reports new top-level fields, changed types and vanished fields, once per line path', () => {
    const o = usOrder();
    o.loyalty_points = 12;
    o.taxes_included = 'true';
    delete o.financial_status;
    for (const li of o.line_items as Record<string, unknown>[]) li.price = 25;
    expect(detectShopifyOrderDrift(o)).toEqual([
      { path: 'taxes_included', kind: 'type_changed', expected: 'boolean', actual: 'string' },
      { path: 'financial_status', kind: 'missing', expected: 'string|null' },
      { path: 'loyalty_points', kind: 'new_field' },
      { path: 'line_items[].price', kind: 'type_changed', expected: 'string', actual: 'number' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { findAlerts, type AlertInputs } from './rules.js';
import { tradingWindowStart } from './tradingHours.js';

const amsterdam = {
  timeZone: 'Europe/Amsterdam',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '18:00',
};
const at = (iso: string) => Date.parse(iso);
const inputs = (now: number, lastOrderAt: number): AlertInputs => ({
  now,
  startedAt: at('2026-11-01T00:00:00Z'),
  lastOrderAt: { 'shop-eu': lastOrderAt },
  lanes: [],
  breakers: [],
  exceptionsInWindow: 0,
  unacknowledged: [],
});

describe('trading hours per channel', () => {
  it('finds the opening of the window in local time, across daylight saving', () => {
    // Winter: CET = UTC+1; 08:00 local is 07:00Z. Summer: CEST = UTC+2; 08:00 local is 06:00Z.
    expect(tradingWindowStart(at('2026-12-07T09:30:00Z'), amsterdam)).toBe(at('2026-12-07T07:00:00Z'));
    expect(tradingWindowStart(at('2026-07-06T09:30:00Z'), amsterdam)).toBe(at('2026-07-06T06:00:00Z'));
    expect(tradingWindowStart(at('2026-12-07T06:59:00Z'), amsterdam)).toBeNull(); // 07:59 local
    expect(tradingWindowStart(at('2026-12-07T17:00:00Z'), amsterdam)).toBeNull(); // 18:00 local
    expect(tradingWindowStart(at('2026-12-05T12:00:00Z'), amsterdam)).toBeNull(); // Saturday
  });

  it('"no orders for 60 minutes" stays silent while the channel is closed and counts from the opening', () => {
    const options = { noOrdersMinutes: { 'shop-eu': 60 }, tradingHours: { 'shop-eu': amsterdam } };
    const fridayEvening = at('2026-12-04T16:30:00Z');
    // Saturday noon: a day without orders, and the shop does not trade.
    expect(findAlerts(options, inputs(at('2026-12-05T11:00:00Z'), fridayEvening))).toEqual([]);
    // Monday 08:30 local: 30 minutes of trading without an order.
    expect(findAlerts(options, inputs(at('2026-12-07T07:30:00Z'), fridayEvening))).toEqual([]);
    // Monday 09:05 local: 65 minutes.
    expect(findAlerts(options, inputs(at('2026-12-07T08:05:00Z'), fridayEvening))).toEqual([
      {
        rule: 'no_orders',
        subject: 'shop-eu',
        message: 'no orders from shop-eu for 65 minutes (threshold 60)',
      },
    ]);
    // Without trading hours the same Saturday alarms, as before.
    expect(
      findAlerts({ noOrdersMinutes: { 'shop-eu': 60 } }, inputs(at('2026-12-05T11:00:00Z'), fridayEvening)),
    ).toHaveLength(1);
  });
});

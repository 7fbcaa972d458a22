import { describe, expect, it } from 'vitest';
import { cronEvery, nextCronRun } from './scheduler.js';

describe('cronEvery', () => {
  it('fires every N seconds below a minute and every whole N minutes from 60 s', () => {
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
    const gap = (s: number) =>
      nextCronRun(cronEvery(s), nextCronRun(cronEvery(s), t0)) - nextCronRun(cronEvery(s), t0);
    expect(gap(5)).toBe(5_000);
    expect(gap(30)).toBe(30_000);
    expect(gap(60)).toBe(60_000);
    expect(gap(600)).toBe(600_000);
  });
});

describe('a schedule in a time zone', () => {
  it('fires at local time, following daylight saving', () => {
    // 06:00 in Amsterdam: 05:00Z in winter (CET), 04:00Z in summer (CEST).
    expect(
      new Date(
        nextCronRun('0 6 * * *', Date.parse('2026-12-07T00:00:00Z'), 'x', 'Europe/Amsterdam'),
      ).toISOString(),
    ).toBe('2026-12-07T05:00:00.000Z');
    expect(
      new Date(
        nextCronRun('0 6 * * *', Date.parse('2026-07-06T00:00:00Z'), 'x', 'Europe/Amsterdam'),
      ).toISOString(),
    ).toBe('2026-07-06T04:00:00.000Z');
    expect(new Date(nextCronRun('0 6 * * *', Date.parse('2026-07-06T00:00:00Z'))).toISOString()).toBe(
      '2026-07-06T06:00:00.000Z',
    );
  });
});

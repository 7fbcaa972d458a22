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

import { describe, expect, it } from 'vitest';
import { formatAge, formatTime } from './prefs.js';

describe('times and ages as a person reads them', () => {
  it('shows UTC with its name, and local time with its offset', () => {
    const ms = Date.UTC(2026, 11, 6, 8, 5, 9);
    expect(formatTime(ms, 'utc')).toBe('2026-12-06 08:05:09 UTC');
    expect(formatTime(ms, 'local')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
    const back = Date.parse(
      formatTime(ms, 'local')
        .replace(' ', 'T')
        .replace(/ ([+-])/, '$1'),
    );
    expect(back).toBe(ms);
  });

  it('gives an age in the largest sensible unit', () => {
    expect(formatAge(45_000)).toBe('45 s');
    expect(formatAge(12 * 60_000)).toBe('12 min');
    expect(formatAge((3 * 60 + 5) * 60_000)).toBe('3 h 5 min');
    expect(formatAge(3 * 86_400_000)).toBe('3 d');
  });
});

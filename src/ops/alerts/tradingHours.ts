/** Trading hours of a channel in its own time zone, for alerts that only make sense while it trades. */
export interface TradingHours {
  /** IANA zone, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** Days it trades, lower-case three letters (mon … sun). */
  days: readonly string[];
  /** Local opening time, HH:MM. */
  from: string;
  /** Local closing time, HH:MM, after `from` (a window never crosses midnight). */
  to: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the trading window that contains `now` opened (epoch ms), or null outside trading hours.
 * Local time comes from Intl, so daylight-saving changes follow the zone's rules.
 */
export function tradingWindowStart(now: number, th: TradingHours): number | null {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: th.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const day = DAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))];
  if (!day || !th.days.includes(day)) return null;
  const local = Number(get('hour')) * 60 + Number(get('minute'));
  if (local < minutes(th.from) || local >= minutes(th.to)) return null;
  const sinceOpenMs = ((local - minutes(th.from)) * 60 + Number(get('second'))) * 1000 + (now % 1000);
  return now - sinceOpenMs;
}

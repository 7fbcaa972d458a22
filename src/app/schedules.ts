import type { ScheduleDefinition } from '../engine/index.js';
import type { FerryConfig } from '../ops/config/index.js';

/** A channel's own schedules (its poll, its inventory resync) run in its trading time zone, when it has one. */
export function channelTimeZone(config: FerryConfig, channel: string): { timeZone?: string } {
  const tz = config.channels.find((c) => c.id === channel)?.tradingHours?.timeZone;
  return tz ? { timeZone: tz } : {};
}

/**
 * Every schedule without a zone of its own is read in `schedules.timeZone`: the daily purge's
 * '17 3 * * *' means 03:17 there, through daylight saving.
 */
export function zonedSchedules(config: FerryConfig, defs: ScheduleDefinition[]): ScheduleDefinition[] {
  return defs.map((s) => (s.timeZone ? s : { ...s, timeZone: config.schedules.timeZone }));
}

import type { ScheduleDefinition } from '../engine/index.js';

/**
 * Every schedule without a zone of its own is read in `schedules.timeZone`: the daily purge's
 * '17 3 * * *' means 03:17 there, through daylight saving.
 */
export function zonedSchedules(timeZone: string, defs: ScheduleDefinition[]): ScheduleDefinition[] {
  return defs.map((s) => (s.timeZone ? s : { ...s, timeZone }));
}

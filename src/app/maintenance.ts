import { defineTask, type ScheduleDefinition } from '../engine/index.js';

export const MAINTENANCE_LANE = 'maintenance';
const DAY_MS = 86_400_000;

/** Daily retention: raw inbox messages and finished jobs older than the configured days. */
export function maintenanceTasks(retentionDays: number) {
  return [
    defineTask({
      name: 'ferry.purge',
      lane: MAINTENANCE_LANE,
      handle: async (ctx) => {
        await ctx.store.purgeBefore(ctx.clock.now() - retentionDays * DAY_MS);
      },
    }),
  ];
}

export const maintenanceSchedules: ScheduleDefinition[] = [
  { name: 'ferry.purge', cron: '17 3 * * *', lane: MAINTENANCE_LANE, task: 'ferry.purge' },
];

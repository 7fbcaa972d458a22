/**
 * The completeness report wired to this process's channel clients and Odoo, and its hourly check
 * on the maintenance lane, which raises one `completeness` alert per channel and stage with orders
 * missing past the stage's service level (and ends it once they are found).
 */
import type { Clock } from '../core/clock.js';
import { defineTask, type AnyTask, type ScheduleDefinition } from '../engine/index.js';
import {
  COMPLETENESS_RULE,
  completenessFindings,
  completenessReports,
  type CompletenessReport,
} from '../ops/completeness/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import type { Store } from '../store/index.js';
import { MAINTENANCE_LANE } from './maintenance.js';
import type { Partners } from './partners.js';

export const COMPLETENESS_TASK = 'completeness.check';
const DAY_MS = 86_400_000;

export interface CompletenessWiring {
  /** The report for a UTC day (YYYY-MM-DD), for one channel or all. */
  report: (date: string, channel?: string) => Promise<CompletenessReport[]>;
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
}

export function wireCompleteness(
  config: FerryConfig,
  deps: { store: Store; clock: Clock; partners: Pick<Partners, 'channels' | 'odoo'> },
): CompletenessWiring {
  const report = (date: string, channel?: string): Promise<CompletenessReport[]> =>
    completenessReports(
      {
        store: deps.store,
        clock: deps.clock,
        sla: config.completeness,
        channels: deps.partners.channels,
        odoo: deps.partners.odoo,
      },
      date,
      channel,
    );
  const polled = [...deps.partners.channels.values()].some((c) => c.client);
  if (!deps.partners.odoo || !polled) return { report, tasks: [], schedules: [] };
  const task = defineTask({
    name: COMPLETENESS_TASK,
    lane: MAINTENANCE_LANE,
    handle: async (ctx) => {
      const now = ctx.clock.now();
      const days = [now - DAY_MS, now].map((t) => new Date(t).toISOString().slice(0, 10));
      const reports: CompletenessReport[] = [];
      for (const day of days) reports.push(...(await report(day)));
      await ctx.store.transaction((tx) =>
        tx.alerts.recordRuleAlerts(COMPLETENESS_RULE, completenessFindings(reports), now),
      );
    },
  });
  return {
    report,
    tasks: [task],
    schedules: [
      { name: COMPLETENESS_TASK, cron: '7 * * * *', lane: MAINTENANCE_LANE, task: COMPLETENESS_TASK },
    ],
  };
}

/**
 * Alerts wired from the configuration: one monitor per process (each keeps its API and /metrics
 * view current from the store) and one scheduled evaluation per firing across all processes, on the
 * maintenance lane.
 */
import type { Clock } from '../core/clock.js';
import {
  cronEvery,
  defineTask,
  type AnyTask,
  type PartnerGuard,
  type ScheduleDefinition,
} from '../engine/index.js';
import { AlertMonitor, type AlertNotifier } from '../ops/alerts/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import type { Store } from '../store/index.js';
import type { SecretResolver } from './flows.js';
import { MAINTENANCE_LANE } from './maintenance.js';

export const ALERTS_TASK = 'alerts.evaluate';

export interface AlertWiring {
  monitor: AlertMonitor;
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
}

export function wireAlerts(
  config: FerryConfig,
  deps: {
    store: Store;
    clock: Clock;
    partners: () => readonly PartnerGuard[];
    resolveSecret: SecretResolver;
    notify?: AlertNotifier;
    onError: (e: unknown) => void;
  },
): AlertWiring {
  const a = config.alerts;
  const webhookUrl =
    a.webhookUrl && /^(secret|env):/.test(a.webhookUrl)
      ? deps.resolveSecret(a.webhookUrl, 'alerts.webhookUrl')
      : a.webhookUrl;
  const monitor = new AlertMonitor({
    store: deps.store,
    clock: deps.clock,
    options: {
      ...(Object.keys(a.noOrdersMinutes).length ? { noOrdersMinutes: a.noOrdersMinutes } : {}),
      queueAge: a.queueAge,
      breakerOpen: a.breakerOpen,
      exceptionGrowth: a.exceptionGrowth,
      unacknowledgedEdi: a.unacknowledgedEdi,
      ...(webhookUrl ? { webhookUrl } : {}),
    },
    partners: deps.partners,
    ...(deps.notify ? { notify: deps.notify } : {}),
    onError: deps.onError,
  });
  const task = defineTask({
    name: ALERTS_TASK,
    lane: MAINTENANCE_LANE,
    // A failed evaluation is reported, not retried: the next firing evaluates afresh.
    handle: async () => {
      await monitor.evaluate().catch(deps.onError);
    },
  });
  return {
    monitor,
    tasks: [task],
    schedules: [
      { name: ALERTS_TASK, cron: cronEvery(a.everySeconds), lane: MAINTENANCE_LANE, task: ALERTS_TASK },
    ],
  };
}

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
import {
  AlertMonitor,
  PAGERDUTY_EVENTS_URL,
  pagerDutySender,
  slackSender,
  smtpSender,
  type AlertNotifier,
  type AlertSender,
} from '../ops/alerts/index.js';
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

/** Slack, e-mail and PagerDuty senders from `alerts`, their secrets resolved once here. */
export function alertSenders(a: FerryConfig['alerts'], resolve: SecretResolver): AlertSender[] {
  const out: AlertSender[] = [];
  if (a.slack) out.push(slackSender(resolve(a.slack.webhookUrl, 'alerts.slack.webhookUrl')));
  if (a.email) {
    const e = a.email;
    out.push(
      smtpSender({
        host: e.host,
        ...(e.port !== undefined ? { port: e.port } : {}),
        secure: e.secure,
        ...(e.starttls !== undefined ? { starttls: e.starttls } : {}),
        ...(e.username !== undefined ? { username: e.username } : {}),
        ...(e.password ? { password: resolve(e.password, 'alerts.email.password') } : {}),
        from: e.from,
        to: e.to,
      }),
    );
  }
  if (a.pagerduty)
    out.push(
      pagerDutySender(
        resolve(a.pagerduty.routingKey, 'alerts.pagerduty.routingKey'),
        a.pagerduty.url ?? PAGERDUTY_EVENTS_URL,
      ),
    );
  return out;
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
  const tradingHours = Object.fromEntries(
    config.channels.flatMap((c) => (c.tradingHours ? [[c.id, c.tradingHours] as const] : [])),
  );
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
      ...(Object.keys(tradingHours).length ? { tradingHours } : {}),
    },
    senders: alertSenders(a, deps.resolveSecret),
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

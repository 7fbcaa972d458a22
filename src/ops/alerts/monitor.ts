import { iso, type Clock } from '../../core/clock.js';
import type { PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import type { AlertNotice } from '../../store/admin/index.js';
import { findAlerts, type ActiveAlert, type AlertOptions, type AlertRule } from './rules.js';
import { postJson, type AlertNotification, type AlertSender } from './senders/index.js';

/** Sends one alert notification to the generic webhook; the default POSTs JSON with a 5 s timeout. */
export type AlertNotifier = (url: string, body: unknown) => Promise<void>;

const postAlert: AlertNotifier = (url, body) => postJson('alert webhook', url, body);

/**
 * Evaluates the alert rules and keeps what fires in the store, so every process shows the same
 * alerts and an evaluation run by the scheduler counts once across processes. An alert keeps its
 * start time while it fires; the webhook hears each start and each end once, and a notification it
 * refused is sent again at the next evaluation.
 */
export class AlertMonitor {
  private cached: ActiveAlert[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: number;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      options: AlertOptions;
      partners?: () => readonly PartnerGuard[];
      notify?: AlertNotifier;
      /** Slack, e-mail, PagerDuty …, each sent every start and end besides the webhook. */
      senders?: readonly AlertSender[];
      /** Called when a notification or a refresh fails; alerts must not fail silently. */
      onError?: (e: unknown) => void;
    },
  ) {
    this.startedAt = deps.clock.now();
  }

  /** Alerts firing now, oldest first, as last read from the store. */
  active(): ActiveAlert[] {
    return this.cached;
  }

  /** Re-reads the firing alerts from the store. */
  async refresh(): Promise<ActiveAlert[]> {
    const rows = await this.deps.store.alerts.activeAlerts();
    this.cached = rows.map((r) => ({
      rule: r.rule as AlertRule,
      subject: r.subject,
      message: r.message,
      since: r.since,
    }));
    return this.cached;
  }

  /** One evaluation: gathers the inputs, records starts and ends, sends what is owed. */
  async evaluate(): Promise<ActiveAlert[]> {
    const { store, clock, options } = this.deps;
    const now = clock.now();
    const windowMs = (options.exceptionGrowth?.windowMinutes ?? 0) * 60_000;
    const [lastOrderAt, lanes, exceptionsInWindow, unacknowledged, subscriptions] = await Promise.all([
      options.noOrdersMinutes ? store.orders.lastOrderAtByChannel() : {},
      options.queueAge ? store.jobs.jobStats(now) : [],
      options.exceptionGrowth ? store.exceptions.countExceptionsCreated(now - windowMs, now + 1) : 0,
      options.unacknowledgedEdi ? store.interchanges.unacknowledgedInterchanges(now) : [],
      store.events.listSubscriptions(),
    ]);
    // Disabled by Ferry for failing, not by a person: that one is a decision, not an incident.
    const disabledEndpoints = subscriptions
      .filter((s) => !s.enabled && s.disabledReason?.startsWith('failing since'))
      .map((s) => ({ name: s.name, reason: s.disabledReason ?? '' }));
    const breakers = (this.deps.partners?.() ?? []).map((g) => ({ name: g.name, state: g.state }));
    const found = findAlerts(options, {
      now,
      startedAt: this.startedAt,
      lastOrderAt,
      lanes,
      breakers,
      exceptionsInWindow,
      unacknowledged,
      disabledEndpoints,
    });
    await store.transaction((tx) => tx.alerts.recordAlerts(found, now));
    await this.sendOwed(now);
    return this.refresh();
  }

  /** Keeps `active()` current in every process, evaluating or not. Default every 10 s. */
  start(refreshEveryMs = 10_000): void {
    void this.refresh().catch((e: unknown) => this.deps.onError?.(e));
    this.timer = setInterval(
      () => void this.refresh().catch((e: unknown) => this.deps.onError?.(e)),
      refreshEveryMs,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private senders(): AlertSender[] {
    const url = this.deps.options.webhookUrl;
    const notify = this.deps.notify ?? postAlert;
    return [
      ...(url ? [{ name: 'webhook', send: (n: AlertNotification) => notify(url, n) }] : []),
      ...(this.deps.senders ?? []),
    ];
  }

  /**
   * Sends each owed notice to every destination. A destination that refuses releases the notice:
   * all are sent it again at the next evaluation (at least once; PagerDuty's dedup key folds the
   * repeat), and the rest wait, so each destination hears starts and ends in order.
   */
  private async sendOwed(now: number): Promise<void> {
    const senders = this.senders();
    if (senders.length === 0) return;
    const alerts = this.deps.store.alerts;
    for (const n of await alerts.pendingAlertNotices()) {
      if (!(await alerts.claimAlertNotice(n, now))) continue; // another evaluator sends it
      for (const sender of senders)
        try {
          await sender.send(notification(n));
        } catch (e) {
          await alerts.releaseAlertNotice(n);
          this.deps.onError?.(
            new Error(`alert to ${sender.name} failed: ${(e as Error).message}`, { cause: e }),
          );
          return;
        }
    }
  }
}

function notification(n: AlertNotice): AlertNotification {
  const a = n.alert;
  return {
    status: n.status,
    rule: a.rule,
    subject: a.subject,
    message: a.message,
    since: iso(a.since),
    ...(a.resolvedAt !== null ? { resolvedAt: iso(a.resolvedAt) } : {}),
  };
}

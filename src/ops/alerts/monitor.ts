import type { Clock } from '../../core/clock.js';
import type { PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import {
  countExceptionsCreated,
  lastOrderAtByChannel,
  unacknowledgedInterchanges,
} from '../../store/admin/index.js';
import { findAlerts, type ActiveAlert, type AlertOptions } from './rules.js';

/** Sends one alert notification; the default POSTs JSON with a 5 s timeout. */
export type AlertNotifier = (url: string, body: unknown) => Promise<void>;

const postJson: AlertNotifier = async (url, body) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  if (!r.ok) throw new Error(`alert webhook answered ${r.status}`);
};

/**
 * Evaluates the alert rules periodically and keeps what fires. An alert keeps its start time while
 * it fires; the webhook hears about each start and each end, not every evaluation.
 */
export class AlertMonitor {
  private firing = new Map<string, ActiveAlert>();
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: number;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      options: AlertOptions;
      partners?: () => readonly PartnerGuard[];
      notify?: AlertNotifier;
      /** Called when a notification fails; alerts must not fail silently. */
      onError?: (e: unknown) => void;
    },
  ) {
    this.startedAt = deps.clock.now();
  }

  /** Alerts firing now, oldest first. */
  active(): ActiveAlert[] {
    return [...this.firing.values()].sort((a, b) => a.since - b.since);
  }

  async evaluate(): Promise<ActiveAlert[]> {
    const { store, clock, options } = this.deps;
    const now = clock.now();
    const windowMs = (options.exceptionGrowth?.windowMinutes ?? 0) * 60_000;
    const [lastOrderAt, lanes, exceptionsInWindow, unacknowledged] = await Promise.all([
      options.noOrdersMinutes ? lastOrderAtByChannel(store.db) : {},
      options.queueAge ? store.jobStats(now) : [],
      options.exceptionGrowth ? countExceptionsCreated(store.db, now - windowMs, now + 1) : 0,
      options.unacknowledgedEdi ? unacknowledgedInterchanges(store.db, now) : [],
    ]);
    const breakers = (this.deps.partners?.() ?? []).map((g) => ({ name: g.name, state: g.state }));
    const found = findAlerts(options, {
      now,
      startedAt: this.startedAt,
      lastOrderAt,
      lanes,
      breakers,
      exceptionsInWindow,
      unacknowledged,
    });
    const next = new Map<string, ActiveAlert>();
    const started: ActiveAlert[] = [];
    for (const f of found) {
      const key = `${f.rule}/${f.subject}`;
      const prev = this.firing.get(key);
      const a = { ...f, since: prev?.since ?? now };
      next.set(key, a);
      if (!prev) started.push(a);
    }
    const ended = [...this.firing].filter(([k]) => !next.has(k)).map(([, a]) => a);
    this.firing = next;
    await this.send(started, ended, now);
    return this.active();
  }

  start(everyMs = 30_000): void {
    this.timer = setInterval(
      () => void this.evaluate().catch((e: unknown) => this.deps.onError?.(e)),
      everyMs,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async send(started: ActiveAlert[], ended: ActiveAlert[], now: number): Promise<void> {
    const url = this.deps.options.webhookUrl;
    if (!url) return;
    const notify = this.deps.notify ?? postJson;
    const all = [
      ...started.map((a) => ({ status: 'firing', ...a })),
      ...ended.map((a) => ({ status: 'resolved', ...a, resolvedAt: now })),
    ];
    for (const body of all) await notify(url, body).catch((e: unknown) => this.deps.onError?.(e));
  }
}

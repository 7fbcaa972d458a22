/**
 * The console's health overview (DESIGN.md §8): flows × partners, service levels against their
 * targets, lanes, breakers, webhooks and channels gone silent, in one answer that is quiet when
 * all is well (`healthy`, and `attention` empty). Every number comes with `href`, the list behind
 * it: a console screen (`/console/...`) or, where the console has none, the admin API's list.
 */
import type { Clock } from '../../../core/clock.js';
import type { PartnerGuard } from '../../../engine/index.js';
import type { Store } from '../../../store/index.js';
import { MAINTENANCE_LANE } from '../../../ops/config/index.js';
import type { ActiveAlert } from '../context.js';
import type { SettingsService } from './settings.js';
import { measureServiceLevels, type ServiceLevelResult, type ServiceLevelTarget } from './serviceLevels.js';

/** A count and the list it counts. */
export interface Figure {
  value: number;
  href: string;
}

/** What the overview is configured with; everything has a quiet default. */
export interface OverviewOptions {
  /** Configured channel ids: each is watched for silence and for webhooks. */
  channels?: readonly string[];
  /** Inbound sources besides the channels' (`wms:<warehouse>`). */
  webhookSources?: readonly string[];
  serviceLevels?: readonly ServiceLevelTarget[];
  /** Channel → minutes without an order that need attention (the `no_orders` alert's setting). */
  noOrdersMinutes?: Readonly<Record<string, number>>;
  /** Lanes whose oldest due job needs attention past `maxAgeSeconds` (the `queue_age` alert's). */
  queueAge?: { lanes: readonly string[]; maxAgeSeconds: number };
}

export interface FlowRow {
  flow: string;
  partner: string;
  completed: Figure;
  failed: Figure;
  perHour: number;
  /** failed / (completed + failed); null when nothing ran. */
  failureRate: number | null;
}

export interface Overview {
  generatedAt: number;
  windowMinutes: number;
  healthy: boolean;
  /** What needs a person, in words, with the list to open; empty when all is well. */
  attention: { kind: string; subject: string; message: string; href: string }[];
  exceptions: { open: Figure; byImpact: { impact: string; open: Figure }[] };
  flows: FlowRow[];
  serviceLevels: ServiceLevelResult[];
  lanes: {
    lane: string;
    depth: Figure;
    running: number;
    oldestAgeMs: number;
    paused: boolean;
    overAge: boolean;
  }[];
  breakers: { partner: string; state: string; health: string; href: string }[];
  webhooks: {
    source: string;
    lastReceivedAt: number | null;
    received: Figure;
    refused: Figure;
  }[];
  channels: {
    channel: string;
    lastOrderAt: number | null;
    orders: Figure;
    quietMinutes: number | null;
    thresholdMinutes: number | null;
    silent: boolean;
  }[];
  alerts: ActiveAlert[];
  /** Orders stored per twelfth of the window, oldest first (bucket starts in epoch ms). */
  series: { at: number[]; orders: number[] };
}

/** Buckets of the throughput series: a twelfth of the window each (5 minutes of the default hour). */
const BUCKETS = 12;

const q = (params: Record<string, string | number | undefined>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};
const exceptionsHref = (p: Record<string, string | number | undefined>) => `/console/exceptions${q(p)}`;

/** Builds the overview from the store, this process's guards and the alerts firing. */
export class OverviewService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly partners: () => readonly PartnerGuard[],
    private readonly alerts: (() => ActiveAlert[]) | undefined,
    private readonly o: OverviewOptions = {},
  ) {}

  /** The overview over the last `windowMinutes` (default 60). */
  async overview(windowMinutes = 60): Promise<Overview> {
    const now = this.clock.now();
    const windowMs = windowMinutes * 60_000;
    const from = now - windowMs;
    const channels = this.o.channels ?? [];
    const sources = [...channels.map((c) => `shopify:${c}`), ...(this.o.webhookSources ?? [])];
    const h = this.store.health;
    const step = windowMs / BUCKETS;
    const [outcomes, byImpact, lanes, hooks, perChannel, serviceLevels, buckets] = await Promise.all([
      // Ferry's own housekeeping (retention, alert evaluation) is no partner's flow.
      h.flowOutcomes(from, [MAINTENANCE_LANE]),
      h.openByImpact(),
      this.settings.lanes(),
      h.webhookStats(from, sources),
      h.channelOrders(channels, from),
      measureServiceLevels(this.store, this.o.serviceLevels ?? [], now, windowMs),
      h.ordersPerBucket(from, step),
    ]);
    const series = {
      at: Array.from({ length: BUCKETS }, (_, i) => Math.round(from + i * step)),
      orders: new Array<number>(BUCKETS).fill(0),
    };
    for (const b of buckets) series.orders[Math.min(BUCKETS - 1, b.bucket)]! += b.n;
    const alerts = this.alerts?.() ?? [];
    const attention: Overview['attention'] = [];

    const flows: FlowRow[] = outcomes.map((f) => {
      const ran = f.completed + f.failed;
      const partnerFilter = channels.includes(f.partner) ? { q: `${f.partner}-` } : { partner: f.partner };
      return {
        flow: f.task,
        partner: f.partner,
        completed: { value: f.completed, href: `/api/jobs${q({ task: f.task, state: 'completed' })}` },
        failed: {
          value: f.failed,
          href: exceptionsHref({ status: 'open', task: f.task, ...partnerFilter, maxAgeMs: windowMs }),
        },
        perHour: Math.round((f.completed * 60) / windowMinutes),
        failureRate: ran === 0 ? null : f.failed / ran,
      };
    });

    const queueAge = this.o.queueAge;
    const laneRows = lanes.map((l) => {
      const overAge =
        !!queueAge && queueAge.lanes.includes(l.lane) && l.oldestDueAgeMs > queueAge.maxAgeSeconds * 1000;
      const depth = { value: l.due, href: `/api/jobs${q({ lane: l.lane, state: 'ready' })}` };
      if (overAge)
        attention.push({
          kind: 'lane',
          subject: l.lane,
          message: `lane ${l.lane}: ${l.due} waiting, the oldest for ${Math.round(l.oldestDueAgeMs / 1000)} s (threshold ${queueAge.maxAgeSeconds} s)`,
          href: depth.href,
        });
      return {
        lane: l.lane,
        depth,
        running: l.running,
        oldestAgeMs: l.oldestDueAgeMs,
        paused: l.paused,
        overAge,
      };
    });

    const breakers = this.partners().map((g) => {
      const st = g.status();
      const href = `/console/partners#${encodeURIComponent(st.name)}`;
      if (st.breaker !== 'closed')
        attention.push({
          kind: 'breaker',
          subject: st.name,
          message: `breaker for ${st.name} is ${st.breaker}; its work waits in the queue`,
          href,
        });
      return { partner: st.name, state: st.breaker, health: st.health, href };
    });

    const webhooks = hooks.map((w) => ({
      source: w.source,
      lastReceivedAt: w.lastReceivedAt,
      received: { value: w.received, href: `/api/inbox${q({ source: w.source })}` },
      refused: { value: w.refused, href: `/api/inbox${q({ source: w.source, status: 'rejected' })}` },
    }));
    for (const w of webhooks)
      if (w.refused.value > 0)
        attention.push({
          kind: 'webhook',
          subject: w.source,
          message: `${w.refused.value} of ${w.received.value} webhooks from ${w.source} refused in the last ${windowMinutes} minutes`,
          href: w.refused.href,
        });

    const silentByAlert = new Set(alerts.filter((a) => a.rule === 'no_orders').map((a) => a.subject));
    const channelRows = perChannel.map((c) => {
      const threshold = this.o.noOrdersMinutes?.[c.channel] ?? null;
      const quiet = c.lastOrderAt === null ? null : Math.floor((now - c.lastOrderAt) / 60_000);
      // The alert monitor knows trading hours: where it runs, its verdict is the one shown.
      const silent = this.alerts
        ? silentByAlert.has(c.channel)
        : threshold !== null && (quiet === null || quiet >= threshold);
      const orders = { value: c.since, href: `/console/orders${q({ q: `${c.channel}-` })}` };
      if (silent)
        attention.push({
          kind: 'channel',
          subject: c.channel,
          message:
            quiet === null
              ? `no orders from ${c.channel} yet`
              : `no orders from ${c.channel} for ${quiet} minutes${threshold !== null ? ` (threshold ${threshold})` : ''}`,
          href: orders.href,
        });
      return {
        channel: c.channel,
        lastOrderAt: c.lastOrderAt,
        orders,
        quietMinutes: quiet,
        thresholdMinutes: threshold,
        silent,
      };
    });

    const open = byImpact.reduce((n, r) => n + r.n, 0);
    if (open > 0)
      attention.push({
        kind: 'exceptions',
        subject: 'exceptions',
        message: `${open} open exception${open === 1 ? ' waits' : 's wait'} for a person`,
        href: exceptionsHref({ status: 'open' }),
      });
    for (const s of serviceLevels)
      if (s.breached)
        attention.push({
          kind: 'service_level',
          subject: `${s.flow}:${s.partner}`,
          message: `${s.flow} for ${s.partner}: ${s.actualPct?.toFixed(1)} % within ${s.withinMinutes} minutes (target ${s.targetPct} %)`,
          href: s.missed.href,
        });

    // Alerts not already said above in other words (exception growth, EDI acknowledgements …).
    const said = new Set(attention.map((a) => a.subject));
    for (const a of alerts)
      if (!said.has(a.subject))
        attention.push({
          kind: `alert:${a.rule}`,
          subject: a.subject,
          message: a.message,
          href: '/console/',
        });

    return {
      generatedAt: now,
      windowMinutes,
      healthy: attention.length === 0,
      attention,
      exceptions: {
        open: { value: open, href: exceptionsHref({ status: 'open' }) },
        byImpact: byImpact.map((r) => ({
          impact: r.impact,
          open: { value: r.n, href: exceptionsHref({ status: 'open', impact: r.impact }) },
        })),
      },
      flows,
      serviceLevels,
      lanes: laneRows,
      breakers,
      webhooks,
      channels: channelRows,
      alerts,
      series,
    };
  }
}

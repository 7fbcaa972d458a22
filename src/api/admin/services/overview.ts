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
import { measureServiceLevels, type ServiceLevelResult, type ServiceLevelTarget } from './serviceLevels.js';
import {
  alertAttention,
  breakerRows,
  channelRowsOf,
  exceptionsHref,
  flowRows,
  laneRowsOf,
  seriesOf,
  serviceLevelAttention,
  webhookRows,
} from './overviewSections.js';

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

/** One thing that needs a person, in words, with the list to open. */
export type Attention = Overview['attention'][number];

/** Builds the overview from the store, this process's guards and the alerts firing. */
export class OverviewService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly laneNames: readonly string[],
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
      // Up to now (inclusive), not open-ended: each figure is exactly the list its link opens later.
      h.flowOutcomes(from, [MAINTENANCE_LANE], now + 1),
      h.openByImpact(),
      h.laneBacklog(now, this.laneNames),
      h.webhookStats(from, sources),
      h.channelOrders(channels, from),
      measureServiceLevels(this.store, this.o.serviceLevels ?? [], now, windowMs),
      h.ordersPerBucket(from, step),
    ]);
    const series = seriesOf(buckets, from, step, BUCKETS);
    const alerts = this.alerts?.() ?? [];
    const attention: Attention[] = [];
    const flows = flowRows(outcomes, channels, windowMinutes, { from, to: now + 1 });
    const laneRows = laneRowsOf(lanes, this.o.queueAge, attention);
    const breakers = breakerRows(this.partners(), attention);
    const webhooks = webhookRows(hooks, windowMinutes, attention);
    const channelRows = channelRowsOf(
      perChannel,
      now,
      this.o.noOrdersMinutes,
      this.alerts ? alerts : undefined,
      attention,
      { from, to: now + 1 },
    );
    const open = byImpact.reduce((n, r) => n + r.n, 0);
    if (open > 0)
      attention.push({
        kind: 'exceptions',
        subject: 'exceptions',
        message: `${open} open exception${open === 1 ? ' waits' : 's wait'} for a person`,
        href: exceptionsHref({ status: 'open' }),
      });
    serviceLevelAttention(serviceLevels, attention);
    alertAttention(alerts, attention);

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

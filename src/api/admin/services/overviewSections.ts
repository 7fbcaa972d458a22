/**
 * The health overview's sections, each built from what the store and this process read: its rows,
 * each number with the list behind it, and what in it needs a person (pushed to `attention`).
 */
import type { PartnerGuard } from '../../../engine/index.js';
import type { FlowOutcome, LaneBacklog, WebhookStat } from '../../../store/health/index.js';
import type { ActiveAlert } from '../context.js';
import type { Attention, FlowRow, Overview, OverviewOptions } from './overview.js';
import type { ServiceLevelResult } from './serviceLevels.js';

/** A query string from the values given, leaving out empty ones. */
export const q = (params: Record<string, string | number | undefined>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};

/** The console's exception queue under a filter. */
export const exceptionsHref = (p: Record<string, string | number | undefined>): string =>
  `/console/exceptions${q(p)}`;

/** Orders per bucket as the chart draws them: every bucket, empty ones as 0. */
export function seriesOf(
  buckets: readonly { bucket: number; n: number }[],
  from: number,
  step: number,
  count = 12,
): Overview['series'] {
  const orders = new Array<number>(count).fill(0);
  for (const b of buckets) orders[Math.min(count - 1, b.bucket)]! += b.n;
  return { at: Array.from({ length: count }, (_, i) => Math.round(from + i * step)), orders };
}

/**
 * The jobs a flow row's `completed` counted: its task and partner (even '', jobs of no order and no
 * partner) in the overview's window, as many as it counted (the list's limit is 1000 at most).
 */
function completedHref(f: FlowOutcome, w: { from: number; to: number }): string {
  const u = new URLSearchParams({
    task: f.task,
    state: 'completed',
    partner: f.partner,
    completedFrom: String(w.from),
    completedTo: String(w.to),
  });
  if (f.completed > 100) u.set('limit', String(Math.min(1000, f.completed)));
  return `/api/jobs?${u.toString()}`;
}

/**
 * Flows × partners. A channel's failures open the queue filtered by the channel of the order each
 * exception's job works on (exactly that channel: `shop` never takes in `shop-eu`); another
 * partner's, the queue filtered by partner.
 */
export function flowRows(
  outcomes: readonly FlowOutcome[],
  channels: readonly string[],
  windowMinutes: number,
  window: { from: number; to: number },
): FlowRow[] {
  const windowMs = windowMinutes * 60_000;
  return outcomes.map((f) => {
    const ran = f.completed + f.failed;
    const partnerFilter = channels.includes(f.partner) ? { channel: f.partner } : { partner: f.partner };
    return {
      flow: f.task,
      partner: f.partner,
      completed: { value: f.completed, href: completedHref(f, window) },
      failed: {
        value: f.failed,
        href: exceptionsHref({ status: 'open', task: f.task, ...partnerFilter, maxAgeMs: windowMs }),
      },
      perHour: Math.round((f.completed * 60) / windowMinutes),
      failureRate: ran === 0 ? null : f.failed / ran,
    };
  });
}

/** Lanes with their backlog; a real-time lane whose oldest job waits too long needs a person. */
export function laneRowsOf(
  lanes: readonly LaneBacklog[],
  queueAge: OverviewOptions['queueAge'],
  attention: Attention[],
): Overview['lanes'] {
  return lanes.map((l) => {
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
}

/** This process's breakers; one not closed holds its partner's work back. */
export function breakerRows(guards: readonly PartnerGuard[], attention: Attention[]): Overview['breakers'] {
  return guards.map((g) => {
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
}

/** Webhooks per source; refusals (bad signatures, unreadable bodies) need a person. */
export function webhookRows(
  hooks: readonly WebhookStat[],
  windowMinutes: number,
  attention: Attention[],
): Overview['webhooks'] {
  const rows = hooks.map((w) => ({
    source: w.source,
    lastReceivedAt: w.lastReceivedAt,
    received: { value: w.received, href: `/api/inbox${q({ source: w.source })}` },
    refused: { value: w.refused, href: `/api/inbox${q({ source: w.source, status: 'rejected' })}` },
  }));
  for (const w of rows)
    if (w.refused.value > 0)
      attention.push({
        kind: 'webhook',
        subject: w.source,
        message: `${w.refused.value} of ${w.received.value} webhooks from ${w.source} refused in the last ${windowMinutes} minutes`,
        href: w.refused.href,
      });
  return rows;
}

/**
 * Orders per channel and how long each has been quiet. Where the alert monitor runs (`alerts`
 * given) its `no_orders` verdict is the one shown: it knows the channels' trading hours.
 */
export function channelRowsOf(
  perChannel: readonly { channel: string; lastOrderAt: number | null; since: number }[],
  now: number,
  noOrdersMinutes: Readonly<Record<string, number>> | undefined,
  alerts: readonly ActiveAlert[] | undefined,
  attention: Attention[],
  window: { from: number; to: number },
): Overview['channels'] {
  const silentByAlert = new Set((alerts ?? []).filter((a) => a.rule === 'no_orders').map((a) => a.subject));
  return perChannel.map((c) => {
    const threshold = noOrdersMinutes?.[c.channel] ?? null;
    const quiet = c.lastOrderAt === null ? null : Math.floor((now - c.lastOrderAt) / 60_000);
    const silent = alerts
      ? silentByAlert.has(c.channel)
      : threshold !== null && (quiet === null || quiet >= threshold);
    // Exactly this channel's orders of the window (`shop` never takes in `shop-eu`), as counted.
    const orders = {
      value: c.since,
      href: `/console/orders${q({
        channel: c.channel,
        createdFrom: window.from,
        createdTo: window.to,
        ...(c.since > 100 ? { limit: Math.min(1000, c.since) } : {}),
      })}`,
    };
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
}

/** A breached service level needs a person; its late work is the list. */
export function serviceLevelAttention(levels: readonly ServiceLevelResult[], attention: Attention[]): void {
  for (const s of levels)
    if (s.breached)
      attention.push({
        kind: 'service_level',
        subject: `${s.flow}:${s.partner}`,
        message: `${s.flow} for ${s.partner}: ${s.actualPct?.toFixed(1)} % within ${s.withinMinutes} minutes (target ${s.targetPct} %)`,
        href: s.missed.href,
      });
}

/** Alerts not already said above in other words (exception growth, EDI acknowledgements …). */
export function alertAttention(alerts: readonly ActiveAlert[], attention: Attention[]): void {
  const said = new Set(attention.map((a) => a.subject));
  for (const a of alerts)
    if (!said.has(a.subject))
      attention.push({
        kind: `alert:${a.rule}`,
        subject: a.subject,
        message: a.message,
        // Exception growth has its list; the other alerts are about what this page shows.
        href: a.rule === 'exception_growth' ? exceptionsHref({ status: 'open' }) : '/console/',
      });
}

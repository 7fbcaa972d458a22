import type { BreakerState } from '../../engine/index.js';
import { iso } from '../../core/clock.js';
import type { UnacknowledgedInterchanges } from '../../store/warehouse/index.js';
import type { LaneStats } from '../../store/index.js';
import { tradingWindowStart, type TradingHours } from './tradingHours.js';

/** An alert firing now. */
export interface ActiveAlert {
  rule: AlertRule;
  /** What it is about: a channel, a lane, a partner, or `exceptions`. */
  subject: string;
  message: string;
  /** When it started firing (epoch ms). */
  since: number;
}

export const AlertRule = {
  noOrders: 'no_orders',
  queueAge: 'queue_age',
  breakerOpen: 'breaker_open',
  exceptionGrowth: 'exception_growth',
  ediUnacknowledged: 'edi_unacknowledged',
  eventsEndpointDisabled: 'events_endpoint_disabled',
} as const;
export type AlertRule = (typeof AlertRule)[keyof typeof AlertRule];

/** Thresholds. A rule without its settings is off. */
export interface AlertOptions {
  /** Channels that must keep sending orders, with the quiet period that alarms, in minutes. */
  noOrdersMinutes?: Record<string, number>;
  /** Real-time lanes, and the age of their oldest due job that alarms, in seconds. */
  queueAge?: { lanes: string[]; maxAgeSeconds: number };
  /** Alarm while a partner's breaker is open. Default true. */
  breakerOpen?: boolean;
  /** Alarm when more than `threshold` exceptions were created in the last `windowMinutes`. */
  exceptionGrowth?: { windowMinutes: number; threshold: number };
  /** Alarm while an X12 partner owes a 997 past the deadline of its partner profile (ackDeadlineMinutes). */
  unacknowledgedEdi?: boolean;
  /** POSTed a JSON body on every alert that starts or stops firing. */
  webhookUrl?: string;
  /**
   * Per channel, when it trades: "no orders" fires only within these hours, counting the quiet time
   * from the later of the last order and the window's opening. A channel without them trades always.
   */
  tradingHours?: Record<string, TradingHours>;
}

/** What the rules look at, gathered once per evaluation. */
export interface AlertInputs {
  now: number;
  /** When monitoring started: a channel that never sent an order is measured from here. */
  startedAt: number;
  lastOrderAt: Record<string, number>;
  lanes: LaneStats[];
  breakers: { name: string; state: BreakerState }[];
  exceptionsInWindow: number;
  /** Per X12 partner, groups past their 997 deadline. */
  unacknowledged: UnacknowledgedInterchanges[];
  /** Event subscriptions Ferry disabled because their endpoint kept failing. */
  disabledEndpoints?: { name: string; reason: string }[];
}

type Finding = Omit<ActiveAlert, 'since'>;

/** The alerts the inputs call for; pure, so each rule is tested without a store or timers. */
export function findAlerts(o: AlertOptions, i: AlertInputs): Finding[] {
  const out: Finding[] = [];
  for (const [channel, minutes] of Object.entries(o.noOrdersMinutes ?? {})) {
    const hours = o.tradingHours?.[channel];
    const opened = hours ? tradingWindowStart(i.now, hours) : undefined;
    if (opened === null) continue; // closed: silence is expected
    const last = Math.max(i.lastOrderAt[channel] ?? i.startedAt, opened ?? -Infinity);
    const quietMin = (i.now - last) / 60_000;
    if (quietMin >= minutes)
      out.push({
        rule: 'no_orders',
        subject: channel,
        message: `no orders from ${channel} for ${Math.floor(quietMin)} minutes (threshold ${minutes})`,
      });
  }
  if (o.queueAge)
    for (const s of i.lanes)
      if (o.queueAge.lanes.includes(s.lane) && s.oldestDueAgeMs / 1000 > o.queueAge.maxAgeSeconds)
        out.push({
          rule: 'queue_age',
          subject: s.lane,
          message: `oldest job in lane ${s.lane} has waited ${Math.round(s.oldestDueAgeMs / 1000)} s (threshold ${o.queueAge.maxAgeSeconds} s)`,
        });
  if (o.breakerOpen !== false)
    for (const b of i.breakers)
      if (b.state === 'open' || b.state === 'isolated')
        out.push({
          rule: 'breaker_open',
          subject: b.name,
          message: `breaker for ${b.name} is ${b.state}; its work waits in the queue`,
        });
  if (o.unacknowledgedEdi)
    for (const u of i.unacknowledged)
      out.push({
        rule: 'edi_unacknowledged',
        subject: u.partner,
        message: `${u.groups} X12 group(s) sent to ${u.partner} have no 997 past their deadline (oldest: interchange ${u.oldestInterchange}, due ${iso(u.oldestDueAt)})`,
      });
  for (const d of i.disabledEndpoints ?? [])
    out.push({
      rule: 'events_endpoint_disabled',
      subject: d.name,
      message: `event subscription ${d.name} is disabled (${d.reason}); enable it and recover: ferry events enable ${d.name} && ferry events recover ${d.name} --since <when it started failing>`,
    });
  if (o.exceptionGrowth && i.exceptionsInWindow > o.exceptionGrowth.threshold)
    out.push({
      rule: 'exception_growth',
      subject: 'exceptions',
      message: `${i.exceptionsInWindow} new exceptions in ${o.exceptionGrowth.windowMinutes} minutes (threshold ${o.exceptionGrowth.threshold})`,
    });
  return out;
}

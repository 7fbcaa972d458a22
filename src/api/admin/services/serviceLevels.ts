/**
 * Service levels measured (DESIGN.md §8): of the work that started in the window and is old enough
 * to be judged, the share done within the target time. Work still inside its time is not counted
 * either way; work past it and not done counts as missed (an order stuck in the exception queue is
 * exactly what the service level is for).
 */
import type { Store } from '../../../store/index.js';
import type { LatencyCount } from '../../../store/health/index.js';
import type { Figure } from './overview.js';
import { q } from './overviewSections.js';

/** A configured service level; `flow` names what is measured (see the config's `serviceLevels`). */
export interface ServiceLevelTarget {
  flow: 'order-intake' | 'shipment';
  withinMinutes: number;
  targetPct: number;
}

export interface ServiceLevelResult {
  flow: string;
  /** The channel (order-intake) or warehouse (shipment). */
  partner: string;
  targetPct: number;
  withinMinutes: number;
  /** Judged: done, or past their time. */
  measured: Figure;
  met: number;
  missed: Figure;
  /** Share met, percent; null when nothing could be judged yet. */
  actualPct: number | null;
  breached: boolean;
}

/** The service levels of the window ending `now`, one row per flow and partner with work in it. */
export async function measureServiceLevels(
  store: Store,
  targets: readonly ServiceLevelTarget[],
  now: number,
  windowMs: number,
): Promise<ServiceLevelResult[]> {
  const from = now - windowMs;
  const out: ServiceLevelResult[] = [];
  for (const t of targets) {
    const q = { from, now, withinMs: t.withinMinutes * 60_000 };
    const counts =
      t.flow === 'order-intake'
        ? await store.health.orderLatencies(q)
        : await store.health.shipmentLatencies(q);
    out.push(...counts.map((c) => result(t, c, windowMs, from, now)));
  }
  return out;
}

function result(
  t: ServiceLevelTarget,
  c: LatencyCount,
  windowMs: number,
  from: number,
  now: number,
): ServiceLevelResult {
  const { partner, measured, met } = c;
  const actualPct = measured === 0 ? null : (met * 100) / measured;
  const orders = t.flow === 'order-intake';
  // Exactly the channel's orders judged as counted here (`shop` never takes in `shop-eu`).
  const judged = (outcome: 'measured' | 'missed', n: number) =>
    `/console/orders${q({
      channel: partner,
      createdFrom: from,
      serviceLevel: outcome,
      withinMs: t.withinMinutes * 60_000,
      asOf: now,
      ...(n > 100 ? { limit: Math.min(1000, n) } : {}),
    })}`;
  return {
    flow: t.flow,
    partner,
    targetPct: t.targetPct,
    withinMinutes: t.withinMinutes,
    measured: {
      value: measured,
      href: orders ? judged('measured', measured) : '/api/jobs?lane=shipments',
    },
    met,
    missed: {
      value: measured - met,
      href: orders
        ? judged('missed', measured - met)
        : `/console/exceptions?status=open&lane=shipments&maxAgeMs=${windowMs}`,
    },
    actualPct,
    breached: actualPct !== null && actualPct < t.targetPct,
  };
}

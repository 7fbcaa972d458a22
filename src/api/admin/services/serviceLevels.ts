/**
 * Service levels measured (DESIGN.md §8): of the work that started in the window and is old enough
 * to be judged, the share done within the target time. Work still inside its time is not counted
 * either way; work past it and not done counts as missed (an order stuck in the exception queue is
 * exactly what the service level is for).
 */
import type { Store } from '../../../store/index.js';
import type { Figure } from './overview.js';

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

interface Sample {
  partner: string;
  startedAt: number;
  doneAt: number | null;
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
    const samples: Sample[] =
      t.flow === 'order-intake'
        ? (await store.health.orderLatencies(from))
            // An order cancelled before Odoo accepted it was never owed a confirmation.
            .filter((o) => !(o.acceptedAt === null && o.state === 'cancelled'))
            .map((o) => ({ partner: o.channel, startedAt: o.createdAt, doneAt: o.acceptedAt }))
        : (await store.health.shipmentLatencies(from)).map((s) => ({
            partner: s.warehouse,
            startedAt: s.createdAt,
            doneAt: s.channelDoneAt,
          }));
    out.push(...judge(t, samples, now, windowMs));
  }
  return out;
}

function judge(t: ServiceLevelTarget, samples: readonly Sample[], now: number, windowMs: number) {
  const withinMs = t.withinMinutes * 60_000;
  const by = new Map<string, { measured: number; met: number }>();
  for (const s of samples) {
    const due = s.startedAt + withinMs;
    const met = s.doneAt !== null && s.doneAt <= due;
    if (!met && now <= due) continue; // still inside its time
    const r = by.get(s.partner) ?? { measured: 0, met: 0 };
    r.measured++;
    if (met) r.met++;
    by.set(s.partner, r);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([partner, r]): ServiceLevelResult => {
      const actualPct = r.measured === 0 ? null : (r.met * 100) / r.measured;
      const list =
        t.flow === 'order-intake'
          ? `/console/orders?q=${encodeURIComponent(`${partner}-`)}`
          : `/api/jobs?lane=shipments`;
      const missedList =
        t.flow === 'order-intake'
          ? `/console/exceptions?status=open&q=${encodeURIComponent(`${partner}-`)}&maxAgeMs=${windowMs}`
          : `/console/exceptions?status=open&lane=shipments&maxAgeMs=${windowMs}`;
      return {
        flow: t.flow,
        partner,
        targetPct: t.targetPct,
        withinMinutes: t.withinMinutes,
        measured: { value: r.measured, href: list },
        met: r.met,
        missed: { value: r.measured - r.met, href: missedList },
        actualPct,
        breached: actualPct !== null && actualPct < t.targetPct,
      };
    });
}

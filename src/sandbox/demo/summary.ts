import type { Store } from '../../store/index.js';

export interface DemoSummary {
  at: string;
  received: number;
  accepted: number;
  released: number;
  shipped: number;
  cancelled: number;
  rejected: number;
  exceptions: Record<string, number>;
  queueDepth: number;
  ordersPerMin: number;
}

const RELEASED = ['released', 'picked', 'packed', 'shipped_partially', 'shipped', 'delivered'];
const ACCEPTED = ['accepted', 'reserved', ...RELEASED];

/** Counts for the live line: orders by how far they got, exceptions by impact, queue depth. */
export async function summarise(store: Store, startedAt: number, now: number): Promise<DemoSummary> {
  const states = await store.orders.countOrdersByState();
  const sum = (keys: string[]) => keys.reduce((n, k) => n + (states[k] ?? 0), 0);
  const received = Object.values(states).reduce((a, b) => a + b, 0);
  const open = await store.exceptions.listExceptions({ status: 'open', limit: 10_000 });
  const exceptions: Record<string, number> = {};
  for (const e of open) exceptions[e.impact] = (exceptions[e.impact] ?? 0) + 1;
  const lanes = await store.jobs.jobStats(now);
  const minutes = Math.max(1 / 60, (now - startedAt) / 60_000);
  return {
    at: new Date(now).toISOString(),
    received,
    accepted: sum(ACCEPTED),
    released: sum(RELEASED),
    shipped: sum(['shipped', 'delivered']) + (states.shipped_partially ?? 0),
    cancelled: states.cancelled ?? 0,
    rejected: states.rejected ?? 0,
    exceptions,
    queueDepth: lanes.reduce((n, l) => n + l.due + l.running, 0),
    ordersPerMin: Math.round((received / minutes) * 10) / 10,
  };
}

export function formatSummary(s: DemoSummary): string {
  const exc =
    Object.entries(s.exceptions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return `${s.at.slice(11, 19)}  orders: received ${s.received} · accepted ${s.accepted} · released ${s.released} · shipped ${s.shipped} · cancelled ${s.cancelled} | exceptions: ${exc} | ${s.ordersPerMin}/min | queue ${s.queueDepth}`;
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { DeliveryAttempt } from './deliveryRows.js';

export async function listDeliveries(
  db: Kysely<DB>,
  f: { subscriptionId?: number; eventId?: string; limit: number },
): Promise<DeliveryAttempt[]> {
  let q = db.selectFrom('event_deliveries').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.subscriptionId !== undefined) q = q.where('subscription_id', '=', f.subscriptionId);
  if (f.eventId !== undefined) q = q.where('event_id', '=', f.eventId);
  const rows = await q.execute();
  return rows.map((r) => ({
    subscriptionId: Number(r.subscription_id),
    eventId: r.event_id,
    attempt: Number(r.attempt),
    at: Number(r.at),
    ok: Number(r.ok) === 1,
    status: r.status === null ? null : Number(r.status),
    error: r.error,
    durationMs: Number(r.duration_ms),
  }));
}

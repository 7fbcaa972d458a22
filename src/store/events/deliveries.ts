import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** One attempt to deliver one event to one subscription. */
export interface DeliveryAttempt {
  subscriptionId: number;
  eventId: string;
  attempt: number;
  at: number;
  ok: boolean;
  /** HTTP status, null when no answer came (refused connection, timeout) or for NATS. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Appends attempts to the delivery log (many at once: a batch of deliveries is one insert). */
export async function recordDeliveries(db: Kysely<DB>, rows: readonly DeliveryAttempt[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('event_deliveries')
      .values(
        rows.slice(i, i + 500).map((d) => ({
          subscription_id: d.subscriptionId,
          event_id: d.eventId,
          attempt: d.attempt,
          at: d.at,
          ok: d.ok ? 1 : 0,
          status: d.status,
          error: d.error,
          duration_ms: d.durationMs,
        })),
      )
      .execute();
  }
}

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

/**
 * Events since `since` (event time) of the given types (all when empty) that this subscription has
 * not received: no attempt succeeded, whether attempts failed or none was made (the subscription was
 * disabled). What "recover everything failed since T" sends again, oldest first.
 */
export async function undeliveredSince(
  db: Kysely<DB>,
  subscriptionId: number,
  since: number,
  types: readonly string[],
): Promise<string[]> {
  let q = db
    .selectFrom('events as e')
    .select('e.event_id')
    .where('e.time', '>=', since)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('event_deliveries as d')
            .select('d.id')
            .whereRef('d.event_id', '=', 'e.event_id')
            .where('d.subscription_id', '=', subscriptionId)
            .where('d.ok', '=', 1),
        ),
      ),
    );
  if (types.length) q = q.where('e.type', 'in', [...types]);
  const rows = await q.orderBy('e.seq').execute();
  return rows.map((r) => r.event_id);
}

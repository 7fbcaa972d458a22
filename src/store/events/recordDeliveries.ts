import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { DeliveryAttempt } from './deliveryRows.js';

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

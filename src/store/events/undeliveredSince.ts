import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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

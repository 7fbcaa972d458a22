import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { LatencyCount } from './orderLatencies.js';

/**
 * The shipment service level over ship events received since `from`, per warehouse: met when the
 * channel had the tracking within `withinMs`, missed when later or still not past that; one still
 * inside its time is not judged.
 */
export async function shipmentLatencies(
  db: Kysely<DB>,
  o: { from: number; now: number; withinMs: number },
): Promise<LatencyCount[]> {
  const rows = await db
    .selectFrom('warehouse_shipments as s')
    .select([
      's.warehouse',
      sql<number>`sum(case when s.channel_done_at is not null and s.channel_done_at <= s.created_at + ${o.withinMs} then 1 else 0 end)`.as(
        'met',
      ),
      sql<number>`sum(case when (s.channel_done_at is not null and s.channel_done_at <= s.created_at + ${o.withinMs}) or s.created_at + ${o.withinMs} < ${o.now} then 1 else 0 end)`.as(
        'measured',
      ),
    ])
    .where('s.created_at', '>=', o.from)
    .groupBy('s.warehouse')
    .orderBy('s.warehouse')
    .execute();
  return rows
    .map((r) => ({ partner: r.warehouse, measured: Number(r.measured ?? 0), met: Number(r.met ?? 0) }))
    .filter((r) => r.measured > 0);
}

import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Orders stored since `from` per bucket of `stepMs`, as `[bucket index, count]` (empty buckets
 * left out), counted in the database.
 */
export async function ordersPerBucket(
  db: Kysely<DB>,
  from: number,
  stepMs: number,
): Promise<{ bucket: number; n: number }[]> {
  // Literals, not parameters: PostgreSQL matches the grouped expression to the selected one only
  // when they are the same text, and two sets of parameters are not. Both are whole numbers here.
  const bucket = sql<number>`floor((created_at - ${sql.lit(Math.trunc(from))}) / ${sql.lit(Math.max(1, Math.trunc(stepMs)))})`;
  const rows = await db
    .selectFrom('orders')
    .select([bucket.as('bucket'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', from)
    .groupBy(bucket)
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n) }));
}

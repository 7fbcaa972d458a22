import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function countOrdersByState(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Open exceptions per impact, by impact name. */
export async function openByImpact(db: Kysely<DB>): Promise<{ impact: string; n: number }[]> {
  const rows = await db
    .selectFrom('exceptions')
    .select(['impact', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('impact')
    .orderBy('impact')
    .execute();
  return rows.map((r) => ({ impact: r.impact, n: Number(r.n) }));
}

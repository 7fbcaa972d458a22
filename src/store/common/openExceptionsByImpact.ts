import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Open exceptions per impact. */
export async function openExceptionsByImpact(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('exceptions')
    .select(['impact', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('impact')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.impact, Number(r.n)]));
}

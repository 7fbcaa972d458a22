import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Key-ring key ids still wrapping at least one secret, with how many. */
export async function secretKeyUsage(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('secrets')
    .select(['key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('key_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key_id, Number(r.n)]));
}

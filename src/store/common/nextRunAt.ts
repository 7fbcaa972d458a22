import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function nextRunAt(db: Kysely<DB>, lanes: string[]): Promise<number | null> {
  if (lanes.length === 0) return null;
  const r = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('next'))
    .where('state', '=', 'ready')
    .where('lane', 'in', lanes)
    .executeTakeFirst();
  return r?.next === null || r?.next === undefined ? null : Number(r.next);
}

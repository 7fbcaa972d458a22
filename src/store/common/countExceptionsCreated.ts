import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Exceptions created in [from, to). */
export async function countExceptionsCreated(db: Kysely<DB>, from: number, to: number): Promise<number> {
  const r = await db
    .selectFrom('exceptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

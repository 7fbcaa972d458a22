import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** When the oldest order Ferry holds was stored (ms), or null when it holds none. */
export async function oldestOrderCreatedAt(db: Kysely<DB>): Promise<number | null> {
  const r = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.min<number>('created_at').as('at'))
    .executeTakeFirst();
  return r?.at === null || r?.at === undefined ? null : Number(r.at);
}

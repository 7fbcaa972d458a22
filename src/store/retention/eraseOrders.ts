import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { parseJson } from '../common/rows.js';
import { eraseOrderPersonalData } from './erase.js';

/** Erases customer data of these orders, whatever their state; returns how many it changed. */
export async function eraseOrders(db: Kysely<DB>, ids: number[], now: number): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('orders')
      .select(['id', 'canonical'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('personal_data_erased_at', 'is', null)
      .execute();
    for (const o of rows) {
      const canonical = eraseOrderPersonalData(parseJson<Record<string, unknown>>(o.canonical, {}));
      await db
        .updateTable('orders')
        .set({ canonical: JSON.stringify(canonical), personal_data_erased_at: now })
        .where('id', '=', o.id)
        .execute();
      n++;
    }
  }
  return n;
}

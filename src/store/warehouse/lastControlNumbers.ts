import { type Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Last numbers issued per partner and kind (for the admin view and tests). */
export async function lastControlNumbers(db: Kysely<DB>, partner: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('x12_control_numbers')
    .selectAll()
    .where('partner', '=', partner)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.last_issued)]));
}

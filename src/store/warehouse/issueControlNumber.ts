import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Issues the next control number of `kind` for `partner` in one statement, so two Ferry processes
 * can never draw the same one; wraps to 1 after `max` (0 is never issued). Call it outside a
 * long transaction: the number must be durable before it is written into an interchange.
 */
export async function issueControlNumber(
  db: Kysely<DB>,
  partner: string,
  kind: string,
  max: number,
): Promise<number> {
  const row = await db
    .insertInto('x12_control_numbers')
    .values({ partner, kind, last_issued: 1 })
    .onConflict((oc) =>
      oc.columns(['partner', 'kind']).doUpdateSet({
        last_issued: sql<number>`case when x12_control_numbers.last_issued >= ${max} or x12_control_numbers.last_issued < 1 then 1 else x12_control_numbers.last_issued + 1 end`,
      }),
    )
    .returning('last_issued')
    .executeTakeFirstOrThrow();
  return Number(row.last_issued);
}

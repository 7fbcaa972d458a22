import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionRecord } from '../types.js';
import { toExceptionRecord } from './rows.js';
import { likeLiteral } from './like.js';

/**
 * Exceptions that concern one order: raised by a job of its ordering key, or naming one of its ids
 * among their entities (ids are stored as JSON string values, so a quoted match is exact).
 */
export async function exceptionsForOrder(
  db: Kysely<DB>,
  o: { orderingKeys: string[]; ids: string[] },
): Promise<ExceptionRecord[]> {
  const ids = o.ids.filter(Boolean);
  const rows = await db
    .selectFrom('exceptions')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(o.orderingKeys.length
          ? [
              eb(
                'job_id',
                'in',
                eb.selectFrom('jobs').select('id').where('ordering_key', 'in', o.orderingKeys),
              ),
            ]
          : []),
        ...ids.map((id) => likeLiteral('entities', { before: '%', text: JSON.stringify(id), after: '%' })),
      ]),
    )
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toExceptionRecord);
}

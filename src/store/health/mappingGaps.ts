import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { parseJson } from '../common/rows.js';

/** An open exception that stopped on something unmapped, with what it named. */
export interface MappingGapRow {
  id: number;
  task: string;
  partner: string | null;
  impact: string;
  message: string;
  entities: Record<string, string | number>;
}

/**
 * The newest open `mapping_missing` exceptions (at most `limit`): what is used but unmapped right
 * now, read from the work it stopped. The (status, code, id) index serves it.
 */
export async function mappingGaps(db: Kysely<DB>, limit: number): Promise<MappingGapRow[]> {
  const rows = await db
    .selectFrom('exceptions')
    .select(['id', 'task', 'partner', 'impact', 'message', 'entities'])
    .where('status', '=', 'open')
    .where('code', '=', 'mapping_missing')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    task: r.task,
    partner: r.partner,
    impact: r.impact,
    message: r.message,
    entities: parseJson<Record<string, string | number>>(r.entities, {}),
  }));
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toVersion, type MappingVersion, type Row } from './mappingRows.js';

export async function mappingHistory(
  db: Kysely<DB>,
  kind: string,
  scope: string,
  key: string,
): Promise<MappingVersion[]> {
  const rows = (await db
    .selectFrom('mappings')
    .selectAll()
    .where('kind', '=', kind)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .orderBy('version')
    .execute()) as Row[];
  return rows.map(toVersion);
}

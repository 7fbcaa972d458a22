import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toVersion, type MappingVersion, type Row } from './mappingRows.js';

/**
 * The newest version of each mapping of a kind in a scope written after `since` (epoch ms), for
 * polling: removals included (their value is null), so a list that asks what changed sees them too.
 */
export async function changedMappings(
  db: Kysely<DB>,
  kind: string,
  scope: string,
  since: number,
): Promise<MappingVersion[]> {
  const rows = (await db
    .selectFrom('mappings')
    .selectAll()
    .where('kind', '=', kind)
    .where('scope', '=', scope)
    .where('created_at', '>', since)
    .orderBy('version')
    .execute()) as Row[];
  const newest = new Map<string, MappingVersion>();
  for (const r of rows) newest.set(r.key, toVersion(r));
  return [...newest.values()].sort((a, b) => a.key.localeCompare(b.key));
}

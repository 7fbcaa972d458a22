import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { isNewestVersion } from './newest.js';
import { toVersion, type MappingVersion, type Row } from '../orders/mappingRows.js';

/**
 * The latest version of each of these mappings of a kind in a scope, removals included (value
 * null), by key: what an import compares against and the version a held change is asked against.
 * Callers pass at most a few thousand keys (one bound parameter each).
 */
export async function latestVersions(
  db: Kysely<DB>,
  kind: string,
  scope: string,
  keys: readonly string[],
): Promise<Map<string, MappingVersion>> {
  if (keys.length === 0) return new Map();
  const rows = (await db
    .selectFrom('mappings as m')
    .selectAll('m')
    .where('m.kind', '=', kind)
    .where('m.scope', '=', scope)
    .where('m.key', 'in', [...keys])
    .where(isNewestVersion)
    .execute()) as Row[];
  return new Map(rows.map((r) => [r.key, toVersion(r)]));
}

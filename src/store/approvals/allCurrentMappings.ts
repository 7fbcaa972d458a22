import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { isNewestVersion } from './newest.js';
import { toVersion, type MappingVersion, type Row } from '../orders/mappingRows.js';

/**
 * The current version of every mapping (removed ones excluded), optionally of one kind and scope,
 * ordered by kind, scope and key: what a CSV export writes. One pass over the versions, keeping the
 * highest per mapping.
 */
export async function allCurrentMappings(
  db: Kysely<DB>,
  f: { kind?: string | undefined; scope?: string | undefined } = {},
): Promise<MappingVersion[]> {
  let q = db.selectFrom('mappings as m').selectAll('m');
  if (f.kind !== undefined) q = q.where('m.kind', '=', f.kind);
  if (f.scope !== undefined) q = q.where('m.scope', '=', f.scope);
  const rows = (await q
    .where(isNewestVersion)
    .where('m.value', 'is not', null)
    .orderBy('m.kind')
    .orderBy('m.scope')
    .orderBy('m.key')
    .execute()) as Row[];
  return rows.map(toVersion);
}

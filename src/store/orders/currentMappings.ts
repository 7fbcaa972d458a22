import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toVersion, type MappingVersion, type Row } from './mappingRows.js';

/** The current version of each mapping of a kind in a scope (removed ones excluded). */
export async function currentMappings(
  db: Kysely<DB>,
  kind: string,
  scope: string,
  keys?: string[],
): Promise<Map<string, MappingVersion>> {
  let q = db.selectFrom('mappings').selectAll().where('kind', '=', kind).where('scope', '=', scope);
  if (keys) {
    if (keys.length === 0) return new Map();
    q = q.where('key', 'in', keys);
  }
  const rows = (await q.orderBy('version').execute()) as Row[];
  const out = new Map<string, MappingVersion>();
  for (const r of rows) out.set(r.key, toVersion(r));
  for (const [k, v] of out) if (v.value === null) out.delete(k);
  return out;
}

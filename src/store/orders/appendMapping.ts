import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toVersion, type MappingVersion } from './mappingRows.js';

/** Appends a new version of one mapping (value null removes it); returns it. Run in a transaction. */
export async function appendMapping(
  db: Kysely<DB>,
  m: { kind: string; scope: string; key: string; value: string | null; actor: string; now: number },
): Promise<MappingVersion> {
  const last = await db
    .selectFrom('mappings')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('kind', '=', m.kind)
    .where('scope', '=', m.scope)
    .where('key', '=', m.key)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const r = await db
    .insertInto('mappings')
    .values({
      kind: m.kind,
      scope: m.scope,
      key: m.key,
      value: m.value,
      version,
      created_at: m.now,
      created_by: m.actor,
    })
    .returning(['id', 'kind', 'scope', 'key', 'value', 'version', 'created_at', 'created_by'])
    .executeTakeFirstOrThrow();
  return toVersion(r);
}

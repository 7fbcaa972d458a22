import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface MappingVersion {
  /** Global id: every processed record names the mapping version (this id) it used. */
  id: number;
  kind: string;
  scope: string;
  key: string;
  /** Null: this version removed the mapping. */
  value: string | null;
  version: number;
  createdAt: number;
  createdBy: string;
}

type Row = {
  id: number;
  kind: string;
  scope: string;
  key: string;
  value: string | null;
  version: number;
  created_at: number;
  created_by: string;
};
const toVersion = (r: Row): MappingVersion => ({
  id: Number(r.id),
  kind: r.kind,
  scope: r.scope,
  key: r.key,
  value: r.value,
  version: Number(r.version),
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
});

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

export async function getCursor(db: Kysely<DB>, name: string): Promise<string | null> {
  const r = await db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst();
  return r?.value ?? null;
}

export async function setCursor(db: Kysely<DB>, name: string, value: string, now: number): Promise<void> {
  await db
    .insertInto('cursors')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}

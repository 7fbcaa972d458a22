import type { Kysely, Selectable } from 'kysely';
import type { DB, SecretsTable } from '../schema.js';

/** One encrypted secret: the value under a data key, the data key wrapped by key-ring key `keyId`. */
export interface SecretRow {
  name: string;
  ciphertext: string;
  keyId: string;
  wrappedKey: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

function toSecret(r: Selectable<SecretsTable>): SecretRow {
  return {
    name: r.name,
    ciphertext: r.ciphertext,
    keyId: r.key_id,
    wrappedKey: r.wrapped_key,
    version: Number(r.version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export async function getSecretRow(db: Kysely<DB>, name: string): Promise<SecretRow | null> {
  const r = await db.selectFrom('secrets').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? toSecret(r) : null;
}

export async function listSecretRows(db: Kysely<DB>): Promise<SecretRow[]> {
  return (await db.selectFrom('secrets').selectAll().orderBy('name').execute()).map(toSecret);
}

/** Inserts a secret or replaces its value (a new version). */
export async function putSecretRow(
  db: Kysely<DB>,
  s: Omit<SecretRow, 'version' | 'createdAt' | 'updatedAt'> & { now: number },
): Promise<SecretRow> {
  const r = await db
    .insertInto('secrets')
    .values({
      name: s.name,
      ciphertext: s.ciphertext,
      key_id: s.keyId,
      wrapped_key: s.wrappedKey,
      version: 1,
      created_at: s.now,
      updated_at: s.now,
      updated_by: s.updatedBy,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        ciphertext: s.ciphertext,
        key_id: s.keyId,
        wrapped_key: s.wrappedKey,
        version: eb('secrets.version', '+', 1),
        updated_at: s.now,
        updated_by: s.updatedBy,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSecret(r);
}

/**
 * Replaces only the wrapping of a data key (rotation): the ciphertext and version stay. Guarded
 * by the old wrapping, so a concurrent `secrets set` is never overwritten with a stale key.
 */
export async function rewrapSecretRow(
  db: Kysely<DB>,
  r: { name: string; fromWrappedKey: string; keyId: string; wrappedKey: string },
): Promise<boolean> {
  const res = await db
    .updateTable('secrets')
    .set({ key_id: r.keyId, wrapped_key: r.wrappedKey })
    .where('name', '=', r.name)
    .where('wrapped_key', '=', r.fromWrappedKey)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Key-ring key ids still wrapping at least one secret, with how many. */
export async function secretKeyUsage(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('secrets')
    .select(['key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('key_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key_id, Number(r.n)]));
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type SecretRow, toSecret } from './secretRows.js';

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

import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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

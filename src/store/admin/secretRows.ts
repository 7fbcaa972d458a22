import type { Selectable } from 'kysely';
import type { SecretsTable } from '../schema.js';

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

export function toSecret(r: Selectable<SecretsTable>): SecretRow {
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

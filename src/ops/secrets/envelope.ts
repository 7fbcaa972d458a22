import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FerryError } from '../../core/errors.js';
import type { KeyRing } from './keyRing.js';

/** Envelope encryption with AES-256-GCM: a fresh data key per secret, wrapped by a key-ring key. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
}

/** Null when authentication fails: wrong key, or bytes changed since they were sealed. */
function open(key: Buffer, sealed: string, aad: string): Buffer | null {
  const b = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, IV_BYTES));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(b.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([d.update(b.subarray(IV_BYTES + TAG_BYTES)), d.final()]);
  } catch {
    return null;
  }
}

export interface Sealed {
  ciphertext: string;
  keyId: string;
  wrappedKey: string;
}

// The AAD binds a ciphertext to its secret's name and a wrapped key to its key id, so rows cannot
// be swapped between secrets to make one credential decrypt as another.
const valueAad = (name: string): string => `ferry:secret:${name}`;
const wrapAad = (name: string, keyId: string): string => `ferry:dek:${name}:${keyId}`;

export function encryptSecret(ring: KeyRing, name: string, value: string): Sealed {
  const dataKey = randomBytes(32);
  const ciphertext = seal(dataKey, Buffer.from(value, 'utf8'), valueAad(name));
  return { ciphertext, ...wrapDataKey(ring, name, dataKey) };
}

export function wrapDataKey(
  ring: KeyRing,
  name: string,
  dataKey: Buffer,
): { keyId: string; wrappedKey: string } {
  const kek = ring.keys.get(ring.primary)!;
  return { keyId: ring.primary, wrappedKey: seal(kek, dataKey, wrapAad(name, ring.primary)) };
}

export function unwrapDataKey(ring: KeyRing, name: string, keyId: string, wrappedKey: string): Buffer {
  const kek = ring.keys.get(keyId);
  if (!kek)
    throw new FerryError(
      'config_invalid',
      `secret "${name}" is wrapped with key "${keyId}", which the key ring does not hold (it holds: ${[...ring.keys.keys()].join(', ')}); put "${keyId}" back, or set the secret again`,
    );
  const dataKey = open(kek, wrappedKey, wrapAad(name, keyId));
  if (!dataKey)
    throw new FerryError(
      'config_invalid',
      `secret "${name}" cannot be decrypted: key "${keyId}" in the key ring is not the key it was wrapped with (wrong key material, or the row was altered)`,
    );
  return dataKey;
}

export function decryptSecret(ring: KeyRing, name: string, s: Sealed): string {
  const dataKey = unwrapDataKey(ring, name, s.keyId, s.wrappedKey);
  const plain = open(dataKey, s.ciphertext, valueAad(name));
  if (!plain)
    throw new FerryError(
      'config_invalid',
      `secret "${name}" cannot be decrypted: its ciphertext was altered`,
    );
  return plain.toString('utf8');
}

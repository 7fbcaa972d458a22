import { readFileSync } from 'node:fs';
import { FerryError } from '../../core/errors.js';

/**
 * The key-encryption keys. They live in a file or an environment variable, never in the database,
 * so a copy of the database alone reveals no secret. New data keys are wrapped by `primary`; the
 * other keys stay only to unwrap what rotation has not re-wrapped yet.
 */
export interface KeyRing {
  primary: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** `{"primary": "k2", "keys": {"k1": "<base64 of 32 bytes>", "k2": "..."}}` */
export interface KeyRingJson {
  primary: string;
  keys: Record<string, string>;
}

const KEY_BYTES = 32;

/** Parses and checks a key ring; every problem names the key, never its material. */
export function parseKeyRing(text: string, source: string): KeyRing {
  let raw: Partial<KeyRingJson>;
  try {
    raw = JSON.parse(text) as Partial<KeyRingJson>;
  } catch {
    throw new FerryError(
      'config_invalid',
      `key ring ${source} is not JSON: expected {"primary": ..., "keys": {...}}`,
    );
  }
  if (!raw || typeof raw.keys !== 'object' || raw.keys === null || typeof raw.primary !== 'string')
    throw new FerryError('config_invalid', `key ring ${source}: expected {"primary": ..., "keys": {...}}`);
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(raw.keys)) {
    const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES)
      throw new FerryError(
        'config_invalid',
        `key ring ${source}: key "${id}" must be ${KEY_BYTES} bytes in base64`,
      );
    keys.set(id, key);
  }
  if (!keys.has(raw.primary))
    throw new FerryError(
      'config_invalid',
      `key ring ${source}: primary key "${raw.primary}" is not among its keys`,
    );
  return { primary: raw.primary, keys };
}

/**
 * Loads the key ring from `file`, else from FERRY_KEYRING_FILE or FERRY_KEYRING (the JSON itself)
 * in `env` — the runtime options' copy of the environment, read once by ops/config.
 */
export function loadKeyRing(opts: { file?: string; env?: Record<string, string | undefined> }): KeyRing {
  const file = opts.file ?? opts.env?.FERRY_KEYRING_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new FerryError('config_invalid', `cannot read key ring ${file}: ${(e as Error).message}`);
    }
    return parseKeyRing(text, file);
  }
  const inline = opts.env?.FERRY_KEYRING;
  if (inline) return parseKeyRing(inline, 'FERRY_KEYRING');
  throw new FerryError(
    'config_invalid',
    'no key ring: set FERRY_KEYRING_FILE (a JSON file) or FERRY_KEYRING (its JSON), or pass --keyring <file>',
  );
}

/** Serialises a key ring (the format `ferry secrets init` writes). */
export function keyRingJson(ring: KeyRing): KeyRingJson {
  return {
    primary: ring.primary,
    keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.toString('base64')])),
  };
}

import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { withAudit } from '../audit/index.js';
import { decryptSecret, encryptSecret, unwrapDataKey, wrapDataKey } from './envelope.js';
import type { KeyRing } from './keyRing.js';

/** What anyone may see of a secret: never its value. */
export interface SecretInfo {
  name: string;
  keyId: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export interface RotationReport {
  /** Secrets whose data key is now wrapped by the primary key. */
  rewrapped: string[];
  /** Keys of the ring that wrap nothing any more and may be removed from it. */
  removableKeys: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Partner secrets encrypted at rest. Values are only ever returned to Ferry's own connectors
 * (`reveal`, `resolveRef`); listings and the audit trail carry names, versions and key ids.
 */
export class SecretService {
  constructor(
    private readonly store: Store,
    private readonly ring: KeyRing,
    private readonly clock: Clock,
  ) {}

  async set(name: string, value: string, actor: string): Promise<SecretInfo> {
    if (!NAME.test(name))
      throw new FerryError(
        'bad_request',
        `secret name "${name}": letters, digits and _ only, not starting with a digit`,
      );
    if (!value) throw new FerryError('bad_request', `secret "${name}": the value is empty`);
    const now = this.clock.now();
    const sealed = encryptSecret(this.ring, name, value);
    const row = await withAudit(
      this.store,
      { actor, action: 'secret.set', targetKind: 'secret', targetId: name },
      now,
      async (tx) => {
        const before = await tx.secrets.getSecretRow(name);
        const after = await tx.secrets.putSecretRow({ name, ...sealed, updatedBy: actor, now });
        return {
          before: before ? { version: before.version, keyId: before.keyId } : null,
          after: { version: after.version, keyId: after.keyId },
          result: after,
        };
      },
    );
    return info(row!);
  }

  async list(): Promise<SecretInfo[]> {
    return (await this.store.secrets.listSecretRows()).map(info);
  }

  /** The plain value, for a connector; a wrong or missing key is a clear start-up error. */
  async reveal(name: string): Promise<string> {
    const row = await this.store.secrets.getSecretRow(name);
    if (!row)
      throw new FerryError('config_invalid', `secret "${name}" is not set; run: ferry secrets set ${name}`);
    return decryptSecret(this.ring, name, row);
  }

  /** Resolves a configuration reference: `secret:NAME` from this store, `env:NAME` from `env`. */
  async resolveRef(ref: string, env: Record<string, string | undefined> = {}): Promise<string> {
    if (ref.startsWith('secret:')) return this.reveal(ref.slice('secret:'.length));
    if (ref.startsWith('env:')) {
      const v = env[ref.slice('env:'.length)];
      if (v === undefined) throw new FerryError('config_invalid', `${ref} is not set in the environment`);
      return v;
    }
    throw new FerryError(
      'config_invalid',
      `"${ref.slice(0, 7)}…" is not a secret reference (secret:NAME or env:NAME)`,
    );
  }

  /**
   * Re-wraps every data key not under the primary key. Values are not re-encrypted, so a process
   * still running with the old ring keeps reading: both keys are in it until this has finished.
   */
  async rotate(actor: string): Promise<RotationReport> {
    const rewrapped: string[] = [];
    for (const row of await this.store.secrets.listSecretRows()) {
      if (row.keyId === this.ring.primary) continue;
      const dataKey = unwrapDataKey(this.ring, row.name, row.keyId, row.wrappedKey);
      const next = wrapDataKey(this.ring, row.name, dataKey);
      const done = await withAudit(
        this.store,
        { actor, action: 'secret.rotate', targetKind: 'secret', targetId: row.name },
        this.clock.now(),
        async (tx) =>
          (await tx.secrets.rewrapSecretRow({ name: row.name, fromWrappedKey: row.wrappedKey, ...next }))
            ? { before: { keyId: row.keyId }, after: { keyId: next.keyId }, result: true }
            : null,
      );
      if (done) rewrapped.push(row.name);
    }
    return { rewrapped, removableKeys: await this.removableKeys() };
  }

  /** Keys of the ring that wrap no secret and are not primary. */
  async removableKeys(): Promise<string[]> {
    const usage = await this.store.secrets.secretKeyUsage();
    return [...this.ring.keys.keys()].filter((k) => k !== this.ring.primary && !usage[k]);
  }
}

function info(r: {
  name: string;
  keyId: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
}): SecretInfo {
  return { name: r.name, keyId: r.keyId, version: r.version, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

/**
 * A synchronous resolver for app assembly (`(ref, where) => value`): decrypts every stored secret
 * once at start, so a wrong key ring fails the start-up instead of the first partner call.
 */
export async function preloadSecretResolver(
  svc: SecretService,
  env: Record<string, string | undefined>,
): Promise<(ref: string, where: string) => string> {
  const values = new Map<string, string>();
  for (const s of await svc.list()) values.set(s.name, await svc.reveal(s.name));
  return (ref, where) => {
    if (ref.startsWith('secret:')) {
      const v = values.get(ref.slice('secret:'.length));
      if (v === undefined)
        throw new FerryError(
          'config_invalid',
          `${where}: ${ref} is not set; run: ferry secrets set ${ref.slice(7)}`,
        );
      return v;
    }
    const v = ref.startsWith('env:') ? env[ref.slice(4)] : undefined;
    if (v === undefined || v === '')
      throw new FerryError(
        'config_invalid',
        ref.startsWith('env:')
          ? `${where}: ${ref} is not set in the environment`
          : `${where}: "${ref.slice(0, 7)}…" is not a reference (expected secret:NAME or env:NAME)`,
      );
    return v;
  };
}

import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { FerryConfig } from '../ops/config/index.js';
import { SecretService, loadKeyRing, preloadSecretResolver } from '../ops/secrets/index.js';
import type { Store } from '../store/index.js';
import { envSecretResolver, type SecretResolver } from './flows.js';

const REF = /^(secret|env):[A-Za-z_][A-Za-z0-9_]*$/;

/** Every `secret:`/`env:` reference in a configuration, with its path (`channels[0].webhookSecret`). */
export function configRefs(config: FerryConfig): { path: string; ref: string }[] {
  const out: { path: string; ref: string }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      // Ids, URLs and names cannot take this form (ids have no colon, a URL has //), so every
      // match is a reference field.
      if (REF.test(v)) out.push({ path, ref: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(config, '');
  return out;
}

/**
 * Resolves every reference once and reports all that fail together, so a person fixes them in one
 * round instead of one restart per missing secret. Values are never part of a message.
 */
export function assertRefsResolve(config: FerryConfig, resolve: SecretResolver): void {
  const problems = configRefs(config).flatMap(({ path, ref }) => {
    try {
      resolve(ref, path);
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  });
  if (problems.length)
    throw new FerryError(
      'config_invalid',
      `${problems.length} secret reference${problems.length === 1 ? '' : 's'} cannot be resolved:\n  ${problems.join('\n  ')}`,
      { details: problems },
    );
}

/**
 * The resolver for a process: `secret:NAME` from the encrypted store when a key ring is given
 * (FERRY_KEYRING or FERRY_KEYRING_FILE), decrypted once here so a wrong key stops start-up; else
 * `env:NAME` only. The service is returned for the admin API's /api/secrets.
 */
export async function openSecretResolver(
  store: Store,
  env: Record<string, string | undefined>,
  clock: Clock,
): Promise<{ resolve: SecretResolver; service?: SecretService }> {
  if (!env.FERRY_KEYRING && !env.FERRY_KEYRING_FILE) return { resolve: envSecretResolver(env) };
  const ring = loadKeyRing({ env, ...(env.FERRY_KEYRING_FILE ? { file: env.FERRY_KEYRING_FILE } : {}) });
  const service = new SecretService(store, ring, clock);
  return { resolve: await preloadSecretResolver(service, env), service };
}

import type { Command } from '@commander-js/extra-typings';
import { assertRefsResolve, envSecretResolver, openSecretResolver } from '../../app/index.js';
import { systemClock } from '../../core/clock.js';
import { FerryError, isFerryError } from '../../core/errors.js';
import { configJsonSchema, loadConfigFile, type FerryConfig } from '../../ops/config/index.js';
import { assertEnvironment } from '../../ops/secrets/index.js';
import { openStore } from '../../store/index.js';
import { runtimeFrom } from '../shared.js';

/** The problems a check raised, or none. */
function problemsOf(check: () => void | Promise<void>): Promise<string[]> {
  return Promise.resolve()
    .then(check)
    .then(
      () => [],
      (e: unknown) => {
        if (!isFerryError(e)) throw e;
        const details = e.details;
        return Array.isArray(details) ? details.map(String) : [e.message];
      },
    );
}

/**
 * What `serve` would refuse besides the file's shape: partner hosts of the other environment, and
 * references that do not resolve (`secret:` ones from the store named by --db / FERRY_DB, with the
 * key ring of FERRY_KEYRING_FILE / FERRY_KEYRING). Values are resolved, never printed.
 */
async function startupProblems(cfg: FerryConfig, db: string | undefined): Promise<string[]> {
  const rt = runtimeFrom(db ? { db } : {});
  const guard = await problemsOf(() => assertEnvironment(cfg));
  const needsStore =
    JSON.stringify(cfg).includes('"secret:') && (rt.env.FERRY_KEYRING || rt.env.FERRY_KEYRING_FILE);
  const store = needsStore ? await openStore(rt.db) : undefined;
  try {
    const refs = await problemsOf(async () => {
      const resolve = store
        ? (await openSecretResolver(store, rt.env, systemClock)).resolve
        : envSecretResolver(rt.env);
      assertRefsResolve(cfg, resolve);
    });
    return [...guard, ...refs];
  } finally {
    await store?.close();
  }
}

/** `ferry config check|schema`. */
export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('the configuration file');
  config
    .command('check')
    .description(
      'validate a configuration file, resolve its secret references (never printing them) and apply the environment guard, reporting every problem with its path',
    )
    .argument('[file]', 'file to check (default --config / FERRY_CONFIG / ferry.config.yaml)')
    .option('--db <location>', 'store holding the secret: references (env FERRY_DB)')
    .action(async (file, flags) => {
      const path = file ?? runtimeFrom({}).configPath ?? 'ferry.config.yaml';
      const cfg = loadConfigFile(path);
      const problems = await startupProblems(cfg, flags.db);
      if (problems.length)
        throw new FerryError(
          'config_invalid',
          `${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
        );
      console.log(
        `ferry: ${path} is valid (${cfg.environment}; ${cfg.channels.length} channel(s), ${cfg.warehouses.length} warehouse(s), ${cfg.lanes.length} lane(s)); every reference resolves`,
      );
    });
  config
    .command('schema')
    .description("print the configuration file's JSON Schema (for editors)")
    .action(() => {
      console.log(JSON.stringify(configJsonSchema(), null, 2));
    });
}

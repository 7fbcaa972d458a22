import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { SecretService, loadKeyRing } from '../../ops/secrets/index.js';
import type { RuntimeOptions } from '../../ops/config/index.js';
import type { Store } from '../../store/index.js';
import { cliActor, iso, printTable, readStdin, withStore } from '../shared.js';

function service(store: Store, rt: RuntimeOptions, keyring: string | undefined): SecretService {
  return new SecretService(
    store,
    loadKeyRing({ ...(keyring ? { file: keyring } : {}), env: rt.env }),
    systemClock,
  );
}

/** `ferry secrets set|ls|rotate`: partner credentials, encrypted with the key ring. */
export function registerSecretsCommands(program: Command): void {
  const secrets = program
    .command('secrets')
    .description(
      'partner secrets, encrypted at rest; the key ring comes from --keyring, FERRY_KEYRING_FILE or FERRY_KEYRING',
    );
  secrets
    .command('set')
    .description('set a secret from stdin (never from an argument, which shell history keeps)')
    .argument('<name>')
    .option('--from-file <path>', 'read the value from this file instead of stdin')
    .option('--keyring <file>', 'key ring JSON file')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (name, flags) => {
      const raw = flags.fromFile ? readFileSync(flags.fromFile, 'utf8') : await readStdin();
      const value = raw.replace(/\r?\n$/, '');
      if (!value)
        throw new FerryError('bad_request', `secret ${name}: no value given on stdin or --from-file`);
      await withStore(flags, async (store, rt) => {
        const s = await service(store, rt, flags.keyring).set(name, value, cliActor());
        console.log(`ferry: secret ${s.name} set (version ${s.version}, key ${s.keyId})`);
      });
    });
  secrets
    .command('ls')
    .description('names, versions and wrapping keys (never values)')
    .option('--keyring <file>', 'key ring JSON file')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (flags) => {
      await withStore(flags, async (store, rt) => {
        const rows = await service(store, rt, flags.keyring).list();
        printTable(
          rows.map((s) => ({
            name: s.name,
            version: s.version,
            key: s.keyId,
            updated: iso(s.updatedAt),
            by: s.updatedBy,
          })),
        );
      });
    });
  secrets
    .command('rotate')
    .description(
      "re-wrap every secret's data key under the key ring's primary key; then old keys can be removed",
    )
    .option('--keyring <file>', 'key ring JSON file')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (flags) => {
      await withStore(flags, async (store, rt) => {
        const r = await service(store, rt, flags.keyring).rotate(cliActor());
        console.log(`ferry: re-wrapped ${r.rewrapped.length} secret${r.rewrapped.length === 1 ? '' : 's'}`);
        if (r.removableKeys.length)
          console.log(
            `ferry: no secret uses key ${r.removableKeys.join(', ')} any more; it can be removed from the key ring`,
          );
      });
    });
}

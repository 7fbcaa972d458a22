import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { SecretService, loadKeyRing, type KeyRingJson } from '../../ops/secrets/index.js';
import type { RuntimeOptions } from '../../ops/config/index.js';
import type { Store } from '../../store/index.js';
import { cliActor, iso, printTable, readStdin, runtimeFrom, withStore } from '../shared.js';

function service(store: Store, rt: RuntimeOptions, keyring: string | undefined): SecretService {
  return new SecretService(
    store,
    loadKeyRing({ ...(keyring ? { file: keyring } : {}), env: rt.env }),
    systemClock,
  );
}

/** `ferry secrets init|set|ls|rotate`: partner credentials, encrypted with the key ring. */
export function registerSecretsCommands(program: Command): void {
  const secrets = program
    .command('secrets')
    .description(
      'partner secrets, encrypted at rest; the key ring comes from --keyring, FERRY_KEYRING_FILE or FERRY_KEYRING',
    );
  secrets
    .command('init')
    .description('create a key ring file (mode 600) with one new random key; it never goes into the database')
    .option('--keyring <file>', 'where to write it (default FERRY_KEYRING_FILE, else ./ferry-keyring.json)')
    .action((flags) => {
      const file = flags.keyring ?? runtimeFrom({}).env.FERRY_KEYRING_FILE ?? './ferry-keyring.json';
      const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
      const ring: KeyRingJson = { primary: id, keys: { [id]: randomBytes(32).toString('base64') } };
      try {
        // wx: an existing ring holds the keys to every stored secret; overwriting it loses them all.
        writeFileSync(file, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new FerryError(
          'bad_request',
          code === 'EEXIST'
            ? `${file} already exists; it is left as it is (its keys decrypt the stored secrets)`
            : `cannot write ${file}: ${(e as Error).message}`,
        );
      }
      console.log(
        `ferry: key ring ${file} written (key ${id}, readable by you only); keep a copy somewhere safe`,
      );
      console.log(`export FERRY_KEYRING_FILE=${file}`);
    });
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

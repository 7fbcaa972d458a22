/**
 * `ferry odoo verify`: checks a new Odoo connection and prints one line per check, or one JSON
 * object with `--json`. Exit code 0 only when every check passed.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from '@commander-js/extra-typings';
import { verifyConnection } from '../../connectors/odoo/index.js';
import type { VerifyReport } from '../../connectors/odoo/index.js';
import { compileConfig, loadConfigFile } from '../../ops/config/index.js';
import { FerryError } from '../../core/errors.js';
import { readStdin, runtimeFrom } from '../shared.js';

/**
 * The API key from a file, standard input (`--key-file -`) or an environment variable. Never from
 * an argument: `ps` and /proc/<pid>/cmdline show arguments to every user of the machine.
 */
async function readKey(o: { key?: string; keyFile?: string; keyEnv?: string }): Promise<string> {
  if (o.key !== undefined)
    throw new FerryError(
      'bad_request',
      '--key puts the key in the process list; use --key-file FILE, --key-file - (standard input) or --key-env NAME',
    );
  let key: string | undefined;
  if (o.keyFile === '-') key = await readStdin();
  else if (o.keyFile !== undefined) {
    try {
      key = readFileSync(o.keyFile, 'utf8');
    } catch (e) {
      throw new FerryError('bad_request', `--key-file: cannot read ${o.keyFile}: ${(e as Error).message}`);
    }
  } else {
    const name = o.keyEnv ?? 'ODOO_KEY';
    key = runtimeFrom({}).env[name];
    if (key === undefined)
      throw new FerryError(
        'bad_request',
        `${name} is not set; give the key with --key-env NAME, --key-file FILE or --key-file - (standard input)`,
      );
  }
  key = key.replace(/\r?\n$/, '');
  if (!key) throw new FerryError('bad_request', 'the Odoo API key is empty');
  return key;
}

function printText(r: VerifyReport): void {
  console.log(`Odoo ${r.version ?? '?'} via ${r.protocol ?? '?'}`);
  for (const c of r.checks)
    console.log(
      `${c.ok ? (c.warning ? 'warn' : 'ok  ') : 'FAIL'} ${c.name} (${c.roundTrips} rt): ${c.detail}`,
    );
  console.log(r.ok ? 'all checks passed' : `${r.checks.filter((c) => !c.ok).length} check(s) failed`);
}

/** Adds `odoo verify` to the ferry program. */
export function registerOdooCommands(program: Command): void {
  const odoo = program.command('odoo').description('Odoo connection tools');
  odoo
    .command('verify')
    .description(
      'check version, login, apps, access rights and master data; with --write, run every operation once on tagged test records',
    )
    .requiredOption('--url <url>', 'Odoo base URL')
    .requiredOption('--db <db>', 'database name')
    .requiredOption('--login <login>', 'integration user login')
    .option(
      '--key-file <path>',
      'read the API key (or password on Odoo ≤ 18) from this file; - reads standard input',
    )
    .option('--key-env <name>', 'read the API key from this environment variable (default ODOO_KEY)')
    .addOption(new Option('--key <key>').hideHelp())
    .option('--write', 'also create tagged test records and run every operation', false)
    .option('--allow-production', 'let --write run on a database that looks like production', false)
    .option(
      '--config <file>',
      'the Ferry configuration whose environment (sandbox or production) applies, and whose mappings and warehouses are checked against their Odoo companies',
    )
    .option('--json', 'print one JSON object', false)
    .action(async (o) => {
      const apiKey = await readKey(o);
      // With a configuration, its mappings and warehouses are checked against their Odoo companies too.
      const compiled = o.config ? compileConfig(loadConfigFile(o.config)) : undefined;
      const report = await verifyConnection(
        { ...compiled?.odoo?.options, url: o.url, db: o.db, login: o.login, apiKey },
        {
          write: o.write,
          allowProduction: o.allowProduction,
          ...(compiled ? { environment: compiled.source.environment, sites: compiled.warehouses.sites } : {}),
        },
      );
      if (o.json) console.log(JSON.stringify(report));
      else printText(report);
      process.exitCode = report.ok ? 0 : 1;
    });
}

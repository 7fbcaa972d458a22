/**
 * `ferry odoo verify`: checks a new Odoo connection and prints one line per check, or one JSON
 * object with `--json`. Exit code 0 only when every check passed.
 */
import type { Command } from '@commander-js/extra-typings';
import { verifyConnection } from '../../connectors/odoo/index.js';
import type { VerifyReport } from '../../connectors/odoo/index.js';
import { loadConfigFile } from '../../ops/config/index.js';

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
    .requiredOption('--key <key>', 'API key (or password on Odoo ≤ 18)')
    .option('--write', 'also create tagged test records and run every operation', false)
    .option('--allow-production', 'let --write run on a database that looks like production', false)
    .option('--config <file>', 'the Ferry configuration whose environment (sandbox or production) applies')
    .option('--json', 'print one JSON object', false)
    .action(async (o) => {
      const report = await verifyConnection(
        { url: o.url, db: o.db, login: o.login, apiKey: o.key },
        {
          write: o.write,
          allowProduction: o.allowProduction,
          ...(o.config ? { environment: loadConfigFile(o.config).environment } : {}),
        },
      );
      if (o.json) console.log(JSON.stringify(report));
      else printText(report);
      process.exitCode = report.ok ? 0 : 1;
    });
}

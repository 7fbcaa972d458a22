import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { Approvals, MappingCsv, type ImportReport } from '../../api/admin/index.js';
import type { Store } from '../../store/index.js';
import type { RuntimeOptions } from '../../ops/config/index.js';
import { cliActor, configFrom, printTable, withStore } from '../shared.js';

/** Approvals as the profile (--config or FERRY_CONFIG) asks for them; nothing held without a profile. */
export function profileApprovals(store: Store, rt: RuntimeOptions): Approvals {
  return new Approvals(store, systemClock, configFrom(rt).fourEyes);
}

/** Who the CLI acts as: the operating-system user, with the rights of whoever can open the store. */
export const cliPerson = () => ({ actor: cliActor(), userId: null, role: 'admin' as const });

function printReport(r: ImportReport): void {
  if (r.changes.length)
    printTable(
      r.changes.map((c) => ({
        row: c.row,
        mapping: `${c.kind}/${c.scope}/${c.key}`,
        from: c.from ?? '(none)',
        to: c.to ?? '(removed)',
      })),
    );
  if (r.errors.length) {
    console.error(`ferry: ${r.errors.length} bad row${r.errors.length === 1 ? '' : 's'}:`);
    printTable(
      r.errors.map((e) => ({ row: e.row, column: e.column ?? '', problem: e.message })),
      console.error,
    );
  }
}

/** `ferry mappings export FILE.csv` and `ferry mappings import FILE.csv [--dry-run]`. */
export function registerMappingCsvCommands(m: Command): void {
  m.command('export')
    .description('write the current mappings to a CSV file (kind, scope, key, value)')
    .argument('<file>', 'where to write, e.g. mappings.csv; - for standard output')
    .option('--kind <kind>', 'only this kind')
    .option('--scope <scope>', 'only this scope')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((file, flags) =>
      withStore(flags, async (store) => {
        const csv = await new MappingCsv(store, systemClock, new Approvals(store, systemClock)).export(flags);
        if (file === '-') return void process.stdout.write(csv);
        writeFileSync(file, csv);
        console.log(`ferry: ${csv.split('\n').length - 2} mappings written to ${file}`);
      }),
    );
  m.command('import')
    .description('change mappings from a CSV file; --dry-run lists what would change and every bad row')
    .argument('<file>', 'CSV with the columns kind, scope, key, value (an empty value removes)')
    .option('--dry-run', 'change nothing; list the changes and every bad row')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'the profile (four-eyes holds the changes for approval; env FERRY_CONFIG)')
    .action((file, flags) =>
      withStore(flags, async (store, rt) => {
        let csv: string;
        try {
          csv = readFileSync(file, 'utf8');
        } catch (e) {
          throw new FerryError(
            'bad_request',
            `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          );
        }
        const svc = new MappingCsv(store, systemClock, profileApprovals(store, rt));
        const who = { ...cliPerson(), refusal: () => null };
        // Checked first, so bad rows print as a table (a real import with any of them changes nothing).
        const check = await svc.import(csv, who, { dryRun: true });
        if (flags.dryRun || check.errors.length) {
          printReport(check);
          console.log(
            `ferry: dry run of ${file}: ${check.changes.length} would change, ${check.unchanged} already so, ${check.errors.length} bad`,
          );
          if (check.errors.length) process.exitCode = 1;
          return;
        }
        const r = await svc.import(csv, who, { dryRun: false });
        printReport(r);
        console.log(
          r.pending
            ? `ferry: ${r.changes.length} change${r.changes.length === 1 ? '' : 's'} from ${file} wait${r.changes.length === 1 ? 's' : ''} for a second person's approval (approval ${r.pending.id})`
            : `ferry: ${r.changes.length} mappings changed from ${file}, ${r.unchanged} already so`,
        );
      }),
    );
}

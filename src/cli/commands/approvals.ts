import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { Approvals, type ApprovalView } from '../../api/admin/index.js';
import { iso, printTable, withStore } from '../shared.js';
import { cliPerson } from './mappingsCsv.js';

function id(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new FerryError('bad_request', `expected an approval id (a positive number), got "${text}"`);
  return n;
}

const row = (a: ApprovalView) => ({
  id: a.id,
  kind: a.kind,
  change: a.summary,
  asked: `${a.requestedBy} ${iso(a.requestedAt)}`,
  status: a.status,
  decided: a.decidedBy ? `${a.decidedBy} ${iso(a.decidedAt)}` : '',
});

/**
 * `ferry approvals ls|approve|reject`: four-eyes from the command line. The CLI acts as the
 * operating-system user (`cli:<name>`), which is never the user who asked in the console, and
 * never approves a change it asked for itself.
 */
export function registerApprovalCommands(program: Command): void {
  const a = program
    .command('approvals')
    .description('changes waiting for a second person (four-eyes): list, approve, reject');
  const svc = (store: Parameters<Parameters<typeof withStore>[1]>[0]) => new Approvals(store, systemClock);
  a.command('ls')
    .description('pending changes, oldest first (or decided ones with --status)')
    .option('--status <status>', 'pending, approved or rejected', 'pending')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((flags) =>
      withStore(flags, async (store) => {
        const status = flags.status;
        if (status !== 'pending' && status !== 'approved' && status !== 'rejected')
          throw new FerryError(
            'bad_request',
            `--status: expected pending, approved or rejected, got "${status}"`,
          );
        printTable((await svc(store).list({ status }, cliPerson())).map(row));
      }),
    );
  a.command('approve')
    .description('approve and apply a pending change')
    .argument('<id>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((text, flags) =>
      withStore(flags, async (store) => {
        const r = await svc(store).approve(id(text), cliPerson());
        console.log(`ferry: approval ${r.id} approved and applied: ${r.summary}`);
      }),
    );
  a.command('reject')
    .description('reject a pending change; nothing is applied')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why, for the person who asked and the audit trail')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((text, flags) =>
      withStore(flags, async (store) => {
        const r = await svc(store).reject(id(text), cliPerson(), flags.reason);
        console.log(`ferry: approval ${r.id} rejected: ${r.summary}`);
      }),
    );
}

import type { Command } from '@commander-js/extra-typings';
import { retentionPolicy } from '../../app/maintenance.js';
import { cliActor, configFrom, iso, printTable, withStore } from '../shared.js';

/** `ferry retention purge` and `ferry privacy ls|show`. */
export function registerRetentionCommands(program: Command): void {
  program
    .command('retention')
    .description('erase and delete stored data past the configured ages (runs daily on its own)')
    .command('purge')
    .description('apply the retention policy now; the purge is written to the audit trail')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--json', 'print one JSON object')
    .action(async (flags) => {
      await withStore(flags, async (store, rt) => {
        const policy = retentionPolicy(configFrom(rt));
        const counts = await store.transaction((tx) =>
          tx.retention.purgeRetention(policy, Date.now(), cliActor()),
        );
        if (flags.json) return console.log(JSON.stringify({ policy, counts }));
        printTable(Object.entries(counts).map(([what, n]: [string, number]) => ({ what, n })));
      });
    });
  const privacy = program.command('privacy').description('privacy requests received from the channels');
  privacy
    .command('ls')
    .description('privacy requests, newest first')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const rows = await store.retention.listPrivacyRequests(Number(flags.limit));
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        printTable(
          rows.map((r) => ({
            id: r.id,
            channel: r.channel,
            kind: r.kind,
            received: iso(r.receivedAt),
            done: iso(r.completedAt),
          })),
        );
      });
    });
  privacy
    .command('show')
    .description(
      "one request's report: the data held for a data request, or what a redaction erased and kept",
    )
    .argument('<id>', 'privacy request id')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        const r = (await store.retention.listPrivacyRequests(100_000)).find((x) => x.id === Number(id));
        if (!r) throw new Error(`no privacy request ${id}`);
        console.log(JSON.stringify(r, null, 2));
      });
    });
}

import type { Command } from '@commander-js/extra-typings';
import { FerryError } from '../../core/errors.js';
import { backupSqlite, parseStoreLocation, redactUrl } from '../../store/index.js';
import { replayInbox } from '../../store/admin/index.js';
import { cliActor, parseSince, runtimeFrom, withStore } from '../shared.js';

/** `ferry backup --to FILE` and `ferry inbox replay --since T` (DESIGN §8, recovery). */
export function registerRecoveryCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite store to a file while Ferry runs (PostgreSQL: use pg_dump)')
    .requiredOption('--to <file>', 'the backup file to write (must not exist)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const loc = parseStoreLocation(rt.db);
      if (loc.kind === 'postgres')
        throw new FerryError(
          'bad_request',
          `ferry backup copies SQLite stores only; ${redactUrl(loc.url)} is PostgreSQL: back it up with ` +
            'PostgreSQL\'s own tools, e.g. pg_dump --format=custom --file=ferry.dump "$FERRY_DB" ' +
            '(or continuous archiving / a replica for point-in-time recovery)',
        );
      if (loc.path === ':memory:')
        throw new FerryError('bad_request', 'an in-memory store has nothing to back up');
      const r = await backupSqlite(loc.path, flags.to);
      if (r.check !== 'ok')
        throw new FerryError('store_corrupt', `the backup in ${flags.to} fails SQLite's check: ${r.check}`);
      console.log(`ferry: backed up ${loc.path} to ${flags.to} (${r.pages} pages, checked)`);
    });
  program
    .command('inbox')
    .description('the inbox of received messages: replay after a restore')
    .command('replay')
    .description(
      'queue the processing of every message received since T again (after restoring a backup); ' +
        'what already exists at the partners is not created twice',
    )
    .requiredOption('--since <time>', 'an ISO time (UTC) or a duration back from now, e.g. 2h')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--dry-run', 'list what would be queued, queue nothing')
    .option('--json', 'print one JSON object')
    .action(async (flags) => {
      const since = parseSince(flags.since);
      await withStore(flags, async (store) => {
        const r = await replayInbox(store, since, {
          actor: cliActor(),
          now: Date.now(),
          ...(flags.dryRun ? { dryRun: true } : {}),
        });
        if (flags.json) return console.log(JSON.stringify({ since: new Date(since).toISOString(), ...r }));
        const verb = flags.dryRun ? 'would queue' : 'queued';
        console.log(
          `ferry: ${verb} ${r.replayed.length} message(s) received since ${new Date(since).toISOString()} again`,
        );
        const byWhy = new Map<string, number[]>();
        for (const l of r.leftOut) byWhy.set(l.why, [...(byWhy.get(l.why) ?? []), l.inboxId]);
        for (const [why, ids] of byWhy)
          console.log(`  left out (${why}): ${ids.length} — inbox ${ids.slice(0, 20).join(', ')}`);
      });
    });
}

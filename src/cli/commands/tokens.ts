import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { ROLES, TokenService } from '../../api/auth/index.js';
import { cliActor, iso, printTable, withStore } from '../shared.js';

/**
 * `ferry tokens create|ls|revoke`. Whoever can open the store can already change everything in it,
 * so these commands need no token themselves; that is how the first admin token is made.
 */
export function registerTokensCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for the admin API');
  tokens
    .command('create')
    .description('create a token; its value is printed once and never stored')
    .requiredOption('--name <name>', 'who or what uses it, e.g. grafana or alice')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--expires-days <n>', 'days until it expires (default: never)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (flags) => {
      const days = flags.expiresDays === undefined ? undefined : Number(flags.expiresDays);
      if (days !== undefined && !(days > 0))
        throw new FerryError(
          'bad_request',
          `--expires-days: expected a positive number, got "${flags.expiresDays}"`,
        );
      await withStore(flags, async (store) => {
        const r = await new TokenService(store, systemClock).create(
          {
            name: flags.name,
            role: flags.role,
            expiresInMs: days === undefined ? undefined : days * 86_400_000,
          },
          cliActor(),
        );
        console.log(r.token);
        console.error(
          `ferry: token ${r.info.id} (${r.info.role}) created; this is the only time it is shown`,
        );
      });
    });
  tokens
    .command('ls')
    .description('list tokens (never their values)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const rows = await new TokenService(store, systemClock).list();
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        printTable(
          rows.map((t) => ({
            id: t.id,
            name: t.name,
            role: t.role,
            status: t.status,
            prefix: t.prefix,
            expires: iso(t.expiresAt),
            lastUsed: iso(t.lastUsedAt),
            createdBy: t.createdBy,
          })),
        );
      });
    });
  tokens
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (id, flags) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0)
        throw new FerryError('bad_request', `expected a token id (a positive number), got "${id}"`);
      await withStore(flags, async (store) => {
        await new TokenService(store, systemClock).revoke(n, cliActor());
        console.log(`ferry: token ${n} revoked`);
      });
    });
}

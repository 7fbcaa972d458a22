import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { ROLES, TokenService, UserService } from '../../api/auth/index.js';
import type { Store } from '../../store/index.js';
import { cliActor, configFrom, iso, printTable, withStore } from '../shared.js';

const users = (store: Store): UserService =>
  new UserService(store, systemClock, new TokenService(store, systemClock));

/**
 * `ferry users add|list|token|link`. Like `ferry tokens`, whoever can open the store needs no
 * token: this is how the first admin and their console sign-in link are made.
 */
export function registerUsersCommands(program: Command): void {
  const cmd = program.command('users').description('named users of the console and the admin API');
  cmd
    .command('add')
    .description('add a user')
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (name, flags) => {
      await withStore(flags, async (store) => {
        const u = await users(store).add({ name, role: flags.role }, cliActor());
        console.log(`ferry: user ${u.name} (${u.role}) added, id ${u.id}`);
      });
    });
  cmd
    .command('list')
    .description('list users with their role and live tokens')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const rows = await users(store).list();
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        printTable(
          rows.map((u) => ({
            id: u.id,
            name: u.name,
            role: u.role,
            tokens: u.activeTokens,
            disabled: u.disabled ? 'yes' : '',
            created: iso(u.createdAt),
            createdBy: u.createdBy,
          })),
        );
      });
    });
  cmd
    .command('token')
    .description("a new API token for a user, with the user's role; printed once, never stored")
    .argument('<name>')
    .option('--expires-days <n>', 'days until it expires (default: never)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (name, flags) => {
      const days = flags.expiresDays === undefined ? undefined : Number(flags.expiresDays);
      if (days !== undefined && !(days > 0))
        throw new FerryError(
          'bad_request',
          `--expires-days: expected a positive number, got "${flags.expiresDays}"`,
        );
      await withStore(flags, async (store) => {
        const r = await users(store).token(
          name,
          cliActor(),
          days === undefined ? undefined : days * 86_400_000,
        );
        console.log(r.token);
        console.error(
          `ferry: token ${r.info.id} for ${name} (${r.info.role}); this is the only time it is shown`,
        );
      });
    });
  cmd
    .command('link')
    .description('a one-time console sign-in link for a user (single use, 15 minutes)')
    .argument('<name>')
    .option('--url <base>', "the console's address (default http://localhost:<configured port>)")
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (name, flags) => {
      await withStore(flags, async (store, rt) => {
        const r = await users(store).link(name, cliActor());
        const base = flags.url ?? `http://localhost:${rt.port ?? configFrom(rt).http.port}`;
        console.log(`${base.replace(/\/+$/, '')}${r.path}`);
        console.error(
          `ferry: sign-in link for ${name} (${r.user.role}), valid until ${iso(r.expiresAt)}, once`,
        );
      });
    });
}

import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { MappingService, MAPPING_KINDS } from '../../api/admin/index.js';
import { cliActor, iso, printTable, withStore } from '../shared.js';

const KINDS = `kind: ${MAPPING_KINDS.join(', ')}`;

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new FerryError('bad_request', `expected ${what} (a positive number), got "${text}"`);
  return n;
}

/** `ferry mappings ls|set|rm|history|diff|rollback`: the same service as the admin API. */
export function registerMappingsCommands(program: Command): void {
  const m = program.command('mappings').description('versioned mappings and rules');
  const svc = (fn: (s: MappingService) => Promise<void>) => (flags: { db?: string }) =>
    withStore(flags, (store) => fn(new MappingService(store, systemClock)));
  m.command('ls')
    .description('current mappings of a kind in a scope')
    .argument('<kind>', KINDS)
    .argument('<scope>', 'e.g. a channel id, or global')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, flags) =>
      svc(async (s) =>
        printTable(
          (await s.list(kind, scope)).map((v) => ({
            key: v.key,
            value: v.value,
            version: v.version,
            by: v.createdBy,
            at: iso(v.createdAt),
          })),
        ),
      )(flags),
    );
  m.command('set')
    .description('create or change a mapping (a new version)')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .argument('<value>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, key, value, flags) =>
      svc(async (s) => {
        const v = await s.set({ kind, scope, key }, value, cliActor());
        console.log(`ferry: ${kind}/${scope}/${key} is at version ${v.version}`);
      })(flags),
    );
  m.command('rm')
    .description('remove a mapping (a version without value)')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, key, flags) =>
      svc(async (s) => {
        const v = await s.set({ kind, scope, key }, null, cliActor(), 'mapping.remove');
        console.log(`ferry: ${kind}/${scope}/${key} removed at version ${v.version}`);
      })(flags),
    );
  m.command('history')
    .description('every version of one mapping')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, key, flags) =>
      svc(async (s) =>
        printTable(
          (await s.history({ kind, scope, key })).map((v) => ({
            version: v.version,
            value: v.value ?? '(removed)',
            by: v.createdBy,
            at: iso(v.createdAt),
          })),
        ),
      )(flags),
    );
  m.command('diff')
    .description('what changed between two versions')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .argument('<from>')
    .argument('<to>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, key, from, to, flags) =>
      svc(async (s) =>
        printTable(
          (await s.diff({ kind, scope, key }, positive(from, 'a version'), positive(to, 'a version')))
            .changes,
        ),
      )(flags),
    );
  m.command('rollback')
    .description('make an earlier version current again (as a new version)')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .argument('<version>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action((kind, scope, key, version, flags) =>
      svc(async (s) => {
        const v = await s.rollback({ kind, scope, key }, positive(version, 'a version'), cliActor());
        console.log(
          `ferry: ${kind}/${scope}/${key} rolled back to the value of version ${version}, now version ${v.version}`,
        );
      })(flags),
    );
}

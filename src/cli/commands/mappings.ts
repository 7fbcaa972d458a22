import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import {
  MappingChanges,
  MappingService,
  MAPPING_KINDS,
  isHeld,
  type ApprovalView,
} from '../../api/admin/index.js';
import type { MappingVersion } from '../../store/orders/index.js';
import { iso, printTable, withStore } from '../shared.js';
import { cliPerson, profileApprovals, registerMappingCsvCommands } from './mappingsCsv.js';

const KINDS = `kind: ${MAPPING_KINDS.join(', ')}`;

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new FerryError('bad_request', `expected ${what} (a positive number), got "${text}"`);
  return n;
}

/** A change that took effect, or one held for a second person where the profile asks for four eyes. */
function outcome(o: MappingVersion | ApprovalView, done: (v: MappingVersion) => string): string {
  return isHeld(o)
    ? `ferry: held for a second person's approval (approval ${o.id}: ${o.summary}); approve it in the console or with ferry approvals approve ${o.id}`
    : done(o);
}

/**
 * `ferry mappings ls|set|rm|history|diff|rollback|export|import`: the same services as the admin
 * API. Changes follow the four-eyes setting of the profile given by --config (or FERRY_CONFIG).
 */
export function registerMappingsCommands(program: Command): void {
  const m = program.command('mappings').description('versioned mappings and rules');
  const svc = (fn: (s: MappingService) => Promise<void>) => (flags: { db?: string }) =>
    withStore(flags, (store) => fn(new MappingService(store, systemClock)));
  const change = (fn: (s: MappingChanges) => Promise<string>) => (flags: { db?: string; config?: string }) =>
    withStore(flags, async (store, rt) => {
      const mappings = new MappingService(store, systemClock);
      console.log(await fn(new MappingChanges(store, mappings, profileApprovals(store, rt))));
    });
  const PROFILE = ['--config <file>', 'the profile, for its four-eyes setting (env FERRY_CONFIG)'] as const;
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
    .option(...PROFILE)
    .action((kind, scope, key, value, flags) =>
      change(async (s) =>
        outcome(
          await s.set({ kind, scope, key }, value, cliPerson()),
          (v) => `ferry: ${kind}/${scope}/${key} is at version ${v.version}`,
        ),
      )(flags),
    );
  m.command('rm')
    .description('remove a mapping (a version without value)')
    .argument('<kind>', KINDS)
    .argument('<scope>')
    .argument('<key>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option(...PROFILE)
    .action((kind, scope, key, flags) =>
      change(async (s) =>
        outcome(
          await s.set({ kind, scope, key }, null, cliPerson(), 'mapping.remove'),
          (v) => `ferry: ${kind}/${scope}/${key} removed at version ${v.version}`,
        ),
      )(flags),
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
    .option(...PROFILE)
    .action((kind, scope, key, version, flags) =>
      change(async (s) =>
        outcome(
          await s.rollback({ kind, scope, key }, positive(version, 'a version'), cliPerson()),
          (v) =>
            `ferry: ${kind}/${scope}/${key} rolled back to the value of version ${version}, now version ${v.version}`,
        ),
      )(flags),
    );
  registerMappingCsvCommands(m);
}

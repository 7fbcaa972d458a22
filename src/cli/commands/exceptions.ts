import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { FerryError, IMPACTS } from '../../core/errors.js';
import { ExceptionService } from '../../engine/index.js';
import type { ExceptionFilter } from '../../store/index.js';
import { cliActor, parseSince, withStore } from '../shared.js';
import { exceptionList, exceptionPage } from './exceptionPages.js';

interface FilterFlags {
  code?: string;
  lane?: string;
  task?: string;
  partner?: string;
  impact?: string;
  since?: string;
  until?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function addFilterOptions<C extends Command<any, any>>(cmd: C): C {
  return cmd
    .option('--code <code>', 'error code, e.g. mapping_missing')
    .option('--lane <lane>', 'lane')
    .option('--task <task>', 'task')
    .option('--partner <partner>', 'partner, e.g. odoo')
    .option('--impact <impact>', `impact (${IMPACTS.join(', ')})`)
    .option('--since <when>', 'created at or after: 2h, 3d or an ISO time')
    .option('--until <when>', 'created before: 2h, 3d or an ISO time') as C;
}

function toFilter(f: FilterFlags): ExceptionFilter {
  if (f.impact && !(IMPACTS as string[]).includes(f.impact))
    throw new FerryError('bad_request', `--impact: expected one of ${IMPACTS.join(', ')}, got "${f.impact}"`);
  return {
    ...(f.code ? { code: f.code } : {}),
    ...(f.lane ? { lane: f.lane } : {}),
    ...(f.task ? { task: f.task } : {}),
    ...(f.partner ? { partner: f.partner } : {}),
    ...(f.impact ? { impact: f.impact } : {}),
    ...(f.since ? { from: parseSince(f.since) } : {}),
    ...(f.until ? { to: parseSince(f.until) } : {}),
  };
}

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new FerryError('bad_request', `expected an exception id (a positive number), got "${text}"`);
  return id;
}

/** `ferry exceptions ls|show|replay|skip`. */
export function registerExceptionCommands(program: Command): void {
  const ex = program
    .command('exceptions')
    .description('the exception queue: what needs a person, and the actions to take');
  addFilterOptions(ex.command('ls').description('list exceptions (open ones unless --all)'))
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--all', 'include replayed and skipped ones')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const rows = await store.exceptions.listExceptions({
          ...toFilter(flags as FilterFlags),
          ...(flags.all ? {} : { status: 'open' }),
        });
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        console.log(exceptionList(rows));
      });
    });
  ex.command('show')
    .description('one exception in full: reason, payload, attempt history, related ids')
    .argument('<id>')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print the record as JSON (times in epoch ms, with its payload)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        const e = await new ExceptionService(store, systemClock).show(parseId(id));
        console.log(flags.json ? JSON.stringify(e, null, 2) : exceptionPage(e));
      });
    });
  addFilterOptions(
    ex.command('replay').description('replay one exception by id, or every open one matching the filters'),
  )
    .argument('[id]')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--payload <file>', 'replace the job payload with this JSON file before replaying (one id only)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        const svc = new ExceptionService(store, systemClock);
        const filter = toFilter(flags as FilterFlags);
        if (id !== undefined) {
          if (flags.payload) {
            const payload: unknown = JSON.parse(readFileSync(flags.payload, 'utf8'));
            await svc.editAndReplay(parseId(id), payload, cliActor());
            return console.log(`ferry: exception ${id} replayed with the edited payload`);
          }
          await svc.replay(parseId(id), cliActor());
          return console.log(`ferry: exception ${id} replayed`);
        }
        if (flags.payload) throw new FerryError('bad_request', '--payload needs one exception id');
        if (Object.keys(filter).length === 0)
          throw new FerryError(
            'bad_request',
            'give an exception id, or at least one filter (--code, --lane, --partner, --impact, --since ...) to replay a set',
          );
        const done = await svc.replayMatching(filter, cliActor());
        console.log(
          `ferry: replayed ${done.length} exception${done.length === 1 ? '' : 's'}${done.length ? `: ${done.join(', ')}` : ''}`,
        );
      });
    });
  ex.command('skip')
    .description('close an exception without running it again')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why it is skipped (kept in the audit trail)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        await new ExceptionService(store, systemClock).skip(parseId(id), flags.reason, cliActor());
        console.log(`ferry: exception ${id} skipped`);
      });
    });
}

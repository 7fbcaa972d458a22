import type { Command } from '@commander-js/extra-typings';
import { JobState } from '../../store/index.js';
import { iso, printTable, withStore } from '../shared.js';

const STATES = Object.values(JobState) as string[];

/** `ferry jobs ls|stats`. */
export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('inspect the job queue');
  jobs
    .command('ls')
    .description('list jobs, newest first')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--lane <lane>', 'only this lane')
    .option('--state <state>', `only this state (${STATES.join(', ')})`)
    .option('--task <task>', 'only this task')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      if (flags.state && !STATES.includes(flags.state))
        throw new Error(`--state: expected one of ${STATES.join(', ')}, got "${flags.state}"`);
      await withStore(flags, async (store) => {
        const rows = await store.jobs.listJobs({
          ...(flags.lane ? { lane: flags.lane } : {}),
          ...(flags.state ? { state: flags.state as JobState } : {}),
          ...(flags.task ? { task: flags.task } : {}),
          limit: Number(flags.limit),
        });
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        printTable(
          rows.map((j) => ({
            id: j.id,
            lane: j.lane,
            task: j.task,
            state: j.state,
            attempts: `${j.attempts}/${j.maxAttempts}`,
            runAt: iso(j.runAt),
            key: j.orderingKey ?? '',
            lastError: j.errors.at(-1)?.message ?? '',
          })),
        );
      });
    });
  jobs
    .command('stats')
    .description('depth, oldest job age and last-hour throughput per lane')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const stats = await store.jobs.jobStats(Date.now());
        if (flags.json) return console.log(JSON.stringify(stats, null, 2));
        printTable(
          stats.map((s) => ({
            lane: s.lane,
            due: s.due,
            waiting: s.ready - s.due,
            running: s.running,
            excepted: s.excepted,
            'done/h': s.completedLastHour,
            'oldest due': `${Math.round(s.oldestDueAgeMs / 1000)}s`,
          })),
        );
      });
    });
}

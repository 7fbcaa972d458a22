import type { Command } from '@commander-js/extra-typings';
import { startFerry } from '../../app/index.js';
import { configFrom, runtimeFrom } from '../shared.js';
import { builtinTasks } from '../../flows/index.js';
import { createLogger } from '../../ops/logging/index.js';

/** `ferry serve`, `ferry worker`, `ferry migrate`. */
export function registerRuntimeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server (webhooks, admin API, health) and the workers in one process')
    .option(
      '--db <location>',
      'store: a file path, sqlite: URL or postgres:// URL (env FERRY_DB, default ./ferry.db)',
    )
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--port <port>', 'HTTP port (env FERRY_PORT)')
    .option(
      '--lanes <names>',
      'comma-separated lanes its workers serve (default all; with PostgreSQL, several serve processes leave orders and inventory to one worker)',
    )
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const lanes = laneList(flags.lanes);
      const app = await startFerry({
        db: rt.db,
        config: configFrom(rt),
        env: rt.env,
        logger: createLogger({ level: rt.logLevel }),
        mode: 'serve',
        tasks: builtinTasks(),
        ...(lanes ? { lanes } : {}),
        ...(rt.port !== undefined ? { port: rt.port } : {}),
      });
      // Handlers first, then the line that tells a supervisor Ferry is up: a SIGTERM sent on
      // seeing it must find them (without, Node's default action killed the process mid-start).
      const stopped = untilSignal();
      console.log(`ferry: serving on ${app.url} with ${app.store.location}; Ctrl-C stops`);
      await stopped;
      await app.stop();
      exitSoonAfterStop();
    });
  program
    .command('worker')
    .description('run workers only (scale-out on PostgreSQL: start as many as you need)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--lanes <names>', 'comma-separated lanes to serve (default all)')
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const lanes = laneList(flags.lanes);
      const app = await startFerry({
        db: rt.db,
        config: configFrom(rt),
        env: rt.env,
        logger: createLogger({ level: rt.logLevel }),
        mode: 'worker',
        tasks: builtinTasks(),
        ...(lanes ? { lanes } : {}),
      });
      const stopped = untilSignal();
      console.log(`ferry: worker ${app.worker.workerId} on ${app.store.location}; Ctrl-C stops`);
      await stopped;
      await app.stop();
      exitSoonAfterStop();
    });
  program
    .command('migrate')
    .description('apply pending database migrations (also done on start)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (flags) => {
      const { openStore } = await import('../../store/index.js');
      const rt = runtimeFrom(flags);
      const store = await openStore(rt.db, { migrate: false });
      try {
        const { MIGRATIONS } = await import('../../store/migrations/index.js');
        const { applied } = await store.migrate();
        const status = await store.migrations.status();
        for (const v of applied)
          console.log(
            `ferry: applied migration ${v}: ${MIGRATIONS.find((m) => m.version === v)?.name ?? ''}`,
          );
        console.log(
          applied.length
            ? `ferry: applied migrations ${applied.join(', ')}; ${store.location} is at version ${status.current}`
            : `ferry: ${store.location} is up to date (version ${status.current})`,
        );
      } finally {
        await store.close();
      }
    });
}

/**
 * Once Ferry has stopped (store closed, leases given back), a partner call that never answers must
 * not keep the process alive: its job was given back and runs elsewhere, but the socket held the
 * event loop until the call's own timeout (30 s for Odoo), past Kubernetes' default 30 s grace
 * (measured by cli/drain.test.ts). A process with nothing left exits by itself before the timer.
 */
function exitSoonAfterStop(): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
}

/** `--lanes a,b` as a list; undefined (all lanes) when not given. */
function laneList(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

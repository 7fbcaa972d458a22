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
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const app = await startFerry({
        db: rt.db,
        config: configFrom(rt),
        env: rt.env,
        logger: createLogger({ level: rt.logLevel }),
        mode: 'serve',
        tasks: builtinTasks(),
        ...(rt.port !== undefined ? { port: rt.port } : {}),
      });
      // Handlers first, then the line that tells a supervisor Ferry is up: a SIGTERM sent on
      // seeing it must find them (without, Node's default action killed the process mid-start).
      const stopped = untilSignal();
      console.log(`ferry: serving on ${app.url} with ${app.store.location}; Ctrl-C stops`);
      await stopped;
      await app.stop();
    });
  program
    .command('worker')
    .description('run workers only (scale-out on PostgreSQL: start as many as you need)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--lanes <names>', 'comma-separated lanes to serve (default all)')
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const lanes = flags.lanes
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
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
        const { applied } = await store.migrate();
        const status = await store.migrationStatus();
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

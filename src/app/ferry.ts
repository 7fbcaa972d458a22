import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import {
  EventBus,
  LaneRegistry,
  Queue,
  Scheduler,
  Worker,
  type ScheduleDefinition,
  type AnyTask,
} from '../engine/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import { createLogger, logEngineEvents, type Logger } from '../ops/logging/index.js';
import { buildHttp } from '../api/server.js';
import { openStore, type Store } from '../store/index.js';
import { randomUUID } from 'node:crypto';
import { MAINTENANCE_LANE, maintenanceSchedules, maintenanceTasks } from './maintenance.js';

export interface FerryAppOptions {
  db: string;
  config: FerryConfig;
  /** serve = HTTP + workers; worker = workers only (scale-out). */
  mode: 'serve' | 'worker';
  tasks?: AnyTask[];
  schedules?: ScheduleDefinition[];
  /** Only these lanes (worker mode). Default all. */
  lanes?: string[];
  port?: number;
  clock?: Clock;
  logger?: Logger;
  events?: EventBus;
}

export interface FerryApp {
  store: Store;
  queue: Queue;
  lanes: LaneRegistry;
  events: EventBus;
  worker: Worker;
  http: FastifyInstance | undefined;
  /** The bound HTTP address, e.g. http://127.0.0.1:8080. */
  url: string | undefined;
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Starts a Ferry process: opens the store (migrating it), claims it when it is SQLite, starts the
 * workers and the scheduler, and in serve mode the HTTP server. Nothing is half-started: a
 * failure at any step closes what was opened and rethrows.
 */
export async function startFerry(opts: FerryAppOptions): Promise<FerryApp> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger();
  const events = opts.events ?? new EventBus();
  const configured = opts.config.lanes.map((l) => ({ ...l, ...(l.backoff ? { backoff: l.backoff } : {}) }));
  const lanes = new LaneRegistry(
    configured.some((l) => l.name === MAINTENANCE_LANE)
      ? configured
      : [...configured, { name: MAINTENANCE_LANE, concurrency: 1 }],
  );
  const tasks = [...(opts.tasks ?? []), ...maintenanceTasks(opts.config.inbox.retentionDays)];
  const schedules = [...(opts.schedules ?? []), ...maintenanceSchedules];
  const store = await openStore(opts.db, { clock });
  const holder = `ferry:${randomUUID()}`;
  const timers: NodeJS.Timeout[] = [];
  try {
    await store.acquireRuntimeLock(holder, clock.now());
    timers.push(
      setInterval(() => void store.heartbeatRuntimeLock(holder, clock.now()).catch(() => undefined), 5000),
    );
    if ('listen' in store && typeof store.listen === 'function')
      await (store.listen as () => Promise<void>)();
    const queue = new Queue(store, lanes, clock);
    const worker = new Worker({
      store,
      lanes,
      tasks,
      clock,
      events,
      ...(opts.lanes ? { only: opts.lanes } : {}),
    });
    const offLog = logEngineEvents(events, log);
    const scheduler = new Scheduler({ store, queue, clock, events }, schedules);
    await scheduler.start();
    worker.start();
    let running = true;
    let http: FastifyInstance | undefined;
    let url: string | undefined;
    if (opts.mode === 'serve') {
      http = buildHttp({
        store,
        workersRunning: () => running,
        bodyLimitBytes: opts.config.http.bodyLimitBytes,
      });
      url = await http.listen({ host: opts.config.http.host, port: opts.port ?? opts.config.http.port });
    }
    log.info({ store: store.location, mode: opts.mode, url, lanes: lanes.names() }, 'ferry started');
    return {
      store,
      queue,
      lanes,
      events,
      worker,
      http,
      url,
      async stop(deadlineMs = 10_000) {
        running = false;
        scheduler.stop();
        if (http) await http.close();
        await worker.stop(deadlineMs);
        offLog();
        for (const t of timers) clearInterval(t);
        await store.releaseRuntimeLock(holder).catch(() => undefined);
        await store.close();
        log.info('ferry stopped');
      },
    };
  } catch (e) {
    for (const t of timers) clearInterval(t);
    await store.releaseRuntimeLock(holder).catch(() => undefined);
    await store.close();
    throw e;
  }
}

import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { EventBus, Scheduler, type AnyTask, type ScheduleDefinition } from '../engine/index.js';
import type { InboxService, LaneRegistry, Queue, Worker } from '../engine/index.js';
import { compileConfig, type FerryConfig } from '../ops/config/index.js';
import { createLogger, logEngineEvents, type Logger } from '../ops/logging/index.js';
import type { Tracing } from '../ops/tracing/index.js';
import type { Store } from '../store/index.js';
import { assertEnvironment } from '../ops/secrets/index.js';
import type { AlertMonitor } from '../ops/alerts/index.js';
import type { AcceptOptions, StockGuard } from '../flows/order-intake/index.js';
import type { CompletenessWiring } from './completeness.js';
import type { FlowWiring, SecretResolver } from './flows.js';
import type { InventoryWiring } from './inventory.js';
import { zonedSchedules } from './schedules.js';
import { serveFerry } from './serve.js';
import { openStorePhase } from './storePhase.js';
import type { WarehouseOptions, WarehouseWiring } from './warehouses.js';
import { wireFerry } from './wiring.js';

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
  /** Environment for `env:NAME` secret references. */
  env?: Record<string, string | undefined>;
  /** Resolves secret references; default env-only. */
  resolveSecret?: SecretResolver;
  /** The oversell guard for the intake stock rule. */
  stock?: StockGuard;
  accept?: AcceptOptions;
  /** Rules and poll interval of the warehouse flows. */
  warehouses?: WarehouseOptions;
  /**
   * Own available-to-promise (take the inventory lease; refused while another process holds it).
   * Default: when this process serves the orders or inventory lane.
   */
  inventoryOwner?: boolean;
  /** Check the Odoo connection before starting (wrong database, key or apps refuse start-up). Default true. */
  checkOdoo?: boolean;
  /** Tracing to use instead of the configured one (tests hand in an in-memory exporter). */
  tracing?: Tracing;
}

export interface FerryApp {
  store: Store;
  queue: Queue;
  inbox: InboxService;
  flows: FlowWiring;
  warehouses: WarehouseWiring;
  inventory: InventoryWiring;
  lanes: LaneRegistry;
  events: EventBus;
  worker: Worker;
  /** The alerts firing (read from the store, shared by every process). */
  alerts: AlertMonitor;
  /** The completeness report for a UTC day (YYYY-MM-DD), for one channel or all. */
  completeness: CompletenessWiring['report'];
  http: FastifyInstance | undefined;
  /** The bound HTTP address, e.g. http://127.0.0.1:8080. */
  url: string | undefined;
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Waits for `p` at most `ms`: shutdown goes on past a step that hangs (a peer that never closes
 * its connection) instead of leaving the process stuck; `onLate` says which step it was.
 */
async function withDeadline(p: Promise<unknown>, ms: number, onLate: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
  const outcome = await Promise.race([p.then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') onLate();
}

/**
 * Starts a Ferry process by phase: the configuration compiled once; the store opened (migrating it)
 * and claimed; every part wired from the compiled configuration; in serve mode the HTTP surfaces,
 * listening; then the scheduler and the workers. Nothing is half-started: a failure at any phase
 * closes what was opened and rethrows.
 */
export async function startFerry(opts: FerryAppOptions): Promise<FerryApp> {
  assertEnvironment(opts.config);
  const pollEverySeconds = opts.warehouses?.pollEverySeconds;
  const compiled = compileConfig(
    opts.config,
    pollEverySeconds !== undefined ? { warehousePollEverySeconds: pollEverySeconds } : {},
  );
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger();
  const events = opts.events ?? new EventBus();
  const base = await openStorePhase(opts.db, clock);
  const { store } = base;
  let running = true;
  try {
    const w = await wireFerry(compiled, base, opts, { clock, log, events });
    const served =
      opts.mode === 'serve'
        ? await serveFerry(compiled, w, {
            store,
            clock,
            log,
            port: opts.port,
            workersRunning: () => (running ? (w.worker.problem() ?? true) : false),
          })
        : undefined;
    const offLog = logEngineEvents(events, log);
    const scheduler = new Scheduler(
      { store, queue: w.queue, clock, events },
      zonedSchedules(compiled.scheduleTimeZone, w.schedules),
    );
    await scheduler.start();
    w.worker.start();
    w.alerts.start();
    base.onClose(() => Promise.resolve(w.alerts.stop()));
    const { http, url } = served ?? {};
    log.info({ store: store.location, mode: opts.mode, url, lanes: w.lanes.names() }, 'ferry started');
    return {
      store,
      queue: w.queue,
      inbox: w.inbox,
      flows: w.flows,
      warehouses: w.warehouses,
      inventory: w.inventory,
      lanes: w.lanes,
      events,
      worker: w.worker,
      alerts: w.alerts,
      completeness: w.completeness.report,
      http,
      url,
      async stop(deadlineMs = 10_000) {
        running = false;
        const bounded = (what: string, p: Promise<unknown>, ms = 5000) =>
          withDeadline(p, ms, () =>
            log.warn({ phase: what }, `shutdown: ${what} did not finish in ${ms} ms; going on`),
          );
        scheduler.stop();
        if (http) await bounded('http close', http.close());
        await bounded('workers', w.worker.stop(deadlineMs), deadlineMs + 5000);
        offLog();
        await base.close(bounded);
        log.info('ferry stopped');
      },
    };
  } catch (e) {
    await base.close();
    throw e;
  }
}

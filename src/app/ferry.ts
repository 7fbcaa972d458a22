import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import {
  EventBus,
  InboxService,
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
import { adminServices, registerAdmin } from '../api/admin/index.js';
import { registerConsole } from '../api/console/index.js';
import { registerMetricsRoute } from '../ops/metrics/index.js';
import type { Tracing } from '../ops/tracing/index.js';
import { shadowCheck, wireObservability } from './observability.js';
import { openStore, type Store } from '../store/index.js';
import { randomUUID } from 'node:crypto';
import { createLanePauseCheck } from '../store/admin/index.js';
import { listReleases } from '../store/warehouse/index.js';
import { checkOdooAtStartup } from './startupChecks.js';
import { assertEnvironment } from '../ops/secrets/index.js';
import { assertRefsResolve, openSecretResolver } from './secretRefs.js';
import { wireAlerts } from './alerts.js';
import type { AlertMonitor } from '../ops/alerts/index.js';
import { wireFlows, type FlowWiring, type SecretResolver } from './flows.js';
import { registerShopifyWebhooks } from '../api/webhooks/shopify.js';
import type { AcceptOptions, StockGuard } from '../flows/order-intake/index.js';
import { wireInventory, type InventoryWiring } from './inventory.js';
import { claimInventory, needsInventoryLease } from './inventoryLease.js';
import { wireCompleteness, type CompletenessWiring } from './completeness.js';
import { zonedSchedules } from './schedules.js';
import { MAINTENANCE_LANE, maintenanceSchedules, maintenanceTasks, retentionPolicy } from './maintenance.js';
import { releaseHook, wireWarehouses, type WarehouseOptions, type WarehouseWiring } from './warehouses.js';

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

/** Listens, turning "address in use" into one clear start-up error. */
async function listen(http: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await http.listen({ host, port });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES')
      throw new FerryError(
        'config_invalid',
        `cannot listen on ${host}:${port}: ${
          code === 'EADDRINUSE'
            ? 'the port is already in use (another Ferry or another program)'
            : code === 'EACCES'
              ? 'permission denied (ports below 1024 need privileges)'
              : 'no such address on this machine'
        }; choose another with --port, FERRY_PORT or http.port/http.host`,
        { cause: e },
      );
    throw e;
  }
}

/** Asks every warehouse an order was released to, to cancel it (idempotent on their side). */
async function cancelAtWarehouses(
  store: Store,
  ports: ReadonlyMap<string, { cancel(ref: string, reason?: string): Promise<void> }>,
  ref: string,
  reason: string,
): Promise<void> {
  for (const r of await listReleases(store.db, ref)) await ports.get(r.warehouse)?.cancel(ref, reason);
}

/**
 * Starts a Ferry process: opens the store (migrating it), claims it when it is SQLite, starts the
 * workers and the scheduler, and in serve mode the HTTP server. Nothing is half-started: a
 * failure at any step closes what was opened and rethrows.
 */
export async function startFerry(opts: FerryAppOptions): Promise<FerryApp> {
  assertEnvironment(opts.config);
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger();
  const events = opts.events ?? new EventBus();
  const configured = opts.config.lanes.map((l) => ({ ...l, ...(l.backoff ? { backoff: l.backoff } : {}) }));
  const lanes = new LaneRegistry(
    configured.some((l) => l.name === MAINTENANCE_LANE)
      ? configured
      : [...configured, { name: MAINTENANCE_LANE, concurrency: 1 }],
  );
  const tasks = [...(opts.tasks ?? []), ...maintenanceTasks(retentionPolicy(opts.config))];
  const schedules = [...(opts.schedules ?? []), ...maintenanceSchedules];
  const store = await openStore(opts.db, { clock });
  const holder = `ferry:${randomUUID()}`;
  const timers: NodeJS.Timeout[] = [];
  const closers: Array<() => Promise<void>> = [];
  try {
    await store.acquireRuntimeLock(holder, clock.now());
    timers.push(
      setInterval(() => void store.heartbeatRuntimeLock(holder, clock.now()).catch(() => undefined), 5000),
    );
    if ('listen' in store && typeof store.listen === 'function')
      await (store.listen as () => Promise<void>)();
    const queue = new Queue(store, lanes, clock);
    const inbox = new InboxService({ store, queue, clock, events });
    const partners = () => flows.guards;
    const secrets = await openSecretResolver(store, opts.env ?? {}, clock);
    const resolveSecret = opts.resolveSecret ?? secrets.resolve;
    assertRefsResolve(opts.config, resolveSecret);
    const alerting = wireAlerts(opts.config, {
      store,
      clock,
      partners,
      resolveSecret,
      onError: (error) => events.emit('workerError', { error, where: 'alerts' }),
    });
    const alerts = alerting.monitor;
    tasks.push(...alerting.tasks);
    schedules.push(...alerting.schedules);
    const obs = wireObservability(opts.config, {
      store,
      clock,
      events,
      partners,
      alerts: () => alerts.active(),
      tracing: opts.tracing,
    });
    closers.push(() => obs.stop());
    const shadow = shadowCheck(opts.config, store, clock);
    const inventory = wireInventory(opts.config, {
      store,
      clock,
      queue,
      onError: (error, where) => events.emit('workerError', { error, where }),
      shadow,
    });
    const flows = wireFlows(opts.config, {
      queue,
      inbox,
      clock,
      resolveSecret,
      ...((opts.stock ?? inventory.guard) ? { stock: opts.stock ?? inventory.guard } : {}),
      accept: { ...releaseHook(opts.config), ...opts.accept },
      cancelAtWarehouse: (ref, reason) => cancelAtWarehouses(store, warehouses.ports, ref, reason),
      observe: obs.observe,
      shadow,
      onOdooRoundTrips: (trips, orders) => obs.metrics.observeOdooRoundTrips(trips, orders),
      ...(inventory.stockMoved ? { stockMoved: inventory.stockMoved } : {}),
    });
    closers.push(() => flows.close());
    if (flows.odoo && opts.config.odoo && opts.checkOdoo !== false)
      await checkOdooAtStartup(flows.odoo, opts.config.odoo.url, log);
    tasks.push(...flows.tasks);
    schedules.push(...flows.schedules);
    const completeness = wireCompleteness(opts.config, { store, clock, flows });
    tasks.push(...completeness.tasks);
    schedules.push(...completeness.schedules);
    const warehouses = wireWarehouses(
      opts.config,
      {
        store,
        log,
        inbox,
        clock,
        resolveSecret: flows.resolveSecret,
        onPositions: (p) => inventory.receivePositions(p),
        observe: obs.observe,
        shadow,
        activeTrace: () => obs.tracing.tracer.activeTraceparent(),
        ...(inventory.stockMoved ? { stockMoved: inventory.stockMoved } : {}),
      },
      opts.warehouses,
    );
    closers.push(() => warehouses.close());
    const warehouseWork = warehouses.build(flows);
    tasks.push(...warehouseWork.tasks);
    schedules.push(...warehouseWork.schedules);
    const inventoryWork = inventory.build(flows);
    tasks.push(...inventoryWork.tasks);
    schedules.push(...inventoryWork.schedules);
    if (inventory.runtime && (opts.inventoryOwner ?? needsInventoryLease(opts.lanes ?? lanes.names()))) {
      const lease = await claimInventory(store, clock, holder);
      closers.push(() => lease.release());
      // Reloads published values and reads Odoo's stock once, before any order is accepted.
      await inventory.start();
    }
    const worker = new Worker({
      store,
      lanes,
      tasks,
      clock,
      events,
      isPaused: createLanePauseCheck(store, { clock }),
      interceptor: obs.jobSpans.interceptor,
      ...(opts.lanes ? { only: opts.lanes } : {}),
    });
    let running = true;
    let http: FastifyInstance | undefined;
    let url: string | undefined;
    if (opts.mode === 'serve') {
      http = buildHttp({
        store,
        workersRunning: () => (running ? (worker.problem() ?? true) : false),
        bodyLimitBytes: opts.config.http.bodyLimitBytes,
        logger: log,
        metrics: obs.metrics,
        partners,
      });
      registerShopifyWebhooks(http, {
        inbox,
        channels: flows.channels,
        bodyLimitBytes: opts.config.http.bodyLimitBytes,
        tracer: obs.tracing.tracer,
      });
      warehouses.registerRoutes(http, opts.config.http.bodyLimitBytes, obs.tracing.tracer);
      const active = () => alerts.active();
      await registerAdmin(
        http,
        adminServices({
          store,
          clock,
          laneNames: lanes.names(),
          channels: opts.config.channels.map((c) => c.id),
          partners,
          alerts: active,
          completeness: completeness.report,
          ...(secrets.service ? { secrets: secrets.service } : {}),
        }),
      );
      registerMetricsRoute(http, obs.metrics);
      registerConsole(http);
      const server = http;
      closers.unshift(() => server.close());
      // Listening comes before any worker starts: a port already in use must stop start-up with
      // nothing running, not leave workers going behind a server that never answers.
      url = await listen(http, opts.config.http.host, opts.port ?? opts.config.http.port);
      closers.shift();
    }
    const offLog = logEngineEvents(events, log);
    const scheduler = new Scheduler({ store, queue, clock, events }, zonedSchedules(opts.config, schedules));
    await scheduler.start();
    worker.start();
    alerts.start();
    closers.push(() => Promise.resolve(alerts.stop()));
    log.info({ store: store.location, mode: opts.mode, url, lanes: lanes.names() }, 'ferry started');
    return {
      store,
      queue,
      inbox,
      flows,
      warehouses,
      inventory,
      lanes,
      events,
      worker,
      alerts,
      completeness: completeness.report,
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
        await bounded('workers', worker.stop(deadlineMs), deadlineMs + 5000);
        offLog();
        for (const t of timers) clearInterval(t);
        for (const c of closers)
          await bounded(
            'closing connections',
            c().catch(() => undefined),
          );
        await bounded(
          'releasing the store',
          store.releaseRuntimeLock(holder).catch(() => undefined),
        );
        await bounded('closing the store', store.close());
        log.info('ferry stopped');
      },
    };
  } catch (e) {
    for (const t of timers) clearInterval(t);
    for (const c of closers) await c().catch(() => undefined);
    await store.releaseRuntimeLock(holder).catch(() => undefined);
    await store.close();
    throw e;
  }
}

/**
 * Phase two of a Ferry process: everything built from the compiled configuration, each part from
 * parts already made (no forward references): guards, alerts and observability, the partners'
 * clients, inventory, warehouses, intake, completeness, and the worker over their tasks. The flows
 * get the flows' own job builders and hooks (releaseJob, stockMovedJob), not closures of the app.
 */
import type { Clock } from '../core/clock.js';
import { InboxService, LaneRegistry, Queue, Worker, type AnyTask, type EventBus } from '../engine/index.js';
import type { ScheduleDefinition } from '../engine/index.js';
import { releaseJob } from '../flows/fulfilment/index.js';
import type { CompiledConfig } from '../ops/config/index.js';
import type { Logger } from '../ops/logging/index.js';
import type { AlertMonitor } from '../ops/alerts/index.js';
import type { SecretService } from '../ops/secrets/index.js';
import { createLanePauseCheck } from '../store/admin/index.js';
import { listReleases } from '../store/warehouse/index.js';
import type { Store } from '../store/index.js';
import { wireAlerts } from './alerts.js';
import { wireCompleteness, type CompletenessWiring } from './completeness.js';
import type { FerryAppOptions } from './ferry.js';
import { wireIntake, type FlowWiring } from './flows.js';
import { wireInventory, type InventoryWiring } from './inventory.js';
import { claimInventory, needsInventoryLease } from './inventoryLease.js';
import { maintenanceSchedules, maintenanceTasks } from './maintenance.js';
import { shadowCheck, wireObservability, type Observability } from './observability.js';
import { connectPartners, partnerGuards, type PartnerGuards, type Partners } from './partners.js';
import { assertRefsResolve, openSecretResolver } from './secretRefs.js';
import { checkOdooAtStartup } from './startupChecks.js';
import type { StorePhase } from './storePhase.js';
import { wireWarehouses, type WarehouseWiring } from './warehouses.js';

/** What the wiring made, for the serve phase and the running process. */
export interface Wired {
  queue: Queue;
  inbox: InboxService;
  lanes: LaneRegistry;
  guards: PartnerGuards;
  partners: Partners;
  flows: FlowWiring;
  warehouses: WarehouseWiring;
  inventory: InventoryWiring;
  alerts: AlertMonitor;
  completeness: CompletenessWiring;
  obs: Observability;
  secrets: SecretService | undefined;
  worker: Worker;
  schedules: ScheduleDefinition[];
}

interface Context {
  clock: Clock;
  log: Logger;
  events: EventBus;
}

/** Builds every part; what opens a connection or a timer is registered with the store phase to close. */
export async function wireFerry(
  compiled: CompiledConfig,
  base: StorePhase,
  opts: FerryAppOptions,
  cx: Context,
): Promise<Wired> {
  const { store } = base;
  const { clock, events } = cx;
  const lanes = new LaneRegistry(compiled.lanes);
  const queue = new Queue(store, lanes, clock);
  const inbox = new InboxService({ store, queue, clock, events });
  const secrets = await openSecretResolver(store, opts.env ?? {}, clock);
  const resolveSecret = opts.resolveSecret ?? secrets.resolve;
  assertRefsResolve(compiled.source, resolveSecret);
  const onError = (error: unknown, where: string) => events.emit('workerError', { error, where });
  const guards = partnerGuards(compiled, clock);
  const partnersOf = () => guards.all;
  const alerting = wireAlerts(compiled.source, {
    store,
    clock,
    partners: partnersOf,
    resolveSecret,
    onError: (error) => onError(error, 'alerts'),
  });
  const alerts = alerting.monitor;
  const obs = wireObservability(compiled.source, {
    store,
    clock,
    events,
    partners: partnersOf,
    alerts: () => alerts.active(),
    tracing: opts.tracing,
  });
  base.onClose(() => obs.stop());
  const shadow = shadowCheck(compiled.shadow, store, clock);
  const partners = connectPartners(compiled, guards, { clock, resolveSecret, observe: obs.observe });
  base.onClose(() => partners.close());
  if (partners.odooClient && compiled.odoo && opts.checkOdoo !== false)
    await checkOdooAtStartup(partners.odooClient, compiled.odoo.url, cx.log);
  const { odoo, channels } = partners;
  const inventory = wireInventory(compiled.inventory, {
    store,
    clock,
    queue,
    odoo,
    channels,
    onError,
    shadow,
  });
  const warehouses = wireWarehouses(
    compiled.warehouses,
    {
      store,
      log: cx.log,
      inbox,
      clock,
      resolveSecret,
      onPositions: (p) => inventory.receivePositions(p),
      observe: obs.observe,
      shadow,
      activeTrace: () => obs.tracing.tracer.activeTraceparent(),
      ...(inventory.stockMoved ? { stockMoved: inventory.stockMoved } : {}),
    },
    partners,
    opts.warehouses,
  );
  base.onClose(() => warehouses.close());
  const stock = opts.stock ?? inventory.guard;
  const intake = wireIntake(compiled, partners, {
    queue,
    inbox,
    clock,
    ...(stock ? { stock } : {}),
    accept: { ...(compiled.warehouses.releaseOnAccept ? { next: releaseJob } : {}), ...opts.accept },
    cancelAtWarehouse: (ref, reason) => cancelAtWarehouses(store, warehouses.ports, ref, reason),
    shadow,
    onOdooRoundTrips: obs.metrics.observeOdooRoundTrips.bind(obs.metrics),
    ...(inventory.stockMoved ? { stockMoved: inventory.stockMoved } : {}),
  });
  const completeness = wireCompleteness(compiled.source, { store, clock, partners });
  const tasks: AnyTask[] = [
    ...(opts.tasks ?? []),
    ...maintenanceTasks(compiled.retention),
    ...alerting.tasks,
    ...intake.tasks,
    ...completeness.tasks,
    ...warehouses.tasks,
    ...inventory.tasks,
  ];
  const schedules: ScheduleDefinition[] = [
    ...(opts.schedules ?? []),
    ...maintenanceSchedules,
    ...alerting.schedules,
    ...intake.schedules,
    ...completeness.schedules,
    ...warehouses.schedules,
    ...inventory.schedules,
  ];
  if (inventory.runtime && (opts.inventoryOwner ?? needsInventoryLease(opts.lanes ?? lanes.names()))) {
    const lease = await claimInventory(store, clock, base.holder);
    base.onClose(() => lease.release());
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
  const flows: FlowWiring = {
    ...intake,
    channels: partners.channels,
    odoo: partners.odoo,
    odooClient: partners.odooClient,
    guards: guards.all,
    resolveSecret,
    close: () => partners.close(),
  };
  return {
    queue,
    inbox,
    lanes,
    guards,
    partners,
    flows,
    warehouses,
    inventory,
    alerts,
    completeness,
    obs,
    secrets: secrets.service,
    worker,
    schedules,
  };
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

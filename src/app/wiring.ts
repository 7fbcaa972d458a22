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
import { createLanePauseCheck, type ShadowCheck } from '../store/admin/index.js';
import type { Store } from '../store/index.js';
import { wireAlerts } from './alerts.js';
import { wireEvents, withEventsLane, type EventsWiring } from './events.js';
import { wireCompleteness, type CompletenessWiring } from './completeness.js';
import type { FerryAppOptions } from './ferry.js';
import { wireIntake, type FlowWiring } from './flows.js';
import { wireInventory, type InventoryWiring } from './inventory.js';
import { claimInventory, needsInventoryLease } from './inventoryLease.js';
import { maintenanceSchedules, maintenanceTasks } from './maintenance.js';
import { shadowCheck, wireObservability, type Observability } from './observability.js';
import {
  connectPartners,
  partnerGuards,
  type PartnerGuards,
  type Partners,
  type SecretResolver,
} from './partners.js';
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
  /** Events out: the relay starts with the workers. */
  eventsOut: EventsWiring;
}

interface Context {
  clock: Clock;
  log: Logger;
  events: EventBus;
}

/** The engine's queue and inbox, secrets, guards, alerts and observability: what every flow is wired over. */
interface Base extends Context {
  store: Store;
  lanes: LaneRegistry;
  queue: Queue;
  inbox: InboxService;
  secrets: SecretService | undefined;
  resolveSecret: SecretResolver;
  guards: PartnerGuards;
  alerting: ReturnType<typeof wireAlerts>;
  obs: Observability;
  shadow: ShadowCheck;
  onError: (error: unknown, where: string) => void;
}

/** Builds every part; what opens a connection or a timer is registered with the store phase to close. */
export async function wireFerry(
  compiled: CompiledConfig,
  phase: StorePhase,
  opts: FerryAppOptions,
  cx: Context,
): Promise<Wired> {
  const b = await wireBase(compiled, phase, opts, cx);
  const { clock, resolveSecret } = b;
  const partners = connectPartners(compiled, b.guards, { clock, resolveSecret, observe: b.obs.observe });
  phase.onClose(() => partners.close());
  if (partners.odooClient && compiled.odoo && opts.checkOdoo !== false)
    await checkOdooAtStartup(partners.odooClient, compiled.odoo.url, cx.log, compiled.warehouses.sites);
  const parts = wireParts(compiled, b, partners, opts);
  phase.onClose(() => parts.warehouses.close());
  const { inventory } = parts;
  if (inventory.runtime && (opts.inventoryOwner ?? needsInventoryLease(opts.lanes ?? b.lanes.names()))) {
    const lease = await claimInventory(b.store, clock, phase.holder);
    phase.onClose(() => lease.release());
    // Reloads published values and reads Odoo's stock once, before any order is accepted.
    await inventory.start();
  }
  const eventsOut = wireEvents(compiled.source, {
    store: b.store,
    clock,
    queue: b.queue,
    events: b.events,
    ...(b.secrets ? { secrets: b.secrets } : {}),
  });
  phase.onClose(() => eventsOut.close());
  const { tasks, schedules } = work(compiled, b, parts, opts);
  tasks.push(...eventsOut.tasks);
  const worker = new Worker({
    store: b.store,
    lanes: b.lanes,
    tasks,
    clock: b.clock,
    events: b.events,
    isPaused: createLanePauseCheck(b.store, { clock: b.clock }),
    interceptor: b.obs.jobSpans.interceptor,
    ...(opts.lanes ? { only: opts.lanes } : {}),
  });
  const flows: FlowWiring = {
    ...parts.intake,
    channels: partners.channels,
    odoo: partners.odoo,
    odooClient: partners.odooClient,
    guards: b.guards.all,
    resolveSecret: b.resolveSecret,
    close: () => partners.close(),
  };
  const { queue, inbox, lanes, guards, obs, secrets } = b;
  const { warehouses, completeness } = parts;
  const alerts = b.alerting.monitor;
  return {
    ...{ queue, inbox, lanes, guards, partners, flows, inventory, warehouses, completeness },
    ...{ alerts, obs, secrets, worker, schedules, eventsOut },
  };
}

async function wireBase(
  compiled: CompiledConfig,
  phase: StorePhase,
  opts: FerryAppOptions,
  cx: Context,
): Promise<Base> {
  const { store } = phase;
  const { clock, events } = cx;
  const lanes = new LaneRegistry(withEventsLane(compiled.lanes, compiled.source));
  const queue = new Queue(store, lanes, clock);
  const inbox = new InboxService({ store, queue, clock, events });
  const secrets = await openSecretResolver(store, opts.env ?? {}, clock);
  const resolveSecret = opts.resolveSecret ?? secrets.resolve;
  assertRefsResolve(compiled.source, resolveSecret);
  const onError = (error: unknown, where: string) => events.emit('workerError', { error, where });
  const guards = partnerGuards(compiled, clock);
  const partners = () => guards.all;
  const alerting = wireAlerts(compiled.source, {
    store,
    clock,
    partners,
    resolveSecret,
    onError: (error) => onError(error, 'alerts'),
  });
  const obs = wireObservability(compiled.source, {
    store,
    clock,
    events,
    partners,
    alerts: () => alerting.monitor.active(),
    tracing: opts.tracing,
  });
  phase.onClose(() => obs.stop());
  const shadow = shadowCheck(compiled.shadow, store, clock);
  const base = { ...cx, store, lanes, queue, inbox, secrets: secrets.service, resolveSecret, guards };
  return { ...base, alerting, obs, shadow, onError };
}

/** The flows over the partners: inventory first (its guard and hooks go to the others), then warehouses and intake. */
function wireParts(
  compiled: CompiledConfig,
  b: Base,
  partners: Partners,
  opts: FerryAppOptions,
): Pick<Wired, 'inventory' | 'warehouses' | 'completeness'> & { intake: ReturnType<typeof wireIntake> } {
  const { store, clock, queue, inbox, shadow, obs } = b;
  const { odoo, channels } = partners;
  const inventory = wireInventory(compiled.inventory, {
    store,
    clock,
    queue,
    odoo,
    channels,
    onError: b.onError,
    shadow,
  });
  const stockMoved = inventory.stockMoved ? { stockMoved: inventory.stockMoved } : {};
  const warehouses = wireWarehouses(
    compiled.warehouses,
    {
      store,
      log: b.log,
      inbox,
      clock,
      resolveSecret: b.resolveSecret,
      onPositions: (p) => inventory.receivePositions(p),
      observe: obs.observe,
      shadow,
      activeTrace: () => obs.tracing.tracer.activeTraceparent(),
      ...stockMoved,
    },
    partners,
    opts.warehouses,
  );
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
    ...stockMoved,
  });
  const completeness = wireCompleteness(compiled.source, { store, clock, partners });
  return { inventory, warehouses, intake, completeness };
}

/** Every task and schedule of the process, the caller's own first. */
function work(
  compiled: CompiledConfig,
  b: Base,
  parts: ReturnType<typeof wireParts>,
  opts: FerryAppOptions,
): { tasks: AnyTask[]; schedules: ScheduleDefinition[] } {
  const { alerting } = b;
  const { intake, completeness, warehouses, inventory } = parts;
  return {
    tasks: [
      ...(opts.tasks ?? []),
      ...maintenanceTasks(compiled.retention),
      ...alerting.tasks,
      ...intake.tasks,
      ...completeness.tasks,
      ...warehouses.tasks,
      ...inventory.tasks,
    ],
    schedules: [
      ...(opts.schedules ?? []),
      ...maintenanceSchedules,
      ...alerting.schedules,
      ...intake.schedules,
      ...completeness.schedules,
      ...warehouses.schedules,
      ...inventory.schedules,
    ],
  };
}

/** Asks every warehouse an order was released to, to cancel it (idempotent on their side). */
async function cancelAtWarehouses(
  store: Store,
  ports: ReadonlyMap<string, { cancel(ref: string, reason?: string): Promise<void> }>,
  ref: string,
  reason: string,
): Promise<void> {
  for (const r of await store.releases.listReleases(ref)) await ports.get(r.warehouse)?.cancel(ref, reason);
}

import type { InventoryPosition } from '../core/model.js';
/**
 * Wiring of the warehouse flows (issue 5): one port per configured warehouse (EDI X12 over SFTP or
 * a folder, or a JSON REST WMS), the release hook for order acceptance, the tasks and schedules of
 * release, collection, shipment sync and acknowledgement checks, and the WMS webhook route.
 * X12 envelope identities, usage, depositor and folder names come from the warehouse's `x12`
 * settings (src/ops/config); the endpoint says only where the files are.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { OdooPort } from '../connectors/odoo/index.js';
import type { X12Transport } from '../connectors/x12/index.js';
import {
  compilePartner,
  openFolderTransport,
  openSftpTransport,
  type StaleUpload,
} from '../connectors/x12/index.js';
import type { Logger } from '../ops/logging/index.js';
import { WmsClient } from '../connectors/wms-rest/index.js';
import { cronEvery, type AnyTask, type InboxService, type ScheduleDefinition } from '../engine/index.js';
import type { NewJob, Store } from '../store/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import type { ShopifyChannelRuntime } from '../flows/order-intake/index.js';
import {
  ACK_CHECK_TASK,
  COLLECT_TASK,
  DEFAULT_RULES,
  SHIPMENTS_LANE,
  ackCheckTask,
  ackLateTask,
  ackOverdueTask,
  collectTask,
  inboundJob,
  inboundTask,
  problemTask,
  releaseJob,
  releaseTask,
  restWarehouse,
  x12Warehouse,
  type WarehouseIntake,
  type WarehousePort,
  type WarehouseRules,
  type WarehouseSite,
} from '../flows/fulfilment/index.js';
import type { StockMovedHook } from '../flows/inventory-publish/index.js';
import { applyShipmentTask, warehouseCancelTask } from '../flows/shipment/index.js';
import { registerWmsWebhooks } from '../api/webhooks/wms.js';
import type { SecretResolver } from './flows.js';
import type { CallObserver } from './guards.js';
import type { Tracer } from '../ops/tracing/index.js';

type WarehouseConfig = FerryConfig['warehouses'][number];
type X12Config = Extract<WarehouseConfig, { kind: 'x12' }>;
type RestConfig = Extract<WarehouseConfig, { kind: 'wms-rest' }>;

/** Programmatic options of the warehouse flows. */
export interface WarehouseOptions {
  /** Overrides of DEFAULT_RULES. */
  rules?: Partial<WarehouseRules>;
  /** How often each warehouse is polled (files, event list), in seconds; default 60. */
  pollEverySeconds?: number;
}

export interface WarehouseWiring {
  /** Release job to enqueue with order acceptance; undefined when no warehouse is configured. */
  next: ((ref: string) => NewJob | undefined) | undefined;
  ports: ReadonlyMap<string, WarehousePort>;
  /** Tasks and schedules once Odoo and the channels exist. */
  build(flows: { odoo: OdooPort | undefined; channels: ReadonlyMap<string, ShopifyChannelRuntime> }): {
    tasks: AnyTask[];
    schedules: ScheduleDefinition[];
  };
  registerRoutes(http: FastifyInstance, bodyLimitBytes: number, tracer?: Tracer): void;
  close(): Promise<void>;
}

interface Deps {
  store: Store;
  /** Where stale uploads in an X12 inbox are reported. Default nowhere. */
  log?: Logger;
  inbox: InboxService;
  clock: Clock;
  resolveSecret: SecretResolver;
  /** Where warehouse stock positions go (the inventory-publish flow). */
  onPositions?: (positions: readonly InventoryPosition[]) => Promise<unknown>;
  /** Wraps every call to a warehouse (spans, partner-call metrics). Default none. */
  observe?: CallObserver;
  /** Shadow mode per flow and channel. Default never. */
  shadow?: (flow: string, channel: string) => Promise<boolean>;
  /** The inventory job for SKUs a release, shipment or warehouse cancellation moved. */
  stockMoved?: StockMovedHook;
  /** The running span's trace context (a poll's), for the jobs of what it found. Default none. */
  activeTrace?: () => string | undefined;
}

/** The port with its calls to the warehouse (release, cancel, collect) observed as `wms:<id>`. */
function observed(port: WarehousePort, observe: CallObserver | undefined): WarehousePort {
  if (!observe) return port;
  const partner = `wms:${port.id}`;
  return {
    id: port.id,
    kind: port.kind,
    release: (req) => observe(partner, 'release', () => port.release(req)),
    cancel: (ref, reason) => observe(partner, 'cancel', () => port.cancel(ref, reason)),
    collect: () => observe(partner, 'collect', () => port.collect()),
    receive: (msg) => port.receive(msg),
    close: () => port.close(),
  };
}

function x12Port(w: X12Config, d: Deps, intake: WarehouseIntake): WarehousePort {
  const url = /^[a-z]+:\/\//.test(w.endpoint) ? new URL(w.endpoint) : undefined;
  const { ours, theirs, usage, depositor, folders, staleUploadMinutes } = w.x12;
  // A dot-file is an upload still being written and is left alone; one that stays is reported.
  const staleness = {
    staleAfterMs: staleUploadMinutes * 60_000,
    now: () => d.clock.now(),
    onStale: (files: readonly StaleUpload[]) =>
      d.log?.warn(
        {
          warehouse: w.id,
          files: files.map((f) => ({ name: f.name, ageMinutes: Math.floor(f.ageMs / 60_000) })),
        },
        `warehouse ${w.id}: ${files.length} upload${files.length === 1 ? '' : 's'} still in progress after ${staleUploadMinutes} min (dot-files are never collected): ${files.map((f) => f.name).join(', ')}`,
      ),
  };
  const partner = compilePartner({
    id: w.id,
    warehouse: w.id,
    ours: { qualifier: ours.qualifier, id: ours.id, groupId: ours.groupId ?? ours.id },
    theirs: { qualifier: theirs.qualifier, id: theirs.id, groupId: theirs.groupId ?? theirs.id },
    usage,
    ackDeadlineMs: w.ackDeadlineMinutes * 60_000,
  });
  const openTransport = (): Promise<X12Transport> => {
    if (url?.protocol === 'sftp:') {
      return openSftpTransport({
        partnerId: w.id,
        host: url.hostname,
        port: Number(url.port || 22),
        username: decodeURIComponent(url.username),
        ...(w.credentials
          ? { password: d.resolveSecret(w.credentials, `warehouses.${w.id}.credentials`) }
          : {}),
        root: decodeURIComponent(url.pathname) || '.',
        dirs: folders,
        ...staleness,
      });
    }
    const root = url ? decodeURIComponent(url.pathname) : w.endpoint;
    return openFolderTransport({ root, dirs: folders, ...staleness });
  };
  const locations = Object.fromEntries(w.locations.map((l) => [l.code, l.code]));
  return x12Warehouse({
    id: w.id,
    partner,
    openTransport,
    db: d.store.db,
    clock: d.clock,
    intake,
    ...(depositor ? { depositor: { name: depositor.name, code: depositor.code ?? ours.id } } : {}),
    locations,
    defaultLocation: w.locations[0]!.code,
  });
}

function restPort(w: RestConfig, d: Deps, intake: WarehouseIntake): WarehousePort {
  const token = w.credentials ? d.resolveSecret(w.credentials, `warehouses.${w.id}.credentials`) : undefined;
  const client = new WmsClient({ warehouse: w.id, baseUrl: w.endpoint, ...(token ? { token } : {}) });
  const locations = Object.fromEntries(w.locations.map((l) => [l.code, l.code]));
  return restWarehouse({ id: w.id, client, cursors: d.store.cursors, clock: d.clock, intake, locations });
}

/**
 * Stores what a poll found, with its processing job; that job is a child of the running span (the
 * poll's), so a file's trace shows which poll found it.
 */
function intakeFor(id: string, inbox: InboxService, activeTrace?: () => string | undefined): WarehouseIntake {
  return async (m) => {
    const trace = activeTrace?.();
    const r = await inbox.accept({ source: `wms:${id}`, ...m }, (inboxId) => ({
      ...inboundJob(id, inboxId),
      ...(trace ? { trace } : {}),
    }));
    if (r.status === 'rejected') throw new FerryError('payload_invalid', r.reason);
    return r.status;
  };
}

/** The acceptance hook that releases accepted orders, when warehouses and Odoo are configured. */
export function releaseHook(config: FerryConfig): { next?: (ref: string) => NewJob | undefined } {
  return config.warehouses.length > 0 && config.odoo !== undefined ? { next: (ref) => releaseJob(ref) } : {};
}

/** Builds the warehouse wiring from the configuration (nothing connects until first use). */
export function wireWarehouses(
  config: FerryConfig,
  d: Deps,
  options: WarehouseOptions = {},
): WarehouseWiring {
  const ports = new Map<string, WarehousePort>();
  const secrets = new Map<string, string>();
  for (const w of config.warehouses) {
    const intake = intakeFor(w.id, d.inbox, d.activeTrace);
    ports.set(w.id, observed(w.kind === 'x12' ? x12Port(w, d, intake) : restPort(w, d, intake), d.observe));
    if (w.kind === 'wms-rest' && w.webhookSecret)
      secrets.set(w.id, d.resolveSecret(w.webhookSecret, `warehouses.${w.id}.webhookSecret`));
  }
  const sites: WarehouseSite[] = config.warehouses.map((w) => ({
    id: w.id,
    odooWarehouse: w.odooWarehouse,
    odooLocations: w.locations.map((l) => l.odooLocation),
  }));
  const rules: WarehouseRules = { ...DEFAULT_RULES, ...options.rules };
  const active = ports.size > 0 && config.odoo !== undefined;
  const every = cronEvery(options.pollEverySeconds ?? 60);
  return {
    next: active ? (ref) => releaseJob(ref) : undefined,
    ports,
    build({ odoo, channels }) {
      if (!active || !odoo) return { tasks: [], schedules: [] };
      const shadow = d.shadow ? { shadow: d.shadow } : {};
      const moved = d.stockMoved ? { stockMoved: d.stockMoved } : {};
      const shipmentDeps = { odoo, channels, clock: d.clock, rules, ...shadow, ...moved };
      const partnerWarehouse = new Map(config.warehouses.map((w) => [w.id, w.id]));
      const tasks: AnyTask[] = [
        releaseTask({ ports, sites, odoo, clock: d.clock, rules, ...shadow, ...moved }),
        collectTask(ports),
        inboundTask(ports, d.onPositions),
        problemTask,
        ackOverdueTask,
        ackLateTask,
        ackCheckTask(partnerWarehouse),
        applyShipmentTask(shipmentDeps),
        warehouseCancelTask(shipmentDeps),
      ];
      const schedules: ScheduleDefinition[] = [
        ...[...ports.keys()].map((id) => ({
          name: `warehouse.collect:${id}`,
          cron: every,
          lane: SHIPMENTS_LANE,
          task: COLLECT_TASK,
          payload: { warehouse: id },
        })),
        { name: 'warehouse.ack-check', cron: every, lane: SHIPMENTS_LANE, task: ACK_CHECK_TASK },
      ];
      return { tasks, schedules };
    },
    registerRoutes(http, bodyLimitBytes, tracer) {
      if (secrets.size > 0)
        registerWmsWebhooks(http, {
          inbox: d.inbox,
          clock: d.clock,
          secrets,
          bodyLimitBytes,
          ...(tracer ? { tracer } : {}),
        });
    },
    async close() {
      for (const p of ports.values()) await p.close().catch(() => undefined);
    },
  };
}

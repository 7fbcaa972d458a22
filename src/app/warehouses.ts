/**
 * Wiring of the warehouse flows (issue 5): one port per configured warehouse (EDI X12 over SFTP or
 * a folder, or a JSON REST WMS), the release hook for order acceptance, the tasks and schedules of
 * release, collection, shipment sync and acknowledgement checks, and the WMS webhook route.
 * X12 envelope identities, usage, depositor and folder names come from the warehouse's `x12`
 * settings (src/ops/config); the endpoint says only where the files are.
 */
import type { Clock } from '../core/clock.js';
import type { InventoryPosition, Order } from '../core/model.js';
import { FerryError } from '../core/errors.js';
import { orderCompany, type OdooPort } from '../connectors/odoo/index.js';
import type { X12Transport } from '../connectors/x12/index.js';
import {
  compilePartner,
  openFolderTransport,
  openSftpTransport,
  type StaleUpload,
} from '../connectors/x12/index.js';
import type { Logger } from '../ops/logging/index.js';
import { WmsClient } from '../connectors/wms-rest/index.js';
import { restWarehouse } from '../connectors/wms-rest/restWarehouse.js';
import { x12Warehouse } from '../connectors/x12/x12Warehouse.js';
import { cronEvery, type AnyTask, type InboxService, type ScheduleDefinition } from '../engine/index.js';
import type { Store } from '../store/index.js';
import type { CompiledRestWarehouse, CompiledWarehouses, CompiledX12Warehouse } from '../ops/config/index.js';
import type { ChannelRegistry } from '../core/channel/index.js';
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
  observedWarehouse,
  problemTask,
  releaseTask,
  type WarehouseIntake,
  type WarehousePort,
  type WarehouseRules,
} from '../flows/fulfilment/index.js';
import type { StockMovedHook } from '../flows/inventory-publish/index.js';
import { applyShipmentTask, carrierUnmappedTask, warehouseCancelTask } from '../flows/shipment/index.js';
import type { WmsWebhookDeps } from '../api/webhooks/wms.js';
import type { CallObserver } from './guards.js';
import type { SecretResolver } from './partners.js';

/** Programmatic options of the warehouse flows. */
export interface WarehouseOptions {
  /** Overrides of DEFAULT_RULES. */
  rules?: Partial<WarehouseRules>;
  /** How often each warehouse is polled (files, event list), in seconds; default 60. */
  pollEverySeconds?: number;
}

export interface WarehouseWiring {
  ports: ReadonlyMap<string, WarehousePort>;
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
  /** What the WMS webhook route takes; undefined when no warehouse signs webhooks. */
  webhooks: Omit<WmsWebhookDeps, 'bodyLimitBytes' | 'tracer'> | undefined;
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

function x12Port(w: CompiledX12Warehouse, d: Deps, intake: WarehouseIntake): WarehousePort {
  const url = /^[a-z]+:\/\//.test(w.endpoint) ? new URL(w.endpoint) : undefined;
  const staleUploadMinutes = w.staleUploadMs / 60_000;
  // A dot-file is an upload still being written and is left alone; one that stays is reported.
  const staleness = {
    staleAfterMs: w.staleUploadMs,
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
  const partner = compilePartner({ id: w.id, warehouse: w.id, ...w.partner });
  const openTransport = (): Promise<X12Transport> => {
    if (url?.protocol === 'sftp:') {
      return openSftpTransport({
        partnerId: w.id,
        host: url.hostname,
        port: Number(url.port || 22),
        username: decodeURIComponent(url.username),
        ...(w.credentials ? { password: d.resolveSecret(w.credentials.ref, w.credentials.where) } : {}),
        root: decodeURIComponent(url.pathname) || '.',
        dirs: w.folders,
        ...staleness,
      });
    }
    const root = url ? decodeURIComponent(url.pathname) : w.endpoint;
    return openFolderTransport({ root, dirs: w.folders, ...staleness });
  };
  return x12Warehouse({
    id: w.id,
    partner,
    openTransport,
    store: d.store,
    clock: d.clock,
    intake,
    ...(w.depositor ? { depositor: w.depositor } : {}),
    locations: w.locations,
    defaultLocation: w.defaultLocation,
  });
}

function restPort(w: CompiledRestWarehouse, d: Deps, intake: WarehouseIntake): WarehousePort {
  const token = w.credentials ? d.resolveSecret(w.credentials.ref, w.credentials.where) : undefined;
  const client = new WmsClient({ warehouse: w.id, baseUrl: w.endpoint, ...(token ? { token } : {}) });
  return restWarehouse({
    id: w.id,
    client,
    cursors: d.store.cursors,
    clock: d.clock,
    intake,
    locations: w.locations,
  });
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

/**
 * Builds the warehouse ports and, once Odoo is configured, the tasks and schedules of release,
 * collection, shipment sync and acknowledgement checks (nothing connects until first use).
 */
export function wireWarehouses(
  compiled: CompiledWarehouses,
  d: Deps,
  partners: { odoo: OdooPort | undefined; channels: ChannelRegistry },
  options: WarehouseOptions = {},
): WarehouseWiring {
  const ports = new Map<string, WarehousePort>();
  const secrets = new Map<string, string>();
  for (const w of compiled.list) {
    const intake = intakeFor(w.id, d.inbox, d.activeTrace);
    const port = w.kind === 'x12' ? x12Port(w, d, intake) : restPort(w, d, intake);
    ports.set(w.id, d.observe ? observedWarehouse(port, d.observe) : port);
    if (w.kind === 'wms-rest' && w.webhookSecret)
      secrets.set(w.id, d.resolveSecret(w.webhookSecret.ref, w.webhookSecret.where));
  }
  const rules: WarehouseRules = { ...DEFAULT_RULES, ...options.rules };
  const work = partners.odoo && ports.size > 0 ? workOf(compiled, d, ports, rules, partners) : undefined;
  return {
    ports,
    tasks: work?.tasks ?? [],
    schedules: work?.schedules ?? [],
    webhooks: secrets.size > 0 ? { inbox: d.inbox, clock: d.clock, secrets } : undefined,
    async close() {
      for (const p of ports.values()) await p.close().catch(() => undefined);
    },
  };
}

/** The Odoo company an order books in, from the compiled channel companies. */
export function companyOfOrders(
  c: CompiledWarehouses['orderCompanies'],
): (order: Pick<Order, 'channel' | 'entity'>) => number {
  return (order) => orderCompany({ company: c.default, companies: {}, channelCompanies: c.channels }, order);
}

function workOf(
  compiled: CompiledWarehouses,
  d: Deps,
  ports: ReadonlyMap<string, WarehousePort>,
  rules: WarehouseRules,
  partners: { odoo: OdooPort | undefined; channels: ChannelRegistry },
): { tasks: AnyTask[]; schedules: ScheduleDefinition[] } {
  const odoo = partners.odoo!;
  const shadow = d.shadow ? { shadow: d.shadow } : {};
  const moved = d.stockMoved ? { stockMoved: d.stockMoved } : {};
  const shipmentDeps = { odoo, channels: partners.channels, clock: d.clock, rules, ...shadow, ...moved };
  const partnerWarehouse = new Map(compiled.list.map((w) => [w.id, w.id]));
  const every = cronEvery(compiled.pollEverySeconds);
  const tasks: AnyTask[] = [
    releaseTask({
      ports,
      sites: compiled.sites,
      odoo,
      companyOf: companyOfOrders(compiled.orderCompanies),
      clock: d.clock,
      rules,
      ...shadow,
      ...moved,
    }),
    collectTask(ports),
    inboundTask(ports, d.onPositions),
    problemTask,
    ackOverdueTask,
    ackLateTask,
    ackCheckTask(partnerWarehouse),
    applyShipmentTask(shipmentDeps),
    carrierUnmappedTask(rules),
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
}

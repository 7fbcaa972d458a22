/**
 * Wiring of the inventory-publish flow (issue 6): the engine's configuration from the Ferry
 * configuration, the StockGuard handed to intake, the publish targets (one Shopify location per
 * channel), and the tasks and schedules. Off while `inventory.locations` is empty.
 */
import type { Clock } from '../core/clock.js';
import type { InventoryPosition } from '../core/model.js';
import type { OdooPort } from '../connectors/odoo/index.js';
import { cronEvery, type AnyTask, type Queue, type ScheduleDefinition } from '../engine/index.js';
import {
  INVENTORY_FLOW,
  INVENTORY_LANE,
  InventoryRuntime,
  InventoryTask,
  inventoryTasks,
  pollOdooStock,
  pushedPositionsJob,
  stockMovedJob,
  type InventoryDeps,
  type PublishTarget,
  type StockMovedHook,
} from '../flows/inventory-publish/index.js';
import type { ShopifyChannelRuntime, StockGuard } from '../flows/order-intake/index.js';
import type { CompiledInventory } from '../ops/config/index.js';
import type { Store } from '../store/index.js';

/** What the rest of the app uses of the inventory flow. */
export interface InventoryWiring {
  /** Undefined when inventory is not configured. */
  runtime: InventoryRuntime | undefined;
  /** The oversell guard for intake; undefined when inventory is not configured. */
  guard: StockGuard | undefined;
  /**
   * For the warehouse flows: positions a WMS pushed (846, inventory events), handed to the
   * process that owns inventory as a job.
   */
  receivePositions(positions: readonly InventoryPosition[]): Promise<void>;
  /**
   * For the intake and warehouse flows: the job that republishes SKUs a release, shipment or
   * cancellation moved (the flow's own builder).
   */
  stockMoved: StockMovedHook | undefined;
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
  /** Restores stored state and reads Odoo's positions once; call before the workers start. */
  start(): Promise<void>;
}

const OFF: InventoryWiring = {
  runtime: undefined,
  guard: undefined,
  receivePositions: () => Promise.resolve(),
  stockMoved: undefined,
  tasks: [],
  schedules: [],
  start: () => Promise.resolve(),
};

/** Builds the inventory flow, or a no-op wiring when the configuration turns it off. */
export function wireInventory(
  compiled: CompiledInventory | undefined,
  o: {
    store: Store;
    clock: Clock;
    queue: Queue;
    odoo: OdooPort | undefined;
    channels: ReadonlyMap<string, ShopifyChannelRuntime>;
    onError?: (error: unknown, where: string) => void;
    /** Shadow mode per flow and channel (operators' settings over the configuration). */
    shadow?: (flow: string, channel: string) => Promise<boolean>;
  },
): InventoryWiring {
  if (!compiled) return OFF;
  const targets = new Map<string, PublishTarget>();
  for (const t of compiled.targets) {
    const client = o.channels.get(t.channel)?.client;
    if (client) targets.set(t.channel, { channel: t.channel, client, locationId: t.locationId });
  }
  const deps: InventoryDeps = {
    store: o.store,
    clock: o.clock,
    targets,
    odoo: o.odoo,
    odooLocations: new Set(compiled.odooLocations),
    batchSize: compiled.batchSize,
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.shadow ? { shadow: (channel: string) => o.shadow!(INVENTORY_FLOW, channel) } : {}),
  };
  const rt = new InventoryRuntime(compiled.engine, deps);
  rt.connect((job) => o.queue.enqueue(job));
  const queue = o.queue;
  return {
    runtime: rt,
    guard: rt.guard,
    async receivePositions(positions) {
      if (positions.length) await queue.enqueue(pushedPositionsJob(positions));
    },
    stockMoved: stockMovedJob,
    tasks: inventoryTasks(rt),
    schedules: schedulesFor(compiled, targets, !!o.odoo),
    async start() {
      await rt.load();
      const odoo = deps.odoo;
      if (!odoo || deps.odooLocations.size === 0) return;
      // Start-up does not fail on an unreachable Odoo: the guard stays closed (orders retry) and
      // the scheduled poll reads the positions when Odoo answers.
      await pollOdooStock(rt, odoo, (l) => deps.odooLocations.has(l)).catch((e: unknown) =>
        o.onError?.(e, 'inventory start-up read'),
      );
    },
  };
}

function schedulesFor(
  compiled: CompiledInventory,
  targets: ReadonlyMap<string, PublishTarget>,
  withOdoo: boolean,
): ScheduleDefinition[] {
  const out: ScheduleDefinition[] = [
    // A backstop: a trigger whose enqueue failed is published within the minute anyway.
    { name: 'inventory.publish', cron: '* * * * *', lane: INVENTORY_LANE, task: InventoryTask.publish },
  ];
  if (withOdoo) {
    out.push({
      name: 'inventory.odoo-poll',
      cron: cronEvery(compiled.pollEverySeconds),
      lane: INVENTORY_LANE,
      task: InventoryTask.odooPoll,
    });
  }
  for (const t of compiled.targets) {
    if (!targets.has(t.channel)) continue;
    out.push({
      name: `inventory.resync:${t.channel}`,
      cron: t.resyncCron,
      lane: INVENTORY_LANE,
      task: InventoryTask.resync,
      payload: { channel: t.channel },
      ...(t.timeZone ? { timeZone: t.timeZone } : {}),
    });
  }
  return out;
}

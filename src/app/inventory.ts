/**
 * Wiring of the inventory-publish flow (issue 6): the engine's configuration from the Ferry
 * configuration, the StockGuard handed to intake, the publish targets (one Shopify location per
 * channel), and the tasks and schedules. Off while `inventory.locations` is empty.
 */
import type { Clock } from '../core/clock.js';
import type { InventoryConfigInput } from '../core/inventory/index.js';
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
import type { StockGuard } from '../flows/order-intake/index.js';
import { channelRole, type ChannelRegistry } from '../core/channel/index.js';
import type { FerryConfig } from '../ops/config/index.js';
import { channelTimeZone } from './schedules.js';
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
   * cancellation moved.
   */
  stockMoved: StockMovedHook | undefined;
  /** Tasks and schedules once Odoo and the channels exist. */
  build(flows: { odoo: OdooPort | undefined; channels: ChannelRegistry }): {
    tasks: AnyTask[];
    schedules: ScheduleDefinition[];
  };
  /** Restores stored state and reads Odoo's positions once; call before the workers start. */
  start(): Promise<void>;
}

/** The engine's configuration: owners from `ownership.inventory`, rules from `inventory.channels`. */
export function inventoryEngineConfig(config: FerryConfig): InventoryConfigInput {
  const inv = config.inventory;
  const own = config.ownership.inventory;
  return {
    locations: inv.locations.map((location) => ({ location, owner: own.locations[location] ?? own.default })),
    channels: config.channels.map((c) => {
      const rules = inv.channels[c.id];
      return {
        channel: c.id,
        version: rules?.version ?? '1',
        locations: c.locations.length ? c.locations : inv.locations,
        rule: rules?.rule ?? {},
        categories: rules?.categories ?? {},
        skus: rules?.skus ?? {},
        publishDeltaUnits: rules?.publishDeltaUnits ?? 0,
      };
    }),
  };
}

const OFF: InventoryWiring = {
  runtime: undefined,
  guard: undefined,
  receivePositions: () => Promise.resolve(),
  stockMoved: undefined,
  build: () => ({ tasks: [], schedules: [] }),
  start: () => Promise.resolve(),
};

/** Builds the inventory flow, or a no-op wiring when the configuration names no locations. */
export function wireInventory(
  config: FerryConfig,
  o: {
    store: Store;
    clock: Clock;
    queue: Queue;
    onError?: (error: unknown, where: string) => void;
    /** Shadow mode per flow and channel (operators' settings over the configuration). */
    shadow?: (flow: string, channel: string) => Promise<boolean>;
  },
): InventoryWiring {
  if (config.inventory.locations.length === 0 || config.channels.length === 0) return OFF;
  const engineConfig = inventoryEngineConfig(config);
  const deps: InventoryDeps = {
    store: o.store,
    clock: o.clock,
    targets: new Map<string, PublishTarget>(),
    odooLocations: new Set(engineConfig.locations.filter((l) => l.owner === 'odoo').map((l) => l.location)),
    batchSize: config.inventory.batchSize,
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.shadow ? { shadow: (channel: string) => o.shadow!(INVENTORY_FLOW, channel) } : {}),
  };
  const rt = new InventoryRuntime(engineConfig, deps);
  rt.connect((job) => o.queue.enqueue(job));
  return {
    runtime: rt,
    guard: rt.guard,
    async receivePositions(positions) {
      if (positions.length) await o.queue.enqueue(pushedPositionsJob(positions));
    },
    stockMoved: (skus, reason, ref) => stockMovedJob(skus, reason, ref),
    build(flows) {
      deps.odoo = flows.odoo;
      const targets = deps.targets as Map<string, PublishTarget>;
      for (const [id, rules] of Object.entries(config.inventory.channels)) {
        const stock = channelRole(flows.channels, id, 'stock');
        if (stock) targets.set(id, { channel: id, stock, locationId: rules.shopifyLocationId });
      }
      return { tasks: inventoryTasks(rt), schedules: schedulesFor(config, targets, !!flows.odoo) };
    },
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
  config: FerryConfig,
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
      cron: cronEvery(config.inventory.pollEverySeconds),
      lane: INVENTORY_LANE,
      task: InventoryTask.odooPoll,
    });
  }
  for (const id of targets.keys()) {
    out.push({
      name: `inventory.resync:${id}`,
      cron: config.inventory.channels[id]!.resyncCron,
      lane: INVENTORY_LANE,
      task: InventoryTask.resync,
      payload: { channel: id },
      ...channelTimeZone(config, id),
    });
  }
  return out;
}

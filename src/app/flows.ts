/**
 * Wiring of order intake: its tasks and schedules over the partners' guarded clients. Intake runs
 * when Odoo and at least one channel are configured; each channel is polled on its schedule, and
 * Odoo for cancellations.
 */
import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { AnyTask, InboxService, PartnerGuard, Queue, ScheduleDefinition } from '../engine/index.js';
import {
  INTAKE_LANE,
  ORDERS_LANE,
  acceptOrderTask,
  cancelOrderTask,
  totalMismatchTask,
  odooEditTask,
  normaliseOrderTask,
  odooOrderPollTask,
  odooPriceSource,
  channelPollTask,
  CHANNEL_POLL_TASK,
  type AcceptOptions,
  type IntakeDeps,
  type StockGuard,
} from '../flows/order-intake/index.js';
import type { OdooClient, OdooPort } from '../connectors/odoo/index.js';
import { companyOfOrders } from './warehouses.js';
import type { CompiledConfig } from '../ops/config/index.js';
import type { Partners, SecretResolver, ShopifyChannelRuntime } from './partners.js';

export type { SecretResolver };

/** The partners and intake, as the app reports them (FerryApp.flows). */
export interface FlowWiring {
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
  channels: Map<string, ShopifyChannelRuntime>;
  /** The guarded port, the only Odoo the flows see. */
  odoo: OdooPort | undefined;
  /** The raw client, for the start-up checks (calls outside the port), never for the flows. */
  odooClient: OdooClient | undefined;
  /** Rate limit and breaker per partner endpoint, for the admin API, metrics and alerts. */
  guards: PartnerGuard[];
  /** The resolver the partners were connected with. */
  resolveSecret: SecretResolver;
  close(): Promise<void>;
}

export interface IntakeOptions {
  queue: Queue;
  inbox: InboxService;
  clock: Clock;
  stock?: StockGuard | undefined;
  accept?: AcceptOptions;
  cancelAtWarehouse?: (ref: string, reason: string) => Promise<void>;
  /** Shadow mode per flow and channel. Default never. */
  shadow?: (flow: string, channel: string) => Promise<boolean>;
  /** The Odoo round-trip metric. */
  onOdooRoundTrips?: (roundTrips: number, orders: number) => void;
  /** The inventory job for SKUs a cancellation gave back. */
  stockMoved?: IntakeDeps['stockMoved'];
}

/** Intake's tasks and schedules; none without Odoo or a channel. */
export function wireIntake(
  compiled: CompiledConfig,
  partners: Pick<Partners, 'odoo' | 'channels'>,
  o: IntakeOptions,
): { tasks: AnyTask[]; schedules: ScheduleDefinition[] } {
  const { odoo, channels } = partners;
  if (!odoo || channels.size === 0) return { tasks: [], schedules: [] };
  const deps: IntakeDeps = {
    odoo,
    channels,
    queue: o.queue,
    clock: o.clock,
    ...(o.stock ? { stock: o.stock } : {}),
    ...(o.cancelAtWarehouse ? { cancelAtWarehouse: o.cancelAtWarehouse } : {}),
    ...(o.shadow ? { shadow: o.shadow } : {}),
    ...(o.onOdooRoundTrips ? { onOdooRoundTrips: o.onOdooRoundTrips } : {}),
    ...(o.stockMoved ? { stockMoved: o.stockMoved } : {}),
    ...([...channels.values()].some((c) => c.rules.priceTolerancePct !== null)
      ? {
          prices: odooPriceSource(
            odoo,
            o.clock,
            undefined,
            companyOfOrders(compiled.warehouses.orderCompanies),
          ),
        }
      : {}),
  };
  const tasks = [
    normaliseOrderTask(deps),
    acceptOrderTask(deps, o.accept),
    cancelOrderTask(deps),
    totalMismatchTask,
    odooEditTask(deps),
    channelPollTask(deps, o.inbox),
    odooOrderPollTask(deps),
  ];
  const schedules: ScheduleDefinition[] = [
    ...compiled.channels.map((c) => ({
      name: `shopify.poll:${c.id}`,
      cron: `*/${Math.min(59, c.pollEveryMinutes)} * * * *`,
      lane: INTAKE_LANE,
      task: CHANNEL_POLL_TASK,
      payload: { channel: c.id },
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
    })),
    { name: 'odoo.order-poll', cron: '* * * * *', lane: ORDERS_LANE, task: 'odoo.order-poll' },
  ];
  return { tasks, schedules };
}

/** Resolves `env:NAME` from the given environment; `secret:NAME` needs the encrypted secret store. */
export function envSecretResolver(env: Record<string, string | undefined>): SecretResolver {
  return (ref, where) => {
    if (ref.startsWith('env:')) {
      const v = env[ref.slice(4)];
      if (v === undefined || v === '')
        throw new FerryError('config_invalid', `${where}: ${ref} is not set in the environment`);
      return v;
    }
    throw new FerryError(
      'config_invalid',
      `${where}: ${ref} needs a key ring (FERRY_KEYRING_FILE or FERRY_KEYRING)`,
    );
  };
}

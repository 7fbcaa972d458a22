import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import { createOdooClient, type CustomerRule, type OdooClient } from '../connectors/odoo/index.js';
import { ShopifyGraphqlClient, shopifyChannelPort } from '../connectors/shopify/index.js';
import type { AnyTask, InboxService, PartnerGuard, Queue, ScheduleDefinition } from '../engine/index.js';
import { guardOdoo, guardShopify, type CallObserver } from './guards.js';
import { odooPriceSource } from './odooPrices.js';
import { channelTimeZone } from './schedules.js';
import {
  INTAKE_LANE,
  ORDERS_LANE,
  acceptOrderTask,
  cancelOrderTask,
  totalMismatchTask,
  odooEditTask,
  normaliseOrderTask,
  odooOrderPollTask,
  channelPollTask,
  CHANNEL_POLL_TASK,
  type AcceptOptions,
  type ChannelRuntime,
  type IntakeDeps,
  type StockGuard,
} from '../flows/order-intake/index.js';
import type { FerryConfig } from '../ops/config/index.js';

/** Resolves `secret:NAME` / `env:NAME` references to their values. */
export type SecretResolver = (ref: string, where: string) => string;

/**
 * A configured Shopify channel: what the flows see (rules, port), and what the webhook route and
 * the partner guard need besides (shop domain, webhook secret, the Admin API client).
 */
export interface ShopifyChannelRuntime extends ChannelRuntime {
  kind: 'shopify';
  shopDomain: string;
  webhookSecret: string;
  /** Admin API client, for the reconciliation poll, stock and fulfilments. */
  client: ShopifyGraphqlClient | undefined;
}

export interface FlowWiring {
  tasks: AnyTask[];
  schedules: ScheduleDefinition[];
  channels: Map<string, ShopifyChannelRuntime>;
  odoo: OdooClient | undefined;
  /** Rate limit and breaker per partner endpoint, for the admin API, metrics and alerts. */
  guards: PartnerGuard[];
  /** The resolver the flows were wired with, for wiring that follows (warehouses). */
  resolveSecret: SecretResolver;
  close(): Promise<void>;
}

export interface WireOptions {
  queue: Queue;
  inbox: InboxService;
  clock: Clock;
  resolveSecret: SecretResolver;
  stock?: StockGuard;
  accept?: AcceptOptions;
  cancelAtWarehouse?: (ref: string, reason: string) => Promise<void>;
  /** Wraps every partner call (spans, partner-call metrics). Default none. */
  observe?: CallObserver;
  /** Shadow mode per flow and channel. Default never. */
  shadow?: (flow: string, channel: string) => Promise<boolean>;
  /** The Odoo round-trip metric. */
  onOdooRoundTrips?: (roundTrips: number, orders: number) => void;
  /** The inventory job for SKUs a cancellation gave back. */
  stockMoved?: IntakeDeps['stockMoved'];
}

function channelsFrom(config: FerryConfig, o: WireOptions): Map<string, ShopifyChannelRuntime> {
  const out = new Map<string, ShopifyChannelRuntime>();
  config.channels.forEach((c, i) => {
    const where = `channels[${i}]`;
    const token = c.accessToken ? o.resolveSecret(c.accessToken, `${where}.accessToken`) : undefined;
    const auth = token
      ? { kind: 'accessToken' as const, accessToken: token }
      : {
          kind: 'clientCredentials' as const,
          clientId: c.clientId!,
          clientSecret: o.resolveSecret(c.clientSecret!, `${where}.clientSecret`),
        };
    const webhookSecret = o.resolveSecret(c.webhookSecret, `${where}.webhookSecret`);
    const client = new ShopifyGraphqlClient({
      shopDomain: c.shopDomain,
      ...(c.adminUrl ? { baseUrl: c.adminUrl } : {}),
      auth,
      apiVersion: c.apiVersion,
      clock: o.clock,
      partner: `shopify:${c.id}`,
    });
    out.set(c.id, {
      id: c.id,
      kind: 'shopify',
      shopDomain: c.shopDomain,
      webhookSecret,
      rules: {
        currencies: c.currencies,
        stock: c.rules.stock,
        priceTolerancePct: c.rules.priceTolerancePct,
        test: c.rules.test,
        holds: c.rules.holds,
      },
      client,
      port: shopifyChannelPort(c.id, client),
      pollEveryMinutes: c.pollEveryMinutes,
      pollOverlapMs: c.pollOverlapMinutes * 60_000,
    });
  });
  return out;
}

function odooFrom(config: FerryConfig, o: WireOptions): OdooClient | undefined {
  const c = config.odoo;
  if (!c) return undefined;
  return createOdooClient({
    url: c.url,
    db: c.database,
    login: c.login,
    ...(c.apiKey
      ? { apiKey: o.resolveSecret(c.apiKey, 'odoo.apiKey') }
      : { password: o.resolveSecret(c.password!, 'odoo.password') }),
    ...(c.version ? { version: c.version } : {}),
    timeoutMs: c.timeoutMs,
    timeoutPerRecordMs: c.timeoutPerRecordMs,
    concurrency: c.concurrency,
    ...(c.company ? { company: c.company } : {}),
    taxes: c.taxes,
    warehouses: c.warehouses,
    pricelists: c.pricelists,
    ...(c.shippingProductId ? { shippingProductId: c.shippingProductId } : {}),
    ...(c.discountProductId ? { discountProductId: c.discountProductId } : {}),
    lineProducts: c.lineProducts,
    paymentTerms: c.paymentTerms,
    channelCompanies: Object.fromEntries(
      config.channels.flatMap((ch) => (ch.company ? [[ch.id, ch.company]] : [])),
    ),
    channelLineProducts: Object.fromEntries(
      config.channels.flatMap((ch) => (ch.lineProducts ? [[ch.id, ch.lineProducts]] : [])),
    ),
    customerRules: customerRulesFrom(config),
    clock: o.clock,
  });
}

/**
 * Builds the flows the configuration asks for: order intake runs when Odoo and at least one
 * channel are configured; each channel is polled on its schedule, and Odoo for cancellations.
 */
export function wireFlows(config: FerryConfig, o: WireOptions): FlowWiring {
  const channels = channelsFrom(config, o);
  const guards: PartnerGuard[] = [];
  for (const c of channels.values())
    if (c.client) guards.push(guardShopify(c.client, o.clock, `shopify:${c.id}`, o.observe));
  const rawOdoo = odooFrom(config, o);
  const guarded = rawOdoo ? guardOdoo(rawOdoo, o.clock, 'odoo', o.observe) : undefined;
  if (guarded) guards.push(guarded.guard);
  const odoo = guarded?.client;
  const close = async (): Promise<void> => {
    await odoo?.close();
    for (const c of channels.values()) await c.client?.close();
  };
  if (!odoo || channels.size === 0)
    return { tasks: [], schedules: [], channels, odoo, guards, resolveSecret: o.resolveSecret, close };
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
      ? { prices: odooPriceSource(odoo, o.clock, config.odoo?.currency) }
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
    ...[...channels.values()].map((c) => ({
      name: `shopify.poll:${c.id}`,
      cron: `*/${Math.min(59, c.pollEveryMinutes)} * * * *`,
      lane: INTAKE_LANE,
      task: CHANNEL_POLL_TASK,
      payload: { channel: c.id },
      ...channelTimeZone(config, c.id),
    })),
    { name: 'odoo.order-poll', cron: '* * * * *', lane: ORDERS_LANE, task: 'odoo.order-poll' },
  ];
  return { tasks, schedules, channels, odoo, guards, resolveSecret: o.resolveSecret, close };
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

/** Channel customer rules as the Odoo connector takes them. */
function customerRulesFrom(config: FerryConfig): Record<string, CustomerRule> {
  const out: Record<string, CustomerRule> = {};
  for (const ch of config.channels) {
    const r = ch.rules.customers;
    if (!r) continue;
    out[ch.id] = {
      b2c: r.b2c === 'shared' ? { sharedPartnerId: r.sharedPartnerId! } : 'per-customer',
      b2b: r.b2b,
      ...(r.b2cMatch ? { b2cMatch: r.b2cMatch } : {}),
      ...(r.b2bMatch ? { b2bMatch: r.b2bMatch } : {}),
    };
  }
  return out;
}

/**
 * The configuration compiled once into the options each part of Ferry takes (as Temporal's
 * `addDefaultWorkerOptions` → `CompiledWorkerOptions`): defaults applied, durations in the units
 * their names say, secret references kept as references with the path they came from (the secret
 * store opens after the configuration is read). Nothing else reshapes the configuration.
 */
import type { InventoryConfigInput } from '../../core/inventory/index.js';
import { compileLane, type LaneOptions } from '../../engine/lanes.js';
import { isValidatedConfig, validateConfig } from './load.js';
import type { FerryConfig, FerryConfigInput } from './schema.js';
import type { OidcSignOn } from './oidc.js';

/** The lane of Ferry's own housekeeping (retention, alerts, completeness); always present. */
export const MAINTENANCE_LANE = 'maintenance';

/** A `secret:`/`env:` reference and where it was configured, for the resolver's messages. */
export interface SecretUse {
  ref: string;
  /** `odoo.apiKey`, `channels[0].webhookSecret` … */
  where: string;
}

/** How long each kind of record is kept, in days. */
export interface RetentionDays {
  personalDataDays: number;
  inboxDays: number;
  jobsDays: number;
  eventsDays: number;
  deliveryLogDays: number;
}

/** Options the programmatic caller adds to the file's (tests, the demo). */
export interface CompileOverrides {
  /** How often each warehouse is polled (files, event list), seconds. Default 60. */
  warehousePollEverySeconds?: number;
}

/** Everything a Ferry process is wired from. */
export interface CompiledConfig {
  /** The validated configuration, for the sections taken as they are (alerts, tracing, completeness). */
  source: FerryConfig;
  http: FerryConfig['http'];
  /** Every lane with the worker's defaults, the maintenance lane included. */
  lanes: LaneOptions[];
  /** The zone of schedules that name none. */
  scheduleTimeZone: string;
  retention: RetentionDays;
  odoo: CompiledOdoo | undefined;
  channels: CompiledChannel[];
  warehouses: CompiledWarehouses;
  /** Undefined while inventory publishing is off (no locations, or no channel). */
  inventory: CompiledInventory | undefined;
  /** Flows and channels the configuration puts in shadow mode (operators' settings win). */
  shadow: { flows: string[]; channels: string[] };
  /** Console sign-on with an OpenID Connect provider; undefined when not configured. */
  oidc: CompiledOidc | undefined;
}

/** OpenID Connect sign-on with its client secret still a reference. */
export interface CompiledOidc extends Omit<OidcSignOn, 'clientSecret'> {
  clientSecret: SecretUse | undefined;
}

export interface CompiledOdoo {
  url: string;
  /** The connector's options, but for the credential and the clock. */
  options: {
    url: string;
    db: string;
    login: string;
    version?: 16 | 17 | 18 | 19;
    timeoutMs: number;
    timeoutPerRecordMs: number;
    concurrency: number;
    company?: number;
    taxes: NonNullable<FerryConfig['odoo']>['taxes'];
    warehouses: Record<string, number>;
    pricelists: Record<string, number>;
    shippingProductId?: number;
    discountProductId?: number;
    lineProducts: NonNullable<FerryConfig['odoo']>['lineProducts'];
    paymentTerms: Record<string, number>;
    channelCompanies: Record<string, number>;
    salesJournalId?: number;
    companySettings: Record<number, NonNullable<FerryConfig['odoo']>['companies'][string]>;
    channelLineProducts: Record<string, NonNullable<FerryConfig['odoo']>['lineProducts']>;
    customerRules: Record<string, CompiledCustomerRule>;
    /** The default company's currency as configured, checked against Odoo at start-up. */
    currency?: string;
  };
  credential: { field: 'apiKey' | 'password'; secret: SecretUse };
}

export interface CompiledCustomerRule {
  b2c: 'per-customer' | { sharedPartnerId: number };
  b2b: 'find-or-create' | 'must-exist';
  b2cMatch?: ('ref' | 'email' | 'vat')[];
  b2bMatch?: ('ref' | 'email' | 'vat')[];
}

type ChannelConfig = FerryConfig['channels'][number];

export interface CompiledChannel {
  id: string;
  kind: 'shopify';
  shopDomain: string;
  /** Admin API base URL; undefined means https://<shopDomain>. */
  adminUrl: string | undefined;
  apiVersion: string;
  webhookSecret: SecretUse;
  auth:
    | { kind: 'accessToken'; accessToken: SecretUse }
    | { kind: 'clientCredentials'; clientId: string; clientSecret: SecretUse };
  rules: {
    currencies: string[];
    stock: ChannelConfig['rules']['stock'];
    priceTolerancePct: number | null;
    test: ChannelConfig['rules']['test'];
    holds: ChannelConfig['rules']['holds'];
  };
  pollEveryMinutes: number;
  pollOverlapMs: number;
  /** The zone of this channel's own schedules (poll, resync): its trading hours', if any. */
  timeZone: string | undefined;
}

type WarehouseConfig = FerryConfig['warehouses'][number];
type X12Config = Extract<WarehouseConfig, { kind: 'x12' }>;

interface CompiledWarehouseBase {
  id: string;
  /** Location code → the code reported in positions. */
  locations: Record<string, string>;
  defaultLocation: string;
  credentials: SecretUse | undefined;
}

export interface CompiledX12Warehouse extends CompiledWarehouseBase {
  kind: 'x12';
  endpoint: string;
  partner: {
    ours: { qualifier: string; id: string; groupId: string };
    theirs: { qualifier: string; id: string; groupId: string };
    usage: 'T' | 'P';
    ackDeadlineMs: number;
  };
  depositor: { name: string; code: string } | undefined;
  folders: X12Config['x12']['folders'];
  staleUploadMs: number;
}

export interface CompiledRestWarehouse extends CompiledWarehouseBase {
  kind: 'wms-rest';
  endpoint: string;
  webhookSecret: SecretUse | undefined;
}

export type CompiledWarehouse = CompiledX12Warehouse | CompiledRestWarehouse;

export interface CompiledWarehouses {
  list: CompiledWarehouse[];
  /** Which Odoo locations' stock each warehouse holds, and the Odoo company it ships for. */
  sites: { id: string; odooWarehouse: string; odooLocations: string[]; company: number }[];
  /** Which Odoo company each channel's orders book in (the default for channels not named). */
  orderCompanies: { default: number; channels: Record<string, number> };
  /** Accepted orders are released: warehouses and Odoo are both configured. */
  releaseOnAccept: boolean;
  pollEverySeconds: number;
}

export interface CompiledInventory {
  engine: InventoryConfigInput;
  /** Locations whose positions Odoo owns (others come from the warehouses). */
  odooLocations: string[];
  batchSize: number;
  pollEverySeconds: number;
  /** Where each published channel's quantities go, and when its full resync runs. */
  targets: { channel: string; locationId: string; resyncCron: string; timeZone: string | undefined }[];
}

/**
 * Validates (every problem named by its path, as `validateConfig` does) and compiles. Takes a file's
 * raw content as well as an already validated configuration.
 */
export function compileConfig(
  input: FerryConfig | FerryConfigInput,
  overrides: CompileOverrides = {},
): CompiledConfig {
  const config = isValidatedConfig(input) ? input : validateConfig(input);
  const odooConfigured = config.odoo !== undefined;
  return {
    source: config,
    http: config.http,
    lanes: lanesOf(config),
    scheduleTimeZone: config.schedules.timeZone,
    retention: { ...config.retention, inboxDays: config.retention.inboxDays ?? config.inbox.retentionDays },
    odoo: odooOf(config),
    channels: config.channels.map(channelOf),
    warehouses: {
      list: config.warehouses.map(warehouseOf),
      sites: config.warehouses.map((w) => ({
        id: w.id,
        odooWarehouse: w.odooWarehouse,
        odooLocations: w.locations.map((l) => l.odooLocation),
        company: w.odooCompany ?? defaultCompany(config),
      })),
      orderCompanies: {
        default: defaultCompany(config),
        channels: Object.fromEntries(config.channels.flatMap((c) => (c.company ? [[c.id, c.company]] : []))),
      },
      releaseOnAccept: config.warehouses.length > 0 && odooConfigured,
      pollEverySeconds: overrides.warehousePollEverySeconds ?? 60,
    },
    inventory: inventoryOf(config),
    shadow: {
      flows: Object.entries(config.flows).flatMap(([name, f]) => (f.shadow ? [name] : [])),
      channels: config.channels.flatMap((c) => (c.shadow ? [c.id] : [])),
    },
    oidc: oidcOf(config.console.oidc),
  };
}

function oidcOf(o: OidcSignOn | undefined): CompiledOidc | undefined {
  if (!o) return undefined;
  const { clientSecret, ...rest } = o;
  return {
    ...rest,
    clientSecret: clientSecret ? { ref: clientSecret, where: 'console.oidc.clientSecret' } : undefined,
  };
}

/** The Odoo company orders book in when their channel names none (Odoo's first company by default). */
export function defaultCompany(config: Pick<FerryConfig, 'odoo'>): number {
  return config.odoo?.company ?? 1;
}

/** Whether the configuration puts a flow, or a channel, in shadow mode. */
export function configuredShadow(
  shadow: CompiledConfig['shadow'],
): (flow: string, channel: string) => boolean {
  const flows = new Set(shadow.flows);
  const channels = new Set(shadow.channels);
  return (flow, channel) => flows.has(flow) || channels.has(channel);
}

function lanesOf(config: FerryConfig): LaneOptions[] {
  const lanes = config.lanes.map(({ backoff, ...l }) =>
    compileLane({ ...l, ...(backoff ? { backoff } : {}) }),
  );
  return lanes.some((l) => l.name === MAINTENANCE_LANE)
    ? lanes
    : [...lanes, compileLane({ name: MAINTENANCE_LANE, concurrency: 1 })];
}

function odooOf(config: FerryConfig): CompiledOdoo | undefined {
  const c = config.odoo;
  if (!c) return undefined;
  const { channels } = config;
  const field = c.apiKey ? 'apiKey' : 'password';
  return {
    url: c.url,
    options: {
      url: c.url,
      db: c.database,
      login: c.login,
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
      ...(c.salesJournalId ? { salesJournalId: c.salesJournalId } : {}),
      companySettings: Object.fromEntries(Object.entries(c.companies).map(([id, v]) => [Number(id), v])),
      channelCompanies: Object.fromEntries(
        channels.flatMap((ch) => (ch.company ? [[ch.id, ch.company]] : [])),
      ),
      channelLineProducts: Object.fromEntries(
        channels.flatMap((ch) => (ch.lineProducts ? [[ch.id, ch.lineProducts]] : [])),
      ),
      customerRules: customerRulesOf(config),
      ...(c.currency ? { currency: c.currency } : {}),
    },
    // validateConfig refuses an Odoo connection with neither.
    credential: { field, secret: { ref: (c.apiKey ?? c.password)!, where: `odoo.${field}` } },
  };
}

/** Channel customer rules as the Odoo connector takes them. */
function customerRulesOf(config: FerryConfig): Record<string, CompiledCustomerRule> {
  const out: Record<string, CompiledCustomerRule> = {};
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

function channelOf(c: ChannelConfig, i: number): CompiledChannel {
  const where = `channels[${i}]`;
  return {
    id: c.id,
    kind: c.kind,
    shopDomain: c.shopDomain,
    adminUrl: c.adminUrl,
    apiVersion: c.apiVersion,
    webhookSecret: { ref: c.webhookSecret, where: `${where}.webhookSecret` },
    // validateConfig refuses a channel with neither an access token nor client credentials.
    auth: c.accessToken
      ? { kind: 'accessToken', accessToken: { ref: c.accessToken, where: `${where}.accessToken` } }
      : {
          kind: 'clientCredentials',
          clientId: c.clientId!,
          clientSecret: { ref: c.clientSecret!, where: `${where}.clientSecret` },
        },
    rules: {
      currencies: c.currencies,
      stock: c.rules.stock,
      priceTolerancePct: c.rules.priceTolerancePct,
      test: c.rules.test,
      holds: c.rules.holds,
    },
    pollEveryMinutes: c.pollEveryMinutes,
    pollOverlapMs: c.pollOverlapMinutes * 60_000,
    timeZone: c.tradingHours?.timeZone,
  };
}

function warehouseOf(w: WarehouseConfig): CompiledWarehouse {
  const base = {
    id: w.id,
    locations: Object.fromEntries(w.locations.map((l) => [l.code, l.code])),
    // The schema requires at least one location.
    defaultLocation: w.locations[0]!.code,
    credentials: w.credentials ? { ref: w.credentials, where: `warehouses.${w.id}.credentials` } : undefined,
  };
  if (w.kind === 'wms-rest')
    return {
      ...base,
      kind: 'wms-rest',
      endpoint: w.endpoint,
      webhookSecret: w.webhookSecret
        ? { ref: w.webhookSecret, where: `warehouses.${w.id}.webhookSecret` }
        : undefined,
    };
  const { ours, theirs, usage, depositor, folders, staleUploadMinutes } = w.x12;
  return {
    ...base,
    kind: 'x12',
    endpoint: w.endpoint,
    partner: {
      ours: { qualifier: ours.qualifier, id: ours.id, groupId: ours.groupId ?? ours.id },
      theirs: { qualifier: theirs.qualifier, id: theirs.id, groupId: theirs.groupId ?? theirs.id },
      usage,
      ackDeadlineMs: w.ackDeadlineMinutes * 60_000,
    },
    depositor: depositor ? { name: depositor.name, code: depositor.code ?? ours.id } : undefined,
    folders,
    staleUploadMs: staleUploadMinutes * 60_000,
  };
}

/** Owners from `ownership.inventory`, rules from `inventory.channels`; off without locations or channels. */
function inventoryOf(config: FerryConfig): CompiledInventory | undefined {
  const inv = config.inventory;
  if (inv.locations.length === 0 || config.channels.length === 0) return undefined;
  const own = config.ownership.inventory;
  const engine: InventoryConfigInput = {
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
  const zone = new Map(config.channels.map((c) => [c.id, c.tradingHours?.timeZone]));
  return {
    engine,
    odooLocations: engine.locations.filter((l) => l.owner === 'odoo').map((l) => l.location),
    batchSize: inv.batchSize,
    pollEverySeconds: inv.pollEverySeconds,
    // A channel missing from `channels` has no client to publish with (as before: not published).
    targets: Object.entries(inv.channels)
      .filter(([id]) => zone.has(id))
      .map(([id, r]) => ({
        channel: id,
        locationId: r.shopifyLocationId,
        resyncCron: r.resyncCron,
        timeZone: zone.get(id),
      })),
  };
}

/**
 * The two kinds of Odoo the contract suite runs against: the simulator (each version's profile,
 * with and without stock_delivery) in CI, and a real server named by FERRY_ODOO_LIVE_URL, _DB,
 * _LOGIN and _KEY. Everything the suite needs is set up through the API, with records tagged
 * `FERRY-CT-<time>`, so the same steps run unchanged on both.
 */
import { Order } from '../../../core/model.js';
import { OdooSimulator } from '../../../sandbox/odoo/index.js';
import type { App, OdooVersion } from '../../../sandbox/odoo/index.js';
import { createOdooClient } from '../client.js';
import type { OdooClient } from '../client.js';
import type { OdooOptions } from '../options.js';
import { storableProductsWithStock } from '../verify-write.js';

export interface ContractTarget {
  client: OdooClient;
  /** The connection options of `client`, for clients with mapping options of their own. */
  options: OdooOptions;
  /** The simulator behind the client, when it is one. */
  sim?: OdooSimulator;
  stop(): Promise<void>;
}

export interface LiveOdoo {
  url: string;
  db: string;
  login: string;
  key: string;
}

/** The live Odoo from the environment, or the names of the variables that are missing. */
export function liveOdoo(env: NodeJS.ProcessEnv): LiveOdoo | { missing: string[] } {
  const names = ['FERRY_ODOO_LIVE_URL', 'FERRY_ODOO_LIVE_DB', 'FERRY_ODOO_LIVE_LOGIN', 'FERRY_ODOO_LIVE_KEY'];
  const missing = names.filter((n) => !env[n]);
  if (missing.length) return { missing };
  return {
    url: env.FERRY_ODOO_LIVE_URL!,
    db: env.FERRY_ODOO_LIVE_DB!,
    login: env.FERRY_ODOO_LIVE_LOGIN!,
    key: env.FERRY_ODOO_LIVE_KEY!,
  };
}

export async function simTarget(
  version: OdooVersion,
  apps?: readonly App[],
  recordRequests = false,
): Promise<ContractTarget> {
  const sim = new OdooSimulator({ version, db: 'contract', recordRequests, ...(apps ? { apps } : {}) });
  const url = await sim.start();
  const options = { url, db: 'contract', login: 'admin', apiKey: 'sim-admin-key' };
  const client = createOdooClient(options);
  return {
    client,
    options,
    sim,
    stop: async () => {
      await client.close();
      await sim.stop();
    },
  };
}

export function liveTarget(live: LiveOdoo): ContractTarget {
  const options = { url: live.url, db: live.db, login: live.login, apiKey: live.key, timeoutMs: 120_000 };
  const client = createOdooClient(options);
  return { client, options, stop: () => client.close() };
}

/** A second client on the target's Odoo with mapping options of its own (taxes, payment terms ...); the caller closes it. */
export function clientWith(
  t: ContractTarget,
  extra: Omit<OdooOptions, 'url' | 'db' | 'login' | 'apiKey' | 'password'>,
): OdooClient {
  return createOdooClient({ ...t.options, ...extra });
}

/** Storable products at 12.50 with `qty` on hand in the first warehouse's stock location; ids by SKU. */
export async function seedProducts(
  c: OdooClient,
  skus: readonly string[],
  qty: number,
): Promise<Map<string, number>> {
  const ids = await storableProductsWithStock(c, skus, qty, 12.5);
  return new Map(skus.map((s, i) => [s, ids[i]!]));
}

/** A canonical order of the tag: `lines` as [sku, quantity], 12.50 each, one customer per tag. */
export function contractOrder(tag: string, n: number, lines: [string, number][]): Order {
  const now = new Date().toISOString();
  return Order.parse({
    channel: 'contract',
    channelOrderId: `${tag}-${n}`,
    channelOrderName: `#${tag}-${n}`,
    currency: 'USD',
    taxesIncluded: false,
    customer: {
      channelCustomerId: tag,
      name: `${tag} customer`,
      email: `${tag.toLowerCase()}@example.invalid`,
      shippingAddress: {
        name: `${tag} customer`,
        street: '1 Harbour St',
        city: 'Portland',
        zip: '97201',
        countryCode: 'US',
      },
    },
    lines: lines.map(([sku, quantity], i) => ({
      lineId: `L${i + 1}`,
      sku,
      quantity,
      unitPrice: { amountMinor: 1250, currency: 'USD' },
      discount: { amountMinor: 0, currency: 'USD' },
    })),
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * The Shopify side of the orders-live benchmark: a simulated shop in its own process whose
 * orders use the catalogue seeded in the real Odoo, and the same orders generated here (the
 * generator is deterministic per id) so that their customers can be put in Odoo beforehand.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrder, type CatalogueItem, type OrderJson } from '../../src/sandbox/shopify/index.js';
import { forkRemote, type Remote } from './remote.js';

export interface ShopOptions {
  shopDomain: string;
  secret: string;
  token: string;
  catalogue: CatalogueItem[];
  /** The Odoo sales tax's rate as a decimal (0.15), so totals agree on both sides. */
  taxRate: number;
}

/** Three lines, the tax above, no shipping line: the order a line of the ceiling also books. */
export function benchOrder(id: number, o: Pick<ShopOptions, 'catalogue' | 'taxRate'>, lines = 3): OrderJson {
  return generateOrder({
    id,
    catalogue: o.catalogue,
    lines,
    taxRate: o.taxRate,
    taxTitle: 'Sales Tax',
    shipping: null,
  });
}

const here = dirname(fileURLToPath(import.meta.url));

export interface RemoteShop {
  url: string;
  pid: number | undefined;
  /** Points the shop's webhooks at Ferry. */
  target(url: string, concurrency: number): Promise<void>;
  /** Creates orders `from`..`from+count-1` in the shop and delivers their signed `orders/create` webhooks. */
  send(from: number, count: number, lines: number): Promise<{ failed: number }>;
  stop(): Promise<void>;
}

export async function startRemoteShop(o: ShopOptions): Promise<RemoteShop> {
  const remote: Remote<{ url: string }> = await forkRemote(join(here, 'shopProcess.ts'), o);
  return {
    url: remote.ready.url,
    pid: remote.pid,
    target: (url, concurrency) => remote.call('target', { url, concurrency }),
    send: (from, count, lines) => remote.call('send', { from, count, lines }),
    stop: remote.stop,
  };
}

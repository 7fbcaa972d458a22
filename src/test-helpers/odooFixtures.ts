/** Fixtures shared by this connector's tests: canonical orders and a simulator with a client. */
import { Order } from '../core/model.js';
import { OdooSimulator, seedProduct } from '../sandbox/odoo/index.js';
import type { OdooVersion } from '../sandbox/odoo/index.js';
import { createOdooClient, type OdooClient, type OdooOptions } from '../connectors/odoo/index.js';

export const SKUS = ['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5'] as const;

export function order(n: number, over: Partial<Record<string, unknown>> = {}, lines = 5): Order {
  return Order.parse({
    channel: 'shop',
    channelOrderId: `O-${n}`,
    channelOrderName: `#${1000 + n}`,
    currency: 'USD',
    taxesIncluded: false,
    customer: { channelCustomerId: 'C-1', name: 'Ada Lovelace', email: 'ada@example.test' },
    lines: SKUS.slice(0, lines).map((sku, i) => ({
      lineId: `L${i}`,
      sku,
      quantity: 1 + (i % 2),
      unitPrice: { amountMinor: 1250, currency: 'USD' },
      discount: { amountMinor: 0, currency: 'USD' },
      // The simulator's default sales tax (15%), as the channel charged it.
      taxes: [
        {
          title: 'Tax 15%',
          rate: '0.15',
          amount: { amountMinor: Math.round(1250 * (1 + (i % 2)) * 0.15), currency: 'USD' },
        },
      ],
    })),
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  });
}

export interface Rig {
  sim: OdooSimulator;
  client: OdooClient;
  products: number[];
  stop(): Promise<void>;
}

/** `opts` may be computed from the seeded simulator (options naming seeded records). */
export async function rig(
  version: OdooVersion,
  opts: Partial<OdooOptions> | ((sim: OdooSimulator) => Partial<OdooOptions>) = {},
  simOpts = {},
): Promise<Rig> {
  const sim = new OdooSimulator({ version, db: 'ferry', ...simOpts });
  const url = await sim.start();
  const products = SKUS.map((sku) => seedProduct(sim.core, { sku, price: 12.5, stock: { WH: 100 } }));
  const extra = typeof opts === 'function' ? opts(sim) : opts;
  const { taxes: extraTaxes = [], ...rest } = extra;
  const taxes = [...extraTaxes, { title: 'Tax 15%', odooTaxId: sim.core.db.settings.defaultSaleTaxIds[0]! }];
  const client = createOdooClient({
    url,
    db: 'ferry',
    login: 'admin',
    apiKey: 'sim-admin-key',
    taxes,
    ...rest,
  });
  return {
    sim,
    client,
    products,
    stop: async () => {
      await client.close();
      await sim.stop();
    },
  };
}

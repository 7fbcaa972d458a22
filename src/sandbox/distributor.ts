/**
 * A small distributor, simulated: an Odoo with a catalogue in stock, Shopify stores, and the Ferry
 * configuration that connects them. The demo and the end-to-end tests start from here.
 */
import { OdooSimulator, seedProduct, seedTax, type OdooVersion } from './odoo/index.js';
import { ShopifySimulator, generateCatalogue, type CatalogueItem } from './shopify/index.js';
import type { FerryConfigInput } from '../ops/config/index.js';

export interface DistributorOptions {
  odooVersion?: OdooVersion;
  /** Catalogue size. Default 20. */
  products?: number;
  /** On-hand units per product in warehouse WH. Default 500. */
  stockPerProduct?: number;
  /** Shopify stores. Default one, `shop-eu`. */
  stores?: string[];
  /** The simulated Shopify cost bucket's restore rate; raise it for fast polls in tests. Default 2000. */
  shopifyRestoreRate?: number;
  odooLatencyMs?: number;
}

export interface Distributor {
  odoo: OdooSimulator;
  shops: Map<string, ShopifySimulator>;
  catalogue: CatalogueItem[];
  /** The environment the configuration's `env:` references read. */
  env: Record<string, string>;
  /** Ferry configuration for these systems (lanes and http from defaults). */
  config: FerryConfigInput;
  stop(): Promise<void>;
}

const ODOO_KEY = 'sim-admin-key';

export async function startDistributor(opts: DistributorOptions = {}): Promise<Distributor> {
  const odoo = new OdooSimulator({
    version: opts.odooVersion ?? 17,
    db: 'ferry',
    ...(opts.odooLatencyMs ? { latencyMs: opts.odooLatencyMs } : {}),
  });
  await odoo.start();
  const catalogue = generateCatalogue(opts.products ?? 20, 7);
  for (const item of catalogue) {
    seedProduct(odoo.core, {
      sku: item.sku,
      name: item.title,
      price: Number(item.price),
      stock: { WH: opts.stockPerProduct ?? 500 },
      invoicePolicy: 'delivery',
    });
  }
  const salesTax = seedTax(odoo.core, 'Sales Tax 8.25%', 8.25);
  const shipping = seedProduct(odoo.core, {
    sku: 'SHIPPING',
    name: 'Shipping',
    price: 0,
    storable: false,
    invoicePolicy: 'order',
  });
  const shops = new Map<string, ShopifySimulator>();
  const env: Record<string, string> = { FERRY_SIM_ODOO_KEY: ODOO_KEY };
  const channels: NonNullable<FerryConfigInput['channels']> = [];
  for (const id of opts.stores ?? ['shop-eu']) {
    const sim = new ShopifySimulator({
      shopDomain: `${id}.myshopify.com`,
      clientSecret: `whsec_${id}`,
      accessTokens: [`shpat_${id}`],
      bucket: { restoreRate: opts.shopifyRestoreRate ?? 2000, maximumAvailable: 20_000 },
    });
    await sim.start();
    shops.set(id, sim);
    const key = id.toUpperCase().replace(/-/g, '_');
    env[`FERRY_SIM_${key}_HOOK`] = sim.clientSecret;
    env[`FERRY_SIM_${key}_TOKEN`] = `shpat_${id}`;
    channels.push({
      id,
      kind: 'shopify',
      shopDomain: sim.shopDomain,
      adminUrl: sim.url,
      webhookSecret: `env:FERRY_SIM_${key}_HOOK`,
      accessToken: `env:FERRY_SIM_${key}_TOKEN`,
      currencies: ['USD'],
    });
  }
  const config: FerryConfigInput = {
    environment: 'sandbox',
    odoo: {
      url: odoo.url,
      database: 'ferry',
      login: 'admin',
      apiKey: 'env:FERRY_SIM_ODOO_KEY',
      taxes: [{ title: 'Sales Tax', rate: '0.0825', odooTaxId: salesTax }],
      shippingProductId: shipping,
    },
    channels,
  };
  return {
    odoo,
    shops,
    catalogue,
    env,
    config,
    async stop() {
      for (const s of shops.values()) await s.stop();
      await odoo.stop();
    },
  };
}

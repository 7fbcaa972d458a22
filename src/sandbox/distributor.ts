/**
 * A small distributor, simulated: an Odoo with a catalogue in stock, Shopify stores, and the Ferry
 * configuration that connects them. The demo and the end-to-end tests start from here.
 */
import {
  OdooSimulator,
  addSubLocation,
  seedProduct,
  seedTax,
  setStockAt,
  type OdooVersion,
} from './odoo/index.js';
import { ShopifySimulator, generateCatalogue, type CatalogueItem } from './shopify/index.js';
import type { FerryConfigInput } from '../ops/config/index.js';
import { compilePartner } from '../connectors/x12/index.js';
import { FERRY_DIRS, X12ThreePl } from './x12-3pl/index.js';
import { WmsSimulator } from './wms-rest/index.js';

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
  /** Keep every request the Odoo simulator receives (its `requests`), for tests of what Ferry sends. */
  odooRecordRequests?: boolean;
  /**
   * Warehouses to simulate and configure, all holding Odoo warehouse WH's stock: `x12-sftp` (the
   * 3PL simulator over SFTP), `x12-folder` (the same over a shared folder), `wms` (the JSON WMS).
   */
  warehouses?: ('x12-sftp' | 'x12-folder' | 'wms')[];
  /** How often the 3PL simulator collects files, ms. Default 100. */
  threePlPollMs?: number;
  /**
   * `shared` (default): every warehouse holds WH/Stock. `separate`: the 3PL holds WH/Stock/East
   * and the WMS WH/Stock/West (all stock starts in East), so orders can be split between them;
   * Odoo's delivery from WH/Stock draws on both.
   */
  warehouseLocations?: 'shared' | 'separate';
}

export interface Distributor {
  odoo: OdooSimulator;
  shops: Map<string, ShopifySimulator>;
  catalogue: CatalogueItem[];
  /** The environment the configuration's `env:` references read. */
  env: Record<string, string>;
  /** Ferry configuration for these systems (lanes and http from defaults). */
  config: FerryConfigInput;
  /** The 3PL simulator, when `warehouses` has an X12 entry (configured as warehouse `east-3pl`). */
  threePl?: X12ThreePl;
  /** The JSON WMS simulator, when `warehouses` has `wms` (configured as warehouse `west-wms`). */
  wms?: WmsSimulator;
  /** Odoo location ids of WH/Stock/East and WH/Stock/West when `warehouseLocations` is `separate`. */
  locations?: { east: number; west: number };
  stop(): Promise<void>;
}

type WarehouseInput = NonNullable<FerryConfigInput['warehouses']>[number];

/** The envelope identities agreed with the simulated 3PL: Ferry by phone number (`12`), the 3PL mutually defined. */
const DIST_PARTY = { qualifier: '12', id: '5035550100', groupId: 'DISTID' } as const;
const THREE_PL_PARTY = { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' } as const;

/** Ferry's X12 settings for the 3PL simulator: the identities above and its folders seen from Ferry. */
const X12_SETTINGS = {
  ours: DIST_PARTY,
  theirs: THREE_PL_PARTY,
  depositor: { name: 'Ferry Demo Distribution' },
  folders: FERRY_DIRS,
};

async function startWarehouses(
  opts: DistributorOptions,
  env: Record<string, string>,
): Promise<{ threePl?: X12ThreePl; wms?: WmsSimulator; warehouses: WarehouseInput[] }> {
  const kinds = opts.warehouses ?? [];
  const warehouses: WarehouseInput[] = [];
  const separate = opts.warehouseLocations === 'separate';
  const locations = [{ code: 'WH01', odooLocation: separate ? 'WH/Stock/East' : 'WH/Stock' }];
  let threePl: X12ThreePl | undefined;
  const x12 = kinds.find((k) => k !== 'wms');
  if (x12) {
    const sftp = x12 === 'x12-sftp' ? { username: 'ferry', password: 'sim-3pl-pass' } : undefined;
    threePl = await X12ThreePl.start({
      pollIntervalMs: opts.threePlPollMs ?? 100,
      partner: compilePartner({
        id: 'ferry',
        warehouse: 'WH01',
        ours: THREE_PL_PARTY,
        theirs: DIST_PARTY,
        separators: { lineSuffix: '\n' },
      }),
      ...(sftp ? { sftp } : {}),
    });
    const s = threePl.endpoint.sftp;
    env.FERRY_SIM_3PL_PASSWORD = 'sim-3pl-pass';
    warehouses.push({
      id: 'east-3pl',
      kind: 'x12',
      odooWarehouse: 'WH',
      locations,
      endpoint: s ? `sftp://ferry@${s.host}:${s.port}/` : threePl.root,
      ...(s ? { credentials: 'env:FERRY_SIM_3PL_PASSWORD' } : {}),
      x12: X12_SETTINGS,
    });
  }
  let wms: WmsSimulator | undefined;
  if (kinds.includes('wms')) {
    env.FERRY_SIM_WMS_TOKEN = 'sim-wms-token';
    env.FERRY_SIM_WMS_HOOK = 'sim-wms-hook-secret';
    wms = await WmsSimulator.start({ token: env.FERRY_SIM_WMS_TOKEN, webhookSecret: env.FERRY_SIM_WMS_HOOK });
    warehouses.push({
      id: 'west-wms',
      kind: 'wms-rest',
      odooWarehouse: 'WH',
      locations: [{ code: 'W2', odooLocation: separate ? 'WH/Stock/West' : 'WH/Stock' }],
      endpoint: wms.url,
      credentials: 'env:FERRY_SIM_WMS_TOKEN',
      webhookSecret: 'env:FERRY_SIM_WMS_HOOK',
    });
  }
  return { ...(threePl ? { threePl } : {}), ...(wms ? { wms } : {}), warehouses };
}

const ODOO_KEY = 'sim-admin-key';

export async function startDistributor(opts: DistributorOptions = {}): Promise<Distributor> {
  const odoo = new OdooSimulator({
    version: opts.odooVersion ?? 17,
    db: 'ferry',
    ...(opts.odooLatencyMs ? { latencyMs: opts.odooLatencyMs } : {}),
    ...(opts.odooRecordRequests ? { recordRequests: true } : {}),
  });
  await odoo.start();
  const catalogue = generateCatalogue(opts.products ?? 20, 7);
  const locations =
    opts.warehouseLocations === 'separate'
      ? { east: addSubLocation(odoo.core, 'WH', 'East'), west: addSubLocation(odoo.core, 'WH', 'West') }
      : undefined;
  for (const item of catalogue) {
    const id = seedProduct(odoo.core, {
      sku: item.sku,
      name: item.title,
      price: Number(item.price),
      stock: locations ? {} : { WH: opts.stockPerProduct ?? 500 },
      invoicePolicy: 'delivery',
    });
    if (locations) setStockAt(odoo.core, id, locations.east, opts.stockPerProduct ?? 500);
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
  const sims = await startWarehouses(opts, env);
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
    ...(sims.warehouses.length ? { warehouses: sims.warehouses } : {}),
  };
  return {
    odoo,
    shops,
    catalogue,
    env,
    config,
    ...(sims.threePl ? { threePl: sims.threePl } : {}),
    ...(sims.wms ? { wms: sims.wms } : {}),
    ...(locations ? { locations } : {}),
    async stop() {
      await sims.threePl?.stop();
      await sims.wms?.stop();
      for (const s of shops.values()) await s.stop();
      await odoo.stop();
    },
  };
}

import { startFerry, type FerryApp } from '../../app/index.js';
import { TokenService, UserService } from '../../api/auth/index.js';
import { systemClock } from '../../core/clock.js';
import { validateConfig } from '../../ops/config/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { startDistributor, type Distributor } from '../distributor.js';
import { DemoDriver, DEMO_SCRIPT, UNKNOWN_SKU } from './driver.js';
import { FLOOR_SCRIPT, WarehouseFloor } from './floor.js';
import { formatSummary, summarise, type DemoSummary } from './summary.js';

export interface DemoOptions {
  /** Store location. Default ./ferry-demo.db. */
  db: string;
  /** Orders per minute. Default 60. */
  rate: number;
  /** HTTP port; 0 picks a free one. Default 8080. */
  port: number;
  /** Where the live summary goes. */
  print: (line: string) => void;
  /** Summary interval. Default 2000 ms. */
  summaryEveryMs?: number;
}

export interface DemoRun {
  app: FerryApp;
  dist: Distributor;
  driver: DemoDriver;
  adminToken: string;
  /** Stops the stream, drains briefly, shuts everything down and returns the final counts. */
  stop(): Promise<DemoSummary>;
}

/**
 * Ferry on SQLite with simulated Odoo, Shopify stores and warehouses, seeded as a small
 * distributor and fed a realistic stream of orders.
 */
export async function runDemo(o: DemoOptions): Promise<DemoRun> {
  const dist = await startDistributor({
    stores: ['shop-eu', 'shop-us'],
    products: 24,
    stockPerProduct: 200,
    warehouses: ['x12-sftp', 'wms'],
  });
  let app: FerryApp;
  try {
    const config = validateConfig({
      ...dist.config,
      http: { host: '127.0.0.1', port: o.port, bodyLimitBytes: 2 * 1024 * 1024 },
    });
    app = await startFerry({
      db: o.db,
      config,
      mode: 'serve',
      env: dist.env,
      logger: createLogger({ level: 'silent' }),
      warehouses: { pollEverySeconds: 1 },
    });
  } catch (e) {
    await dist.stop();
    throw e;
  }
  for (const [id, shop] of dist.shops)
    shop.setWebhookTarget({ url: `${app.url}/webhooks/shopify/${id}`, maxAttempts: 5 });
  dist.wms?.setWebhookTarget(`${app.url}/webhooks/wms/west-wms`);
  const floor = new WarehouseFloor(dist);
  const floorTimer = setInterval(() => void floor.tick().catch(() => undefined), 1000);
  // One demo admin across runs on the same file; a fresh token and sign-in link each run.
  const tokens = new TokenService(app.store, systemClock);
  const { token } = await tokens.create(
    { name: DEMO_ADMIN, role: 'admin', expiresInMs: 24 * 3_600_000 },
    'demo',
  );
  const { path: consoleLink } = await new UserService(app.store, systemClock, tokens).link(
    DEMO_ADMIN,
    'demo',
  );
  const driver = new DemoDriver(dist);
  const startedAt = Date.now();
  o.print(intro(app.url!, token, consoleLink, o));
  let placing = Promise.resolve();
  const everyMs = Math.max(50, 60_000 / o.rate);
  const orderTimer = setInterval(() => {
    placing = placing.then(() => driver.next().then(() => undefined)).catch(() => undefined);
  }, everyMs);
  const summaryTimer = setInterval(
    () =>
      void summarise(app.store, startedAt, Date.now())
        .then((s) => o.print(formatSummary(s)))
        .catch(() => undefined),
    o.summaryEveryMs ?? 2000,
  );
  return {
    app,
    dist,
    driver,
    adminToken: token,
    async stop() {
      clearInterval(orderTimer);
      clearInterval(floorTimer);
      clearInterval(summaryTimer);
      await placing;
      await new Promise((r) => setTimeout(r, 500));
      const final = await summarise(app.store, startedAt, Date.now());
      await app.stop(5000);
      await dist.stop();
      return final;
    },
  };
}

/** The demo's admin user. */
export const DEMO_ADMIN = 'demo-admin';

function intro(url: string, token: string, consoleLink: string, o: DemoOptions): string {
  return [
    `Ferry demo — a small distributor: Odoo, Shopify stores shop-eu and shop-us, a 3PL over EDI X12/SFTP and a JSON WMS (all simulated); ${o.rate} orders/min; store ${o.db}`,
    `  console     ${url}${consoleLink}   (signs in as ${DEMO_ADMIN}; the link works once, for 15 minutes)`,
    `  admin API   ${url}/api   (header: Authorization: Bearer ${token})`,
    `  API docs    ${url}/docs`,
    `  metrics     ${url}/metrics`,
    `  try         curl -H 'Authorization: Bearer ${token}' ${url}/api/exceptions`,
    `Scripted: order #${DEMO_SCRIPT.unknownSku} has SKU ${UNKNOWN_SKU}, unknown to Odoo; #${DEMO_SCRIPT.duplicate} is delivered twice; #${DEMO_SCRIPT.late}'s update arrives before an older copy; #${DEMO_SCRIPT.cancelled} is cancelled by the customer; the warehouses ship shipment ${FLOOR_SCRIPT.split} in two cartons and shipment ${FLOOR_SCRIPT.short} short, with a backorder.`,
    'Ctrl-C stops and prints a final report.',
    '',
  ].join('\n');
}

export function finalReport(s: DemoSummary, db: string): string {
  return [
    '',
    'Final report',
    `  orders received ${s.received}, accepted ${s.accepted}, released ${s.released}, shipped ${s.shipped}, cancelled ${s.cancelled}, rejected ${s.rejected}`,
    `  open exceptions: ${
      Object.entries(s.exceptions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `Next: npm run ferry -- exceptions ls --db ${db}   (the unknown-SKU order is there; the README shows how to map it and replay)`,
  ].join('\n');
}

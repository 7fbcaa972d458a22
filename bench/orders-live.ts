/**
 * Orders into a real Odoo: N three-line Shopify orders (simulator, signed webhooks) through Ferry
 * (intake flow, real Odoo client, SQLite store) into the Odoo named by FERRY_ODOO_LIVE_URL, _DB,
 * _LOGIN and _KEY, beside the ceiling: the same number of orders for the same customers created and
 * confirmed directly in batches of 20, half before Ferry's run and half after it, so a load that
 * drifts during the run weighs on both. Products are seeded tagged FERRY-BENCH-<ts>; customers are
 * put in Odoo first (steady state). Prints one JSON line:
 * {"bench":"orders-live","odooVersion","orders","ordersPerSec","ceilingPerSec","ratio",
 *  "roundTripsPerOrder","duplicates","missing",…} with where the time went (`phases`), and, per
 * order, Ferry's and the ceiling's Odoo SQL queries (`odooQueriesPerOrder`, with --odoo-log) and
 * the orders each create carried (`ordersPerWrite`).
 *
 * npm run bench -- orders-live [--orders 300] [--products 50] [--batch B] [--concurrency C]
 *   [--odoo-pid PID] [--odoo-log FILE]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFerry } from '../src/app/index.js';
import type { OdooConnection } from '../src/connectors/odoo/connection.js';
import { EventBus } from '../src/engine/index.js';
import { DEFAULT_LANES, validateConfig } from '../src/ops/config/index.js';
import { createLogger } from '../src/ops/logging/index.js';
import {
  benchClient,
  canonical,
  liveOdooFromEnv,
  putCustomers,
  readBack,
  runCeiling,
  seedCatalogue,
  type CeilingRun,
} from './lib/liveOdoo.js';
import { benchOrder, startRemoteShop } from './lib/liveShop.js';
import { usageProbe, type PhaseUsage } from './lib/whereTime.js';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '300' },
    products: { type: 'string', default: '50' },
    'odoo-pid': { type: 'string' },
    'odoo-log': { type: 'string' },
    /** Ferry's odoo.concurrency (requests and write batches in flight); default Ferry's own. */
    concurrency: { type: 'string' },
    /** Orders per job batch of the orders lane; default Ferry's own (DEFAULT_LANES). */
    batch: { type: 'string' },
  },
});
const live = liveOdooFromEnv(process.env);
if ('missing' in live) {
  console.error(
    `orders-live: ${live.missing.join(', ')} not set; export the real Odoo to benchmark against in FERRY_ODOO_LIVE_URL, _DB, _LOGIN and _KEY (never the key on the command line)`,
  );
  process.exit(2);
}
const N = Number(args.orders);
const stamp = Date.now();
const tag = `FERRY-BENCH-${stamp}`;
const channel = `bench-${stamp}`;
const FIRST_ID = 1;
/** Orders per create and per confirm of the ceiling. */
const CEILING_BATCH = 20;

const client = benchClient(live);
const say = (msg: string) => process.stderr.write(`orders-live: ${msg}\n`);
say(`seeding ${args.products} products tagged ${tag}`);
const seeded = await seedCatalogue(client, tag, Number(args.products), 1_000_000);
const jsons = Array.from({ length: N }, (_, i) => benchOrder(FIRST_ID + i, seeded));
const orders = jsons.map((j) => canonical(j, channel));
say(`putting the customers of ${N} orders in Odoo (steady state)`);
const customers = await putCustomers(client, orders);
const ceilingOrders = orders.map((order, i) => ({
  order,
  customer: customers[i]!,
  ref: `${tag}-ceiling:${order.channelOrderId}`,
}));

const secret = `whsec_${channel}`;
const shop = await startRemoteShop({
  shopDomain: `${channel}.myshopify.com`,
  secret,
  token: `shpat_${channel}`,
  catalogue: seeded.catalogue,
  taxRate: seeded.taxRate,
});
const probe = usageProbe({
  db: live.db,
  ...(args['odoo-pid'] ? { odooPid: Number(args['odoo-pid']) } : {}),
  ...(args['odoo-log'] ? { odooLog: args['odoo-log'] } : {}),
  shopPid: () => shop.pid,
});
const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-orders-live-'));
const events = new EventBus();
const retried = new Map<string, number>();
events.on('retried', (e) => retried.set(e.error.code, (retried.get(e.error.code) ?? 0) + 1));
try {
  const config = validateConfig({
    environment: 'sandbox',
    http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 },
    odoo: {
      url: live.url,
      database: live.db,
      login: live.login,
      apiKey: 'env:FERRY_BENCH_ODOO_KEY',
      taxes: [{ rate: String(seeded.taxRate), odooTaxId: seeded.taxId }],
      ...(args.concurrency ? { concurrency: Number(args.concurrency) } : {}),
    },
    ...(args.batch
      ? {
          lanes: DEFAULT_LANES.map((l) =>
            l.name === 'orders' ? { ...l, batchSize: Number(args.batch) } : l,
          ),
        }
      : {}),
    channels: [
      {
        id: channel,
        kind: 'shopify',
        shopDomain: `${channel}.myshopify.com`,
        adminUrl: shop.url,
        webhookSecret: 'env:FERRY_BENCH_HOOK',
        accessToken: 'env:FERRY_BENCH_TOKEN',
        currencies: ['USD'],
      },
    ],
  });
  const app = await startFerry({
    db: join(dir, 'orders.db'),
    config,
    mode: 'serve',
    env: { FERRY_BENCH_ODOO_KEY: live.key, FERRY_BENCH_HOOK: secret, FERRY_BENCH_TOKEN: `shpat_${channel}` },
    logger: createLogger({ level: 'silent' }),
    events,
  });
  const ceiling: CeilingRun[] = [];
  const half = Math.ceil(N / 2);
  say(`ceiling, first half (${half} orders, batches of 20)`);
  const ceilingA = probe.start();
  ceiling.push(await runCeiling(client, ceilingOrders.slice(0, half), seeded, CEILING_BATCH));
  const usageCeilingA = ceilingA();

  await shop.target(`${app.url}/webhooks/shopify/${channel}`, 32);
  const trips0 = app.flows.odooClient!.connection.trips.total;
  const ferryCalls = watchCalls(app.flows.odooClient!.connection);
  say(`Ferry: ${N} orders through webhooks`);
  const ferryPhase = probe.start();
  const sent = shop.send(FIRST_ID, N, 3);
  const settled = await waitForOrders(app, N);
  const usageFerry = ferryPhase();
  const trips = app.flows.odooClient!.connection.trips.total - trips0;
  app.flows.odooClient!.connection.onCall = undefined;
  const { failed: undelivered } = await sent;

  say(`ceiling, second half (${N - half} orders)`);
  const ceilingB = probe.start();
  ceiling.push(await runCeiling(client, ceilingOrders.slice(half), seeded, CEILING_BATCH));
  const usageCeilingB = ceilingB();
  const exceptions = (await app.store.exceptions.listExceptions({ status: 'open', limit: 1000 })).length;
  await app.stop();

  const back = await readBack(
    client,
    orders.map((o) => `${o.channel}:${o.channelOrderId}`),
  );
  const ferryPerSec = N / settled.seconds;
  const ceilingSec = ceiling.reduce((s, c) => s + c.seconds, 0);
  const ceilingPerSec = N / ceilingSec;
  console.log(
    JSON.stringify({
      bench: 'orders-live',
      odooVersion: seeded.versionText,
      orders: N,
      ordersPerSec: r2(ferryPerSec),
      ceilingPerSec: r2(ceilingPerSec),
      ratio: r2(ferryPerSec / ceilingPerSec),
      roundTripsPerOrder: r2(trips / N),
      ordersLaneBatch: config.lanes.find((l) => l.name === 'orders')?.batchSize,
      odooConcurrency: config.odoo?.concurrency,
      duplicates: back.duplicates,
      missing: back.missing,
      ceilingPerSecBeforeAfter: ceiling.map((c) => r2(c.orders / c.seconds)),
      ordersPerWrite: { ferry: ordersPerCreate(ferryCalls), ceiling: CEILING_BATCH },
      ...cpuBound(usageFerry, [usageCeilingA, usageCeilingB], N),
      ...queriesPerOrder(usageFerry, [usageCeilingA, usageCeilingB], N),
      accepted: settled.accepted,
      rejected: settled.rejected,
      exceptions,
      undelivered,
      retried: Object.fromEntries(retried),
      tag,
      ferryCalls: Object.fromEntries(ferryCalls),
      phases: { ceilingBefore: usageCeilingA, ferry: usageFerry, ceilingAfter: usageCeilingB },
    }),
  );
} finally {
  await shop.stop();
  await client.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Odoo's and its PostgreSQL's CPU seconds per order, for Ferry and the ceiling, and the ratio they
 * imply when Odoo has the CPU to itself (CPU-bound: orders/s is inversely its CPU per order). On a
 * shared machine the measured rates also depend on how much CPU Odoo won from other processes.
 */
function cpuBound(ferry: PhaseUsage, ceilings: PhaseUsage[], n: number) {
  if (ferry.odooCpuSec === null || ferry.pgCpuSec === null) return {};
  const perOrder = (u: PhaseUsage[], orders: number) =>
    u.reduce((s, x) => s + (x.odooCpuSec ?? 0) + (x.pgCpuSec ?? 0), 0) / orders;
  const f = perOrder([ferry], n);
  const c = perOrder(ceilings, n);
  return { odooCpuSecPerOrder: { ferry: r3(f), ceiling: r3(c) }, cpuBoundRatio: r2(c / f) };
}

/**
 * Odoo's SQL queries per order in Ferry's phase and in the ceiling's, from Odoo's log. A create or
 * confirm costs a fixed part plus a part per order (real Odoo 18: 42 + 10 queries per order for
 * create, about 65 + 66 for confirm), so a call of Ferry's 25-order batches costs more queries than
 * one of the ceiling's 20 and less per order: only per-order figures compare the two.
 */
function queriesPerOrder(ferry: PhaseUsage, ceilings: PhaseUsage[], n: number) {
  if (!ferry.odooLog || ceilings.some((c) => !c.odooLog)) return {};
  const c = ceilings.reduce((s, x) => s + x.odooLog!.queries, 0);
  return { odooQueriesPerOrder: { ferry: r2(ferry.odooLog.queries / n), ceiling: r2(c / n) } };
}

/** Mean orders per `sale.order.create` in Ferry's phase. */
function ordersPerCreate(calls: Map<string, { n: number; records: number }>): number | null {
  const c = calls.get('sale.order.create');
  return c && c.n ? r2(c.records / c.n) : null;
}

/** Ferry's Odoo calls by model.method: how many, records named, seconds waited (summed over calls in flight). */
function watchCalls(
  conn: OdooConnection,
): Map<string, { n: number; records: number; sec: number; failed: number }> {
  const out = new Map<string, { n: number; records: number; sec: number; failed: number }>();
  conn.onCall = (c) => {
    const k = `${c.model}.${c.method}`;
    const s = out.get(k) ?? { n: 0, records: 0, sec: 0, failed: 0 };
    s.n += 1;
    s.records += c.records;
    s.sec = r2(s.sec + c.ms / 1000);
    if (!c.ok) s.failed += 1;
    out.set(k, s);
  };
  return out;
}

function r3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Until every order is accepted or rejected in Ferry's store, or nothing moved for 5 minutes. */
async function waitForOrders(
  app: Awaited<ReturnType<typeof startFerry>>,
  n: number,
): Promise<{ seconds: number; accepted: number; rejected: number }> {
  const t0 = performance.now();
  let last = -1;
  let lastChange = t0;
  for (;;) {
    const by = await app.store.orders.countOrdersByState();
    const total = Object.values(by).reduce((s, v) => s + v, 0);
    const rejected = by.rejected ?? 0;
    const accepted = total - rejected - (by.received ?? 0) - (by.validated ?? 0);
    const now = performance.now();
    if (accepted + rejected >= n || now - lastChange > 300_000)
      return { seconds: (now - t0) / 1000, accepted, rejected };
    if (accepted + rejected !== last) {
      last = accepted + rejected;
      lastChange = now;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

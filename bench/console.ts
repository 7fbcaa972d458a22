/**
 * `npm run bench -- console [--exceptions N] [--orders N] [--queries N] [--store sqlite|postgres|both]`:
 * the console's two big reads at scale. Seeds N parked exceptions and N orders (each with a
 * channel order id, a channel name and a tracking number, indexed by migration 0011's triggers)
 * inside the database, then times exception-queue pages (first pages under each filter, deep
 * keyset pages, text search) and order searches (exact and prefix) through the same services the
 * API uses, and the health overview over the last hour (orders and exceptions spread over 30
 * days, so the hour holds what a busy shop sends in one). Prints one line per store:
 * {"bench":"console","store":…,"exceptions":…,"orders":…,"p95Ms":…,"exceptionsP95Ms":…,"searchP95Ms":…,"overviewP95Ms":…}
 * PostgreSQL runs when FERRY_TEST_PG (or FERRY_BENCH_PG) names a server; a fresh database is made and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../src/store/index.js';
import { systemClock } from '../src/core/clock.js';
import { ExceptionQueue, type QueueQuery } from '../src/api/admin/services/exceptionQueue.js';
import { storeDb } from '../src/test-helpers/storeDb.js';
import { OverviewService } from '../src/api/admin/services/overview.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EXC = arg('exceptions', 100_000);
const ORDERS = arg('orders', 1_000_000);
const QUERIES = arg('queries', 200);
const storeArg = process.argv.includes('--store')
  ? process.argv[process.argv.indexOf('--store') + 1]
  : 'both';

/** Orders arrive over 30 days: a million is about 1,400 an hour. */
const SPREAD_MS = Math.floor((30 * 86_400_000) / Math.max(1, ORDERS));
/** The queue built up over the same 30 days, oldest first (ids keep the order of time). */
const EXC_SPREAD_MS = Math.floor((30 * 86_400_000) / Math.max(1, EXC));

const CODES = ['mapping_missing', 'rule_failed', 'partner_timeout', 'payload_invalid', 'partner_auth'];
const IMPACTS = ['blocks-shipment', 'oversell-risk', 'finance', 'info'];

/** Seeds in the database itself (a recursive CTE on SQLite, generate_series on PostgreSQL). */
async function seed(store: Store): Promise<void> {
  const now = Date.now();
  const series = (n: number) =>
    store.dialect === 'postgres'
      ? sql.raw(`select g as i from generate_series(1, ${n}) g`)
      : sql.raw(
          `with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s`,
        );
  const excAt = sql.raw(`${now} - (${EXC} - i) * cast(${EXC_SPREAD_MS} as bigint)`);
  const pick = (list: string[]) =>
    sql.raw(`(case (i % ${list.length}) ${list.map((c, k) => `when ${k} then '${c}'`).join(' ')} end)`);
  await sql`insert into jobs (lane, task, payload, run_at, max_attempts, state, ordering_key, created_at, updated_at)
    select 'orders', 'order.accept', '{"n":1}', ${sql.raw(String(now))}, 1, 'excepted', 'order:bench-' || i, ${excAt}, ${excAt}
    from (${series(EXC)}) t`.execute(storeDb(store));
  // A fresh database: job ids run 1..N, so each exception names its job by number (a join on the
  // ordering key would scan the jobs once per row).
  await sql`insert into exceptions (job_id, lane, task, code, message, impact, partner, payload, history, entities, status, created_at, updated_at)
    select i, 'orders', 'order.accept', ${pick(CODES)}, 'order bench-' || i || ': rule sku-mapping: line 1 SKU "LEGACY-' || i || '" has no Odoo product',
      ${pick(IMPACTS)}, 'odoo', '{}', '[]', '{"order":"bench-' || i || '","sku":"LEGACY-' || i || '"}',
      case when i % 10 = 0 then 'skipped' else 'open' end, ${excAt}, ${excAt}
    from (${series(EXC)}) t`.execute(storeDb(store));
  await sql`insert into orders (ref, channel, channel_order_id, state, channel_updated_at, canonical, created_at, updated_at)
    select 'shop-eu-' || (1000000 + i), 'shop-eu', '' || (5000000000 + i), 'shipped', '2026-01-01T00:00:00Z', '{}', ${sql.raw(String(now))} - i * cast(${sql.raw(String(SPREAD_MS))} as bigint), ${sql.raw(String(now))}
    from (${series(ORDERS)}) t`.execute(storeDb(store));
  for (const [prefix, value] of [
    ['shop-eu:order:', `'' || (5000000000 + i)`],
    ['shop-eu:name:#', `'' || (1000000 + i)`],
    ['tracking:1Z', `'' || (900000000 + i)`],
  ] as const)
    await sql`insert into order_refs (ref_key, order_id) select ${prefix} || ${sql.raw(value)}, i from (${series(ORDERS)}) t`.execute(
      storeDb(store),
    );
  if (store.dialect === 'postgres') await sql`analyze`.execute(storeDb(store));
  else await sql`analyze`.execute(storeDb(store));
}

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 10) / 10;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(
  store: Store,
): Promise<{ exceptionsP95Ms: number; searchP95Ms: number; overviewP95Ms: number; all: number[] }> {
  const queue = new ExceptionQueue(store, systemClock);
  const filters: QueueQuery[] = [
    { status: 'open' },
    { status: 'resolved' },
    { status: 'open', errorClass: 'mapping' },
    { status: 'open', impact: 'finance' },
    { status: 'open', code: 'partner_timeout', lane: 'orders' },
    { status: 'open', assignee: 'none' },
    { status: 'open', q: `bench-${Math.floor(EXC / 2)}` },
  ];
  const exc: number[] = [];
  for (let k = 0; k < QUERIES; k++) {
    const f = filters[k % filters.length]!;
    const first = await queue.page(f, { limit: 50 }, null);
    exc.push(await time(() => queue.page(f, { limit: 50 }, null)));
    // A deep page: the keyset cursor of a page far down the list.
    if (first.nextCursor && k % 3 === 0) {
      const deep = Buffer.from(`e:${Math.floor(Math.random() * EXC)}`).toString('base64url');
      exc.push(await time(() => queue.page(f, { cursor: deep, limit: 50 }, null)));
    }
  }
  const search: number[] = [];
  for (let k = 0; k < QUERIES; k++) {
    const i = 1 + Math.floor(Math.random() * ORDERS);
    const q = [
      `${5000000000 + i}`,
      `#${1000000 + i}`,
      `1z${900000000 + i}`,
      `shop-eu-${1000000 + i}`,
      `${5000000000 + i}`.slice(0, 8),
      `1Z9000`,
    ][k % 6]!;
    search.push(await time(() => store.orderSearch.searchOrders(q, 20)));
  }
  const overview = new OverviewService(store, systemClock, ['intake', 'orders'], () => [], undefined, {
    channels: ['shop-eu'],
    serviceLevels: [
      { flow: 'order-intake', withinMinutes: 2, targetPct: 95 },
      { flow: 'shipment', withinMinutes: 15, targetPct: 95 },
    ],
  });
  const health: number[] = [];
  for (let k = 0; k < Math.max(10, QUERIES / 10); k++) health.push(await time(() => overview.overview(60)));
  return {
    exceptionsP95Ms: p95(exc),
    searchP95Ms: p95(search),
    overviewP95Ms: p95(health),
    all: [...exc, ...search],
  };
}

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  let location: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-console-'));
    location = join(dir, 'ferry.db');
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const server = process.env.FERRY_BENCH_PG ?? process.env.FERRY_TEST_PG;
    if (!server) return;
    const name = `ferry_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    location = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const store = await openStore(location);
  try {
    const t0 = performance.now();
    await seed(store);
    const seedS = Math.round((performance.now() - t0) / 100) / 10;
    const m = await measure(store);
    console.log(
      JSON.stringify({
        bench: 'console',
        store: kind,
        exceptions: EXC,
        orders: ORDERS,
        p95Ms: p95(m.all),
        exceptionsP95Ms: m.exceptionsP95Ms,
        searchP95Ms: m.searchP95Ms,
        overviewP95Ms: m.overviewP95Ms,
        queries: m.all.length,
        seedSeconds: seedS,
      }),
    );
  } finally {
    await store.close();
    await cleanup();
  }
}

for (const kind of ['sqlite', 'postgres'] as const)
  if (storeArg === 'both' || storeArg === kind) await run(kind);

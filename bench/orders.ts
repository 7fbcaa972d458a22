/**
 * Orders from webhook to confirmed Odoo order: N Shopify orders (3 lines each) posted as signed
 * webhooks to `ferry serve` (SQLite), accepted into the Odoo simulator (0 ms latency) in batches.
 * Prints {"bench":"orders","store","orders","ordersPerSec","odooRoundTripsPerOrder"}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerry } from '../src/app/index.js';
import { validateConfig } from '../src/ops/config/index.js';
import { createLogger } from '../src/ops/logging/index.js';
import { startRemoteDistributor } from './lib/remoteDistributor.js';

const N = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-orders-'));
// The simulators run in their own process, as Odoo and Shopify do: Ferry's event loop is measured.
const dist = await startRemoteDistributor({ products: 50, stockPerProduct: 1_000_000 });
try {
  const config = validateConfig({
    ...dist.config,
    http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 },
  });
  const app = await startFerry({
    db: join(dir, 'orders.db'),
    config,
    mode: 'serve',
    env: dist.env,
    logger: createLogger({ level: 'silent' }),
  });
  await dist.call('target', { shop: 'shop-eu', url: `${app.url}/webhooks/shopify/shop-eu`, concurrency: 32 });
  await dist.call('resetCounters');
  const t0 = performance.now();
  await dist.call('send', { shop: 'shop-eu', from: 100_000, count: N, lines: 3 });
  while ((await dist.call<number>('confirmed')) < N) {
    const open = await app.store.exceptions.listExceptions({ status: 'open', limit: 1 });
    if (open.length) throw new Error(`orders bench: an order failed: ${open[0]!.message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const roundTrips = await dist.call<number>('requestCount');
  await app.stop();
  console.log(
    JSON.stringify({
      bench: 'orders',
      store: 'sqlite',
      orders: N,
      ordersPerSec: Math.round(N / seconds),
      odooRoundTripsPerOrder: Number((roundTrips / N).toFixed(3)),
    }),
  );
} finally {
  await dist.stop();
  rmSync(dir, { recursive: true, force: true });
}

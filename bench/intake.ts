/**
 * Durable webhook intake: signed Shopify order webhooks posted over loopback with several
 * connections to `ferry serve` (SQLite), each stored in the inbox with its processing job before
 * the 200. The ceiling is the same load against a bare Node HTTP server answering 200, measured in
 * the same run. Prints {"bench":"intake","store","webhooksPerSec","p50Ms","p99Ms","ceilingPerSec","ratio"}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerry } from '../src/app/index.js';
import { signShopifyWebhook } from '../src/connectors/shopify/index.js';
import { validateConfig } from '../src/ops/config/index.js';
import { createLogger } from '../src/ops/logging/index.js';
import { generateCatalogue, generateOrder } from '../src/sandbox/shopify/index.js';
import { runLoad } from './lib/runLoad.js';
import { storeDb } from '../src/test-helpers/storeDb.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-intake-'));
const secret = 'bench-secret';
const body = Buffer.from(JSON.stringify(generateOrder({ id: 1, catalogue: generateCatalogue(10, 1) })));
const headers = {
  'content-type': 'application/json',
  'x-shopify-topic': 'orders/create',
  'x-shopify-hmac-sha256': signShopifyWebhook(body, secret),
  'x-shopify-shop-domain': 'bench.myshopify.com',
  'x-shopify-triggered-at': new Date().toISOString(),
  'x-shopify-api-version': '2026-04',
};

try {
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"accepted"}'),
    );
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/webhooks/shopify/bench`;
  await runLoad(bareUrl, 2000, CONNECTIONS, body, headers, join(dir, 'body.json')); // warm-up
  const ceiling = await runLoad(bareUrl, COUNT, CONNECTIONS, body, headers, join(dir, 'body.json'));
  await new Promise((r) => bare.close(r));

  const config = validateConfig({
    http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 },
    odoo: { url: 'http://127.0.0.1:9', database: 'bench', login: 'bench', apiKey: 'env:BENCH_KEY' },
    channels: [
      {
        id: 'bench',
        kind: 'shopify',
        shopDomain: 'bench.myshopify.com',
        adminUrl: 'http://127.0.0.1:9',
        webhookSecret: 'env:BENCH_HOOK',
        accessToken: 'env:BENCH_TOKEN',
      },
    ],
  });
  // Workers serve no lane: this measures durable intake alone (stored + job enqueued, then 200).
  const app = await startFerry({
    db: join(dir, 'intake.db'),
    config,
    mode: 'serve',
    lanes: [],
    env: { BENCH_KEY: 'k', BENCH_HOOK: secret, BENCH_TOKEN: 't' },
    logger: createLogger({ level: 'silent' }),
  });
  const url = `${app.url}/webhooks/shopify/bench`;
  await runLoad(url, 2000, CONNECTIONS, body, headers, join(dir, 'body.json'));
  const cpu0 = process.cpuUsage();
  const r = await runLoad(url, COUNT, CONNECTIONS, body, headers, join(dir, 'body.json'));
  const cpu = process.cpuUsage(cpu0);
  const stored = await storeDb(app.store)
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await app.stop();
  if (r.errors > 0) console.error(`intake bench: ${r.errors} requests did not get 200`);
  if (Number(stored.n) !== COUNT + 2000)
    console.error(`intake bench: ${stored.n} messages stored, expected ${COUNT + 2000}`);
  const webhooksPerSec = Math.round(r.count / r.seconds);
  const ceilingPerSec = Math.round(ceiling.count / ceiling.seconds);
  console.log(
    JSON.stringify({
      bench: 'intake',
      store: 'sqlite',
      webhooksPerSec,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      ceilingPerSec,
      ratio: Number((webhooksPerSec / ceilingPerSec).toFixed(3)),
      // Ferry's own CPU per webhook (all its threads): steadier than a rate on a shared machine.
      cpuUsPerWebhook: Math.round((cpu.user + cpu.system) / r.count),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

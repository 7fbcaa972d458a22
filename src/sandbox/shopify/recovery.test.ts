import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ShopifyGraphqlClient,
  normaliseShopifyOrder,
  ordersUpdatedSince,
  verifyShopifyWebhook,
} from '../../connectors/shopify/index.js';
import { ShopifySimulator } from './simulator.js';
import { generateCatalogue, generateOrder } from './orderGenerator.js';

let sim: ShopifySimulator;
let client: ShopifyGraphqlClient;
let closeReceiver: () => Promise<void>;
const seenEvents = new Map<string, string>();

beforeEach(async () => {
  seenEvents.clear();
  // Enterprise restore rate (2,000 points/s): at Standard's 100 the poll of 200 orders is paced
  // to about 3 orders/s by the cost bucket, as it would be on a real Standard shop.
  sim = new ShopifySimulator({ clientSecret: 'shh', bucket: { restoreRate: 2000 } });
  await sim.start();
  // A receiver that verifies and dedupes the way the webhook route will: event id + topic.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const v = verifyShopifyWebhook({ headers: req.headers, rawBody: Buffer.concat(chunks), secret: 'shh' });
      if (v.ok)
        seenEvents.set(
          v.dedupeKey,
          normaliseShopifyOrder(Buffer.concat(chunks), { channel: 'c' }).order.channelOrderId,
        );
      res.statusCode = v.ok ? 200 : v.status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closeReceiver = () => new Promise<void>((r) => server.close(() => r()));
  sim.setWebhookTarget({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    concurrency: 8,
  });
  client = new ShopifyGraphqlClient({
    shopDomain: sim.shopDomain,
    baseUrl: sim.url,
    auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
  });
});

afterEach(async () => {
  await client.close();
  await sim.stop();
  await closeReceiver();
});

describe('lost, duplicated and reordered webhooks', () => {
  it('dedupe by event id leaves one per order, and the poll finds every order whose webhook was dropped', async () => {
    const catalogue = generateCatalogue(50);
    const deliveries = Array.from({ length: 200 }, (_, i) =>
      sim.createOrder(generateOrder({ id: i + 1, catalogue })),
    );
    const report = await sim.webhooks!.sendAll(deliveries, {
      duplicateRate: 0.3,
      outOfOrderRate: 0.1,
      dropRate: 0.05,
      seed: 42,
    });
    expect(report.dropped.length).toBeGreaterThan(0);
    expect(report.sent.every((s) => s.delivered)).toBe(true);
    const viaWebhook = new Set(seenEvents.values());
    expect(viaWebhook.size).toBe(200 - report.dropped.length);

    const polled = new Set<string>();
    let cursor = null;
    for (;;) {
      const page = await ordersUpdatedSince(client, { cursor, maxNewOrders: 80, overlapMs: 5000 });
      for (const o of page.orders)
        polled.add(normaliseShopifyOrder(o, { channel: 'c' }).order.channelOrderId);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const union = new Set([...viaWebhook, ...polled]);
    expect(union.size).toBe(200);
    for (const d of report.dropped) expect(polled.has(String((d.payload as { id: number }).id))).toBe(true);
  });
});

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyShopifyWebhook } from '../../connectors/shopify/index.js';
import { ShopifySimulator } from './simulator.js';
import { WebhookSender, planBatch } from './webhookSender.js';
import type { WebhookDelivery } from './webhookSender.js';
import { generateCatalogue, generateOrder } from './orderGenerator.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A receiver on port 0 that answers with the statuses queued in `answers` (then 200). */
async function receiver(answers: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/shopify/main`;
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return { received, url, close };
}

const catalogue = generateCatalogue(10);
let sim: ShopifySimulator;
let rx: Awaited<ReturnType<typeof receiver>>;
let sender: WebhookSender | undefined;

beforeEach(() => {
  sim = new ShopifySimulator({ clientSecret: 'app-secret' });
});
afterEach(async () => {
  await sender?.close();
  sender = undefined;
  await sim.stop();
  await rx?.close();
});

function deliveries(n: number): WebhookDelivery[] {
  return Array.from({ length: n }, (_, i) => sim.createOrder(generateOrder({ id: i + 1, catalogue })));
}

describe('WebhookSender', () => {
  it('signs with the app secret and sends the header set the connector verifies', async () => {
    rx = await receiver();
    sender = new WebhookSender({ url: rx.url, secret: sim.clientSecret, shopDomain: sim.shopDomain });
    const [d] = deliveries(1);
    const report = await sender.send(d!);
    expect(report).toMatchObject({ delivered: true, attempts: 1, lastStatus: 200 });
    const got = rx.received[0]!;
    const verified = verifyShopifyWebhook({ headers: got.headers, rawBody: got.body, secret: 'app-secret' });
    expect(verified).toMatchObject({
      ok: true,
      topic: 'orders/create',
      shopDomain: 'ferry-sim.myshopify.com',
      apiVersion: '2026-04',
      eventId: d!.eventId,
      webhookId: report.webhookId,
    });
    expect(JSON.parse(got.body.toString())).toEqual(d!.payload);
    expect(verifyShopifyWebhook({ headers: got.headers, rawBody: got.body, secret: 'wrong' }).ok).toBe(false);
  });

  it('retries on 500 with the same bytes and webhook id, then stops at the first 2xx', async () => {
    rx = await receiver([500, 503]);
    sender = new WebhookSender({ url: rx.url, secret: 's', shopDomain: sim.shopDomain, backoffMs: () => 5 });
    const report = await sender.send(deliveries(1)[0]!);
    expect(report).toMatchObject({ delivered: true, attempts: 3, lastStatus: 200 });
    expect(rx.received).toHaveLength(3);
    const [a, b, c] = rx.received;
    expect(b!.body.equals(a!.body) && c!.body.equals(a!.body)).toBe(true);
    expect(new Set(rx.received.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
    expect(sender.log.map((l) => l.status)).toEqual([500, 503, 200]);
  });

  it('gives up after maxAttempts and reports the delivery as not delivered', async () => {
    rx = await receiver([500, 500, 500, 500]);
    sender = new WebhookSender({
      url: rx.url,
      secret: 's',
      shopDomain: sim.shopDomain,
      maxAttempts: 3,
      backoffMs: () => 1,
    });
    const report = await sender.send(deliveries(1)[0]!);
    expect(report).toMatchObject({ delivered: false, attempts: 3, lastStatus: 500 });
    expect(rx.received).toHaveLength(3);
  });

  it('records a refused connection as an error attempt', async () => {
    rx = await receiver();
    const url = rx.url;
    await rx.close();
    sender = new WebhookSender({
      url,
      secret: 's',
      shopDomain: sim.shopDomain,
      maxAttempts: 2,
      backoffMs: () => 1,
    });
    expect(await sender.send(deliveries(1)[0]!)).toMatchObject({ delivered: false, lastStatus: 'error' });
    rx = await receiver();
  });

  it('duplicates (same event id, new webhook id), drops and reorders a batch by seed', async () => {
    rx = await receiver();
    sender = new WebhookSender({ url: rx.url, secret: 's', shopDomain: sim.shopDomain, concurrency: 1 });
    const batch = deliveries(100);
    const report = await sender.sendAll(batch, {
      duplicateRate: 0.3,
      dropRate: 0.05,
      outOfOrderRate: 0.1,
      seed: 7,
    });
    expect(report.dropped.length).toBeGreaterThan(0);
    expect(report.duplicated).toBeGreaterThan(10);
    expect(rx.received).toHaveLength(100 - report.dropped.length + report.duplicated);
    const events = rx.received.map((r) => r.headers['x-shopify-event-id'] as string);
    const distinct = new Set(events);
    expect(distinct.size).toBe(100 - report.dropped.length);
    for (const d of report.dropped) expect(distinct.has(d.eventId)).toBe(false);
    const webhookIds = new Set(rx.received.map((r) => r.headers['x-shopify-webhook-id']));
    expect(webhookIds.size).toBe(rx.received.length);
    const orderIds = rx.received.map((r) => (JSON.parse(r.body.toString()) as { id: number }).id);
    expect(orderIds).not.toEqual([...orderIds].sort((x, y) => x - y));
  });

  it('plans the same batch for the same seed', () => {
    const batch = deliveries(50);
    const a = planBatch(batch, { duplicateRate: 0.3, dropRate: 0.1, outOfOrderRate: 0.2, seed: 3 });
    const b = planBatch(batch, { duplicateRate: 0.3, dropRate: 0.1, outOfOrderRate: 0.2, seed: 3 });
    expect(a.queue.map((d) => d.eventId)).toEqual(b.queue.map((d) => d.eventId));
    expect(planBatch(batch, {}).queue).toEqual(batch);
  });
});

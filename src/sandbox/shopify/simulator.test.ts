import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseShopifyOrder, verifyShopifyWebhook } from '../../connectors/shopify/index.js';
import { ShopifySimulator } from './simulator.js';
import { generateCatalogue, generateOrder } from './orderGenerator.js';

const catalogue = generateCatalogue(5);
let sim: ShopifySimulator;
let now: number;

beforeEach(async () => {
  now = Date.parse('2026-03-02T08:00:00Z');
  sim = new ShopifySimulator({ clientSecret: 'secret-1', tokenLifetimeS: 60, clock: { now: () => now } });
  await sim.start();
});
afterEach(() => sim.stop());

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('ShopifySimulator HTTP surface', () => {
  it('grants client-credentials tokens (form or JSON) that expire, and refuses a wrong secret', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: 'secret-1',
    });
    const granted = await post('/admin/oauth/access_token', form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(granted).toMatchObject({ status: 200, json: { expires_in: 60 } });
    const token = granted.json.access_token as string;
    expect(sim.tokens.valid(token)).toBe(true);
    now += 61_000;
    expect(sim.tokens.valid(token)).toBe(false);
    const json = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: sim.clientId,
      client_secret: 'nope',
    });
    expect(
      await post('/admin/oauth/access_token', json, { 'content-type': 'application/json' }),
    ).toMatchObject({
      status: 400,
      json: { error: 'invalid_client' },
    });
  });

  it('answers only the pinned version, refuses bad JSON and documents outside the schema', async () => {
    const auth = { 'x-shopify-access-token': 'shpat_simulator', 'content-type': 'application/json' };
    expect((await post('/admin/api/2025-01/graphql.json', '{}', auth)).status).toBe(404);
    expect((await post('/admin/api/2026-04/graphql.json', '{"query":', auth)).status).toBe(400);
    const unknown = await post(
      '/admin/api/2026-04/graphql.json',
      JSON.stringify({ query: 'query Other { x }' }),
      auth,
    );
    expect(unknown).toMatchObject({
      status: 200,
      json: {
        errors: [
          { message: "Field 'x' doesn't exist on type 'QueryRoot'", extensions: { code: 'undefinedField' } },
        ],
      },
    });
    expect(
      (await post('/admin/api/2026-04/graphql.json', '{}', { 'content-type': 'application/json' })).status,
    ).toBe(401);
  });

  it('reports cost and throttle status on every answer', async () => {
    const auth = { 'x-shopify-access-token': 'shpat_simulator', 'content-type': 'application/json' };
    const res = await post(
      '/admin/api/2026-04/graphql.json',
      JSON.stringify({ query: 'query FerryShop { shop { name } }' }),
      auth,
    );
    expect(res.json.extensions).toEqual({
      cost: {
        requestedQueryCost: 1,
        actualQueryCost: 1,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 },
      },
    });
  });
});

describe('ShopifySimulator order events', () => {
  it('produces create, update and cancel deliveries with fresh event ids and moving updated_at', () => {
    const created = sim.createOrder(generateOrder({ id: 1, catalogue }));
    now += 5000;
    const updated = sim.updateOrder(1, { note: 'new note' });
    now += 5000;
    const cancelled = sim.cancelOrder(1, 'customer');
    expect([created.topic, updated.topic, cancelled.topic]).toEqual([
      'orders/create',
      'orders/updated',
      'orders/cancelled',
    ]);
    expect(new Set([created.eventId, updated.eventId, cancelled.eventId]).size).toBe(3);
    const versions = [created, updated, cancelled].map(
      (d) => normaliseShopifyOrder(d.payload as object, { channel: 'c' }).version,
    );
    expect(versions).toEqual([...versions].sort());
    expect(new Set(versions).size).toBe(3);
    expect(normaliseShopifyOrder(cancelled.payload as object, { channel: 'c' }).channelStatus.state).toBe(
      'cancelled',
    );
    // Deliveries are snapshots: later edits do not change an earlier payload.
    expect((created.payload as { note: unknown }).note).not.toBe('new note');
  });

  it('sends a signed orders/cancelled to the webhook target when an orderCancel job completes', async () => {
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      sim.setWebhookTarget({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wh` });
      sim.createOrder(generateOrder({ id: 2, catalogue }));
      const res = await post(
        '/admin/api/2026-04/graphql.json',
        JSON.stringify({
          query:
            'mutation FerryOrderCancel($orderId: ID!, $reason: OrderCancelReason!) { orderCancel(orderId: $orderId, reason: $reason, restock: true) { job { id } } }',
          variables: { orderId: 'gid://shopify/Order/2', reason: 'FRAUD' },
        }),
        { 'x-shopify-access-token': 'shpat_simulator', 'content-type': 'application/json' },
      );
      expect(JSON.stringify(res.json)).toContain('gid://shopify/Job/');
      // The job completes after cancelJobDelayMs; stop() then waits for the delivery in flight.
      while (sim.emitted.length === 0) await new Promise((r) => setTimeout(r, 5));
      await sim.stop();
      expect(received).toHaveLength(1);
      const v = verifyShopifyWebhook({
        headers: received[0]!.headers,
        rawBody: received[0]!.body,
        secret: 'secret-1',
      });
      expect(v).toMatchObject({ ok: true, topic: 'orders/cancelled' });
      expect(JSON.parse(received[0]!.body.toString())).toMatchObject({ id: 2, cancel_reason: 'fraud' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

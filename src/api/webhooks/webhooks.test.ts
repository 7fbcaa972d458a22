import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signShopifyWebhook } from '../../connectors/shopify/index.js';
import { signedWmsHeaders } from '../../connectors/wms-rest/index.js';
import { systemClock } from '../../core/clock.js';
import { EventBus, InboxService, LaneRegistry, Queue } from '../../engine/index.js';
import { DEFAULT_LANES } from '../../ops/config/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { FerryMetrics } from '../../ops/metrics/index.js';
import { openStore, type Store } from '../../store/index.js';
import { buildHttp } from '../server.js';
import { registerShopifyWebhooks } from './shopify.js';
import { registerWmsWebhooks } from './wms.js';

const SECRET = 'shpss_webhook_secret';
const WMS_SECRET = 'wms-hook-secret';
const LIMIT = 64 * 1024;

describe('webhook routes on bad input', () => {
  let dir: string;
  let store: Store;
  let http: FastifyInstance;
  let metrics: FerryMetrics;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-hooks-'));
    store = await openStore(join(dir, 'ferry.db'));
    const events = new EventBus();
    const queue = new Queue(store, new LaneRegistry(DEFAULT_LANES), systemClock);
    const inbox = new InboxService({ store, queue, clock: systemClock, events });
    metrics = new FerryMetrics(events, { store, clock: systemClock });
    http = buildHttp({
      store,
      workersRunning: () => true,
      bodyLimitBytes: LIMIT,
      logger: createLogger({ level: 'silent' }),
      metrics,
    });
    const eu = { id: 'eu', kind: 'shopify', shopDomain: 'eu.myshopify.com', webhookSecret: SECRET };
    registerShopifyWebhooks(http, {
      inbox,
      channels: new Map([['eu', eu]]),
      bodyLimitBytes: LIMIT,
    });
    registerWmsWebhooks(http, {
      inbox,
      clock: systemClock,
      secrets: new Map([['west', WMS_SECRET]]),
      bodyLimitBytes: LIMIT,
    });
    await http.ready();
  });
  afterAll(async () => {
    await http.close();
    metrics.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  const shopify = (body: Buffer | string, over: Record<string, string> = {}) => {
    n++;
    return http.inject({
      method: 'POST',
      url: '/webhooks/shopify/eu',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': signShopifyWebhook(body, SECRET),
        'x-shopify-shop-domain': 'eu.myshopify.com',
        'x-shopify-webhook-id': `wh-${n}`,
        'x-shopify-event-id': `ev-${n}`,
        'x-shopify-triggered-at': '2026-12-01T10:00:00Z',
        'x-shopify-api-version': '2026-04',
        ...over,
      },
    });
  };
  const wms = (body: Buffer | string, over: Record<string, string> = {}) => {
    n++;
    const ts = String(Math.floor(Date.now() / 1000));
    return http.inject({
      method: 'POST',
      url: '/webhooks/wms/west',
      payload: body,
      headers: {
        ...signedWmsHeaders(WMS_SECRET, ts, { id: `e-${n}`, type: 'shipment.shipped' }, body),
        ...over,
      },
    });
  };
  const stored = async (r: LightMyRequestResponse) => {
    const id = r.json<{ inboxId?: number }>().inboxId;
    expect(id, r.body).toBeDefined();
    return store.inbox.getInbox(id!);
  };
  const order = (id: number, note = 'gift') => JSON.stringify({ id, name: `#${id}`, note });

  it('reads the media type case-insensitively, with parameters, and refuses look-alikes', async () => {
    for (const type of [
      'application/json',
      'APPLICATION/JSON',
      'Application/Json ; charset=UTF-8',
      'application/json;charset="utf-8"',
    ])
      expect((await shopify(order(1000 + n), { 'content-type': type })).statusCode, type).toBe(200);
    for (const type of [
      'application/jsonp',
      'application/json-patch+json',
      'text/json',
      'application/json; charset=latin1',
      '',
    ])
      expect((await shopify(order(1000 + n), { 'content-type': type })).statusCode, type).toBe(415);
    const wrong = await shopify(order(1200), { 'content-type': 'application/jsonp' });
    expect(wrong.json().message).toContain('"application/jsonp" is not application/json');
    expect(await stored(wrong)).toMatchObject({ status: 'rejected' });
    expect((await wms('{"id":"e"}', { 'content-type': 'Application/JSON; charset=utf-8' })).statusCode).toBe(
      200,
    );
    expect((await wms('{"id":"e"}', { 'content-type': 'text/plain' })).statusCode).toBe(415);
  });

  it('refuses a body that is not UTF-8 with 400, naming where, and stores it with the reason', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"id": 2001, "note": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const r = await shopify(bad);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('body is not valid UTF-8 (byte 0xe9 at offset 25)');
    const row = await stored(r);
    expect(row).toMatchObject({
      status: 'rejected',
      reason: 'body is not valid UTF-8 (byte 0xe9 at offset 25)',
    });
    expect(Buffer.from(row!.body).equals(bad)).toBe(true);
    const w = await wms(Buffer.from([0x7b, 0xff, 0x7d]));
    expect(w.statusCode).toBe(400);
    expect(await stored(w)).toMatchObject({ status: 'rejected' });
    expect((await shopify(order(2002, 'café ☕'))).statusCode).toBe(200);
  });

  it('stores an oversized WMS event with the reason, and counts refusals no route saw', async () => {
    const big = JSON.stringify({ id: 'e-big', pad: 'x'.repeat(LIMIT) });
    const r = await wms(big);
    expect(r.statusCode).toBe(413);
    expect(await stored(r)).toMatchObject({
      status: 'rejected',
      source: 'wms:west',
      reason: `body larger than ${LIMIT} bytes`,
    });
    expect((await http.inject({ method: 'GET', url: '/webhooks/shopify/eu' })).statusCode).toBe(404);
    expect((await http.inject({ method: 'POST', url: `/webhooks/wms/${'w'.repeat(200)}` })).statusCode).toBe(
      414,
    );
    const text = await metrics.text();
    expect(text).toMatch(
      /ferry_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(text).toMatch(
      /ferry_http_request_duration_seconds_count\{method="POST",route="unmatched",status="414"\} 1/,
    );
    expect(text).toMatch(
      /ferry_http_request_duration_seconds_count\{method="POST",route="\/webhooks\/wms\/:warehouse",status="413"\} 1/,
    );
  });

  it("counts a request Node's parser refuses (a URL over its header limit) on a real socket", async () => {
    const url = await http.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(`POST /webhooks/shopify/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`),
      );
      let got = '';
      socket.on('data', (d) => (got += d.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1.1 431/);
    expect(await metrics.text()).toMatch(
      /ferry_http_request_duration_seconds_count\{method="unknown",route="unparsed",status="431"\} 1/,
    );
  });
});

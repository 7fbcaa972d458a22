import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { EventBus, InboxService, LaneRegistry, Queue, Worker, defineTask } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import { SecretService, parseKeyRing } from '../secrets/index.js';
import { createTracing, traceEngineEvents } from '../tracing/index.js';
import { createLogger, logEngineEvents, scrubText } from './index.js';

describe('scrubText', () => {
  it('removes e-mails, phone numbers, street addresses and credentials, and keeps ids', () => {
    const text =
      'order 5512345678901 for jane.doe+shop@example.co.uk, tel +31 6 1234 5678 / (555) 123-4567, ' +
      'ship to 221B Baker Street and Hauptstraße 12 and 1600 Pennsylvania Ave NW; ' +
      'Authorization: Bearer abcdef123456789 api_key=sk_live_42 fy_' +
      'a'.repeat(43);
    const out = scrubText(text);
    for (const leak of [
      'jane.doe',
      '1234 5678',
      '123-4567',
      'Baker',
      'Hauptstraße 12',
      'Pennsylvania',
      'abcdef123456789',
      'sk_live_42',
      'aaaaaaaaaa',
    ])
      expect(out).not.toContain(leak);
    expect(out).toContain('order 5512345678901');
    expect(out).toContain('[email]');
    expect(out).toContain('[address]');
  });
});

describeStores('logs during an end-to-end run', (fx) => {
  let store: Store;
  const lines: string[] = [];
  const email = 'maria.lopez@example.com';
  const street = '742 Evergreen Terrace';
  const phone = '+1 415 555 0199';
  let token = '';
  const secret = 'shpss_0123456789abcdef';
  let traceId = '';

  beforeAll(async () => {
    store = await fx().open();
    const log = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
    const events = new EventBus();
    const lanes = new LaneRegistry([
      { name: 'orders', pollMs: 20, maxAttempts: 2, backoff: { baseMs: 1, capMs: 5 } },
    ]);
    const queue = new Queue(store, lanes, systemClock);
    const off = logEngineEvents(events, log);
    const { tracer } = createTracing();
    const spans = traceEngineEvents(events, tracer);
    const task = defineTask({
      name: 'order.accept',
      lane: 'orders',
      handle: async (ctx) => {
        const p = ctx.payload as { customer: { email: string; address1: string; phone: string } };
        // Partners quote what they refuse; the first attempt times out, the second is refused.
        if (ctx.attempt === 1)
          throw new FerryError('partner_timeout', `Odoo timed out creating partner ${p.customer.email}`);
        throw new FerryError(
          'partner_validation',
          `Odoo refused: street "${p.customer.address1}" phone ${p.customer.phone} for ${p.customer.email} (auth Bearer ${secret})`,
          { impact: 'blocks-shipment', entities: { email: p.customer.email } },
        );
      },
    });
    const inbox = new InboxService({ store, queue, clock: systemClock, events });
    const webhook = tracer.startSpan('webhook orders/create', { parent: null });
    traceId = webhook.traceId;
    const customer = { email, address1: street, phone };
    await inbox.accept(
      {
        source: 'shopify:eu',
        kind: 'orders/create',
        headers: { 'x-shopify-hmac-sha256': secret },
        body: Buffer.from(JSON.stringify({ customer })),
        signature: 'valid',
        dedupeKey: 'log-1',
      },
      (inboxId) => ({
        lane: 'orders',
        task: 'order.accept',
        payload: { inboxId, ref: 'eu-1001', customer },
        orderingKey: 'order:eu-1001',
        trace: webhook.traceparent,
      }),
    );
    await inbox.reject(
      {
        source: 'shopify:eu',
        kind: 'orders/create',
        headers: {},
        body: Buffer.from('{}'),
        signature: 'invalid',
      },
      `bad HMAC from ${email}`,
    );
    const worker = new Worker({ store, lanes, tasks: [task], events });
    worker.start();
    await waitFor(
      async () => (await store.exceptions.listExceptions({ lane: 'orders' })).length === 1,
      'the exception',
    );
    await worker.stop(1000);
    const ring = parseKeyRing(
      JSON.stringify({ primary: 'k', keys: { k: randomBytes(32).toString('base64') } }),
      't',
    );
    const { app, services } = await adminApp(store, systemClock, {
      secrets: new SecretService(store, ring, systemClock),
    });
    token = (await services.tokens.create({ name: 'ops', role: 'admin' }, 'test')).token;
    const auth = { authorization: `Bearer ${token}` };
    await app.inject({
      method: 'PUT',
      url: '/api/secrets/SHOP_SECRET',
      headers: auth,
      payload: { value: secret },
    });
    await app.inject({ method: 'GET', url: '/api/lanes', headers: { authorization: `Bearer ${token}x` } });
    log.info({ customer: { email, phone }, shippingAddress: { street } }, `manual note about ${email}`);
    log.error({ err: new Error(`failed for ${email} at ${street}`) }, 'request failed');
    off();
    spans.stop();
    await app.close();
    log.flush();
  });
  afterAll(() => store.close());

  it('logs the failures with correlation ids', () => {
    const all = lines.map((l) => JSON.parse(l));
    const excepted = all.find((l) => l.msg.startsWith('exception:'));
    expect(excepted).toMatchObject({
      orderRef: 'eu-1001',
      inboxId: expect.any(Number),
      jobId: expect.any(Number),
      traceId,
      code: 'partner_validation',
    });
    expect(all.find((l) => l.msg.startsWith('retrying:'))).toMatchObject({ orderRef: 'eu-1001', traceId });
    expect(all.some((l) => l.msg.startsWith('message rejected'))).toBe(true);
  });

  it('contains no secret, token, e-mail, phone number or street address', () => {
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const leak of [email, 'maria.lopez', street, 'Evergreen', '555 0199', secret, token])
      expect(text, leak).not.toContain(leak);
  });
});

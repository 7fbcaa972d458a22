/**
 * Which delivery is a duplicate. Shopify's "Ignore duplicate webhooks" page (webhooks, the API
 * Ferry pins): the same X-Shopify-Event-Id on more than one webhook indicates a duplicate, and one
 * merchant action delivers one webhook per subscribed topic, all with that event id. The
 * "Verify deliveries" page that keys on the webhook id is about Events (developer preview, API
 * `unstable`), where the id names one delivery. Ferry keys on event id and topic: a redelivery of
 * a topic is a duplicate whatever webhook id it carries; two topics of one event both count.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { signShopifyWebhook } from '../../connectors/shopify/index.js';
import { EventBus, InboxService, LaneRegistry, Queue } from '../../engine/index.js';
import type { ShopifyWebhookChannel } from './shopify.js';
import type { Store } from '../../store/index.js';
import { describeStores } from '../../test-helpers/stores.js';
import { registerShopifyWebhooks } from './shopify.js';

const SECRET = 'app-secret';
const SHOP = 'ferry-dedupe.myshopify.com';

describeStores('Shopify webhook dedupe', (fx) => {
  let store: Store;
  const app = Fastify();

  beforeAll(async () => {
    store = await fx().open();
    const lanes = new LaneRegistry([{ name: 'intake', pollMs: 20 }]);
    const inbox = new InboxService({
      store,
      queue: new Queue(store, lanes, systemClock),
      clock: systemClock,
      events: new EventBus(),
    });
    const channel = {
      id: 'eu',
      kind: 'shopify',
      shopDomain: SHOP,
      webhookSecret: SECRET,
    } as ShopifyWebhookChannel;
    registerShopifyWebhooks(app, { inbox, channels: new Map([['eu', channel]]), bodyLimitBytes: 1_000_000 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store?.close();
  });

  const body = JSON.stringify({ id: 4711, name: '#4711', updated_at: '2026-03-02T10:00:00Z' });
  const deliver = async (topic: string, eventId: string, webhookId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/shopify/eu',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': signShopifyWebhook(body, SECRET),
        'x-shopify-shop-domain': SHOP,
        'x-shopify-api-version': '2026-04',
        'x-shopify-webhook-id': webhookId,
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': '2026-03-02T10:00:00Z',
      },
    });
    return res.json<{ status: string }>().status;
  };

  it('counts a redelivery of one event and topic as a duplicate, with the same or a new webhook id', async () => {
    expect(await deliver('orders/updated', 'ev-1', 'wh-1')).toBe('accepted');
    expect(await deliver('orders/updated', 'ev-1', 'wh-1')).toBe('duplicate');
    expect(await deliver('orders/updated', 'ev-1', 'wh-1-retry')).toBe('duplicate');
  });

  it('processes two topics of the same event, each once', async () => {
    expect(await deliver('orders/paid', 'ev-2', 'wh-2a')).toBe('accepted');
    expect(await deliver('orders/updated', 'ev-2', 'wh-2b')).toBe('accepted');
    expect(await deliver('orders/paid', 'ev-2', 'wh-2a')).toBe('duplicate');
  });
});

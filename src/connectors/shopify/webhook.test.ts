import { describe, expect, it } from 'vitest';
import { signShopifyWebhook, verifyShopifyWebhook } from './webhook.js';
import { classifyShopifyTopic, isHandledShopifyTopic } from './topics.js';

const SECRET = 'test_secret_key';
const body = Buffer.from('{"id":1,"name":"#1001"}');

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'X-Shopify-Topic': 'orders/create',
    'X-Shopify-Hmac-Sha256': signShopifyWebhook(body, SECRET),
    'X-Shopify-Shop-Domain': 'ferry-test.myshopify.com',
    'X-Shopify-API-Version': '2026-04',
    'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'X-Shopify-Event-Id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'X-Shopify-Triggered-At': '2026-03-01T10:00:00.123456789-05:00',
    ...overrides,
  };
}

describe('verifyShopifyWebhook', () => {
  it('matches the PROTOCOLS.md §1.2 test vector from shopify-app-js', () => {
    const raw = Buffer.from('{"foo": "bar"}');
    expect(signShopifyWebhook(raw, 'test_secret_key')).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=');
    const result = verifyShopifyWebhook({
      headers: headers({ 'X-Shopify-Hmac-Sha256': 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=' }),
      rawBody: raw,
      secret: 'test_secret_key',
    });
    expect(result.ok).toBe(true);
  });

  it('returns the typed delivery with a dedupe key of event id and topic, times in UTC', () => {
    const result = verifyShopifyWebhook({ headers: headers(), rawBody: body, secret: SECRET });
    expect(result).toEqual({
      ok: true,
      topic: 'orders/create',
      shopDomain: 'ferry-test.myshopify.com',
      eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
      webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      triggeredAt: '2026-03-01T15:00:00.123Z',
      apiVersion: '2026-04',
      apiVersionMismatch: false,
      dedupeKey: '98880550-7158-44d4-b7cd-2c97c8a091b5:orders/create',
    });
  });

  it('reads lower-case (HTTP/2) and array-valued headers', () => {
    const lower = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k.toLowerCase(), [v!]]));
    expect(verifyShopifyWebhook({ headers: lower, rawBody: body, secret: SECRET }).ok).toBe(true);
  });

  it('rejects a signature made with another secret with 401', () => {
    const result = verifyShopifyWebhook({ headers: headers(), rawBody: body, secret: 'other' });
    expect(result).toEqual({ ok: false, status: 401, reason: expect.stringContaining('bad signature') });
  });

  it('rejects a body changed by one byte, including re-serialised JSON', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    for (const raw of [Buffer.from('{"id":2,"name":"#1001"}'), reserialised]) {
      const result = verifyShopifyWebhook({ headers: headers(), rawBody: raw, secret: SECRET });
      expect(result.ok ? 0 : result.status).toBe(401);
    }
  });

  it('rejects a missing or garbage signature with 401 before looking at other headers', () => {
    const noSig = verifyShopifyWebhook({
      headers: headers({ 'X-Shopify-Hmac-Sha256': undefined, 'X-Shopify-Topic': undefined }),
      rawBody: body,
      secret: SECRET,
    });
    expect(noSig).toEqual({ ok: false, status: 401, reason: 'missing header X-Shopify-Hmac-Sha256' });
    const garbage = verifyShopifyWebhook({
      headers: headers({ 'X-Shopify-Hmac-Sha256': 'not base64 at all!' }),
      rawBody: body,
      secret: SECRET,
    });
    expect(garbage.ok ? 0 : garbage.status).toBe(401);
  });

  it('decodes the signature strictly: trailing junk, inner whitespace, base64url or missing padding are refused', () => {
    const good = signShopifyWebhook(body, SECRET);
    const url = good.replace(/\+/g, '-').replace(/\//g, '_');
    const variants = [
      `${good}junk`,
      `${good}==`,
      `${good.slice(0, 20)} ${good.slice(20)}`,
      `${good.slice(0, 20)}\t${good.slice(20)}`,
      good.slice(0, -1),
    ];
    // base64url differs from base64 only where the digest has + or /; make sure one does.
    const urlBody = Buffer.from('{"id":3}');
    const urlSig = signShopifyWebhook(urlBody, SECRET);
    expect(urlSig).toMatch(/[+/]/);
    const refused = (sig: string, raw = body) =>
      verifyShopifyWebhook({
        headers: headers({ 'X-Shopify-Hmac-Sha256': sig }),
        rawBody: raw,
        secret: SECRET,
      });
    for (const sig of variants)
      expect(refused(sig), JSON.stringify(sig)).toMatchObject({ ok: false, status: 401 });
    expect(refused(urlSig.replace(/\+/g, '-').replace(/\//g, '_'), urlBody)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(refused(urlSig, urlBody).ok).toBe(true);
    expect(url === good || refused(url).ok === false).toBe(true);
  });

  it('refuses to verify with an empty secret', () => {
    const h = headers({ 'X-Shopify-Hmac-Sha256': signShopifyWebhook(body, '') });
    const result = verifyShopifyWebhook({ headers: h, rawBody: body, secret: '' });
    expect(result.ok ? 0 : result.status).toBe(401);
  });

  it('accepts any secret of a rotation set', () => {
    const result = verifyShopifyWebhook({ headers: headers(), rawBody: body, secret: ['new', SECRET] });
    expect(result.ok).toBe(true);
  });

  it('names every missing required header with 400', () => {
    const result = verifyShopifyWebhook({
      headers: headers({ 'X-Shopify-Event-Id': undefined, 'X-Shopify-API-Version': '' }),
      rawBody: body,
      secret: SECRET,
    });
    expect(result).toEqual({
      ok: false,
      status: 400,
      reason: 'missing header X-Shopify-API-Version, X-Shopify-Event-Id',
    });
  });

  it.each([
    ['X-Shopify-Triggered-At', 'yesterday', 'malformed header X-Shopify-Triggered-At'],
    ['X-Shopify-Shop-Domain', 'evil.example.com', 'malformed header X-Shopify-Shop-Domain'],
    ['X-Shopify-Topic', 'ORDERS_CREATE', 'malformed header X-Shopify-Topic'],
  ])('rejects a malformed %s with 400', (name, value, reason) => {
    const result = verifyShopifyWebhook({
      headers: headers({ [name]: value }),
      rawBody: body,
      secret: SECRET,
    });
    expect(result).toEqual({ ok: false, status: 400, reason: expect.stringContaining(reason) });
  });

  it('rejects a signed empty body with 400', () => {
    const empty = Buffer.alloc(0);
    const h = headers({ 'X-Shopify-Hmac-Sha256': signShopifyWebhook(empty, SECRET) });
    expect(verifyShopifyWebhook({ headers: h, rawBody: empty, secret: SECRET })).toEqual({
      ok: false,
      status: 400,
      reason: 'empty body',
    });
  });

  it('flags a payload serialised in another API version than the pinned one', () => {
    const h = headers({ 'X-Shopify-API-Version': '2025-10' });
    const result = verifyShopifyWebhook({
      headers: h,
      rawBody: body,
      secret: SECRET,
      expectedApiVersion: '2026-04',
    });
    expect(result.ok && result.apiVersionMismatch).toBe(true);
  });
});

describe('classifyShopifyTopic', () => {
  it('separates handled, stored-for-later and unknown topics', () => {
    expect(classifyShopifyTopic('orders/create')).toBe('handled');
    expect(classifyShopifyTopic('orders/updated')).toBe('handled');
    expect(classifyShopifyTopic('orders/cancelled')).toBe('handled');
    expect(classifyShopifyTopic('refunds/create')).toBe('stored');
    expect(classifyShopifyTopic('inventory_levels/update')).toBe('stored');
    expect(classifyShopifyTopic('products/create')).toBe('unknown');
    expect(isHandledShopifyTopic('orders/paid')).toBe(false);
  });
});

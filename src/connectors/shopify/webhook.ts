/**
 * Shopify webhook authentication and header contract (PROTOCOLS.md §1.2).
 *
 * Pure: the HTTP route hands over the raw bytes and headers; nothing here parses the body, because
 * the HMAC covers the exact bytes Shopify sent and any re-serialisation breaks it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names as Shopify sends them; lookups are case-insensitive (HTTP/2 lowercases them). */
export const ShopifyHeader = {
  topic: 'x-shopify-topic',
  hmac: 'x-shopify-hmac-sha256',
  shopDomain: 'x-shopify-shop-domain',
  apiVersion: 'x-shopify-api-version',
  webhookId: 'x-shopify-webhook-id',
  eventId: 'x-shopify-event-id',
  triggeredAt: 'x-shopify-triggered-at',
} as const;

/** Headers as Node's `IncomingHttpHeaders`, fastify's `request.headers` or a plain record. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyShopifyWebhookInput {
  headers: HeaderBag;
  /** The request body exactly as received, before any parsing. */
  rawBody: Buffer | Uint8Array;
  /**
   * The app's client secret. Several secrets are accepted during a rotation window: the delivery
   * is authentic if any of them produced the signature.
   */
  secret: string | readonly string[];
  /** The API version the subscription is pinned to; a different `X-Shopify-API-Version` is flagged. */
  expectedApiVersion?: string;
}

export interface VerifiedShopifyWebhook {
  ok: true;
  topic: string;
  shopDomain: string;
  eventId: string;
  webhookId: string;
  /** UTC ISO-8601. */
  triggeredAt: string;
  apiVersion: string;
  /** True when `expectedApiVersion` was given and the payload was serialised in another version. */
  apiVersionMismatch: boolean;
  /**
   * `${eventId}:${topic}`. shopify.dev "Ignore duplicate webhooks": the same X-Shopify-Event-Id on
   * more than one webhook indicates a duplicate, and one action delivers one webhook per topic with
   * that event id; so event id + topic is one delivery's content, whatever X-Shopify-Webhook-Id a
   * retry carries (the page keying on the webhook id, "Verify deliveries", is about Events, a
   * developer preview on `unstable`).
   */
  dedupeKey: string;
}

export interface RejectedShopifyWebhook {
  ok: false;
  /** 401 when the signature is missing or wrong, 400 when the delivery is malformed. */
  status: 400 | 401;
  /** Names the problem (`bad signature`, `missing header X-Shopify-Event-Id`, ...). */
  reason: string;
}

export type ShopifyWebhookVerification = VerifiedShopifyWebhook | RejectedShopifyWebhook;

/** base64(HMAC-SHA256(secret, rawBody)), the value Shopify puts in `X-Shopify-Hmac-Sha256`. */
export function signShopifyWebhook(rawBody: Buffer | Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Verifies one webhook delivery: signature first (constant-time, over the raw bytes), then the
 * body and the required headers. Nothing from an unauthenticated request is trusted, so a missing
 * or wrong signature is reported before any other problem.
 */
export function verifyShopifyWebhook(input: VerifyShopifyWebhookInput): ShopifyWebhookVerification {
  const h = headerReader(input.headers);
  const signature = h.get(ShopifyHeader.hmac);
  if (signature === undefined || signature === '') {
    return reject(401, 'missing header X-Shopify-Hmac-Sha256');
  }
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  if (secrets.length === 0 || secrets.some((s) => s === '')) {
    // An empty key would make anyone able to sign; refuse rather than accept.
    return reject(401, 'no webhook secret configured for this channel');
  }
  if (!secrets.some((s) => signatureMatches(signature, input.rawBody, s))) {
    return reject(401, 'bad signature: X-Shopify-Hmac-Sha256 does not match the body');
  }
  if (input.rawBody.length === 0) return reject(400, 'empty body');
  return checkHeaders(h, input.expectedApiVersion);
}

const REQUIRED = ['topic', 'shopDomain', 'apiVersion', 'webhookId', 'eventId', 'triggeredAt'] as const;

function checkHeaders(h: HeaderReader, expectedApiVersion: string | undefined): ShopifyWebhookVerification {
  const topic = h.get(ShopifyHeader.topic);
  const shopHeader = h.get(ShopifyHeader.shopDomain);
  const apiVersion = h.get(ShopifyHeader.apiVersion);
  const webhookId = h.get(ShopifyHeader.webhookId);
  const eventId = h.get(ShopifyHeader.eventId);
  const triggeredRaw = h.get(ShopifyHeader.triggeredAt);
  if (!topic || !shopHeader || !apiVersion || !webhookId || !eventId || !triggeredRaw) {
    const missing = REQUIRED.filter((k) => !h.get(ShopifyHeader[k]));
    return reject(400, `missing header ${missing.map((k) => displayName(ShopifyHeader[k])).join(', ')}`);
  }
  const shopDomain = shopHeader.toLowerCase();
  if (!TOPIC.test(topic)) {
    return reject(400, `malformed header X-Shopify-Topic: "${topic}"`);
  }
  if (!SHOP_DOMAIN.test(shopDomain)) {
    return reject(400, `malformed header X-Shopify-Shop-Domain: "${shopDomain}"`);
  }
  const triggeredMs = Date.parse(triggeredRaw);
  if (Number.isNaN(triggeredMs)) {
    return reject(400, `malformed header X-Shopify-Triggered-At: "${triggeredRaw}"`);
  }
  return {
    ok: true,
    topic,
    shopDomain,
    eventId,
    webhookId,
    triggeredAt: new Date(triggeredMs).toISOString(),
    apiVersion,
    apiVersionMismatch: expectedApiVersion !== undefined && expectedApiVersion !== apiVersion,
    dedupeKey: `${eventId}:${topic}`,
  };
}

/** `orders/create`, `orders/partially_fulfilled`, `app/uninstalled`: lower-case words and slashes. */
const TOPIC = /^[a-z0-9]+(?:_[a-z0-9]+)*(?:\/[a-z0-9_]+)+$/;

/** `shop.myshopify.com`; Shopify store handles are lowercase letters, digits and hyphens. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Standard base64 of 32 bytes, padded: what Shopify sends. Node's base64 decoder skips whitespace
 * and characters outside the alphabet, reads base64url, and stops at junk after the padding, so
 * without this check many different header values all passed as the same signature.
 */
const HMAC_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

function signatureMatches(signature: string, rawBody: Buffer | Uint8Array, secret: string): boolean {
  if (!HMAC_BASE64.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  // Length differs only for garbage headers; timingSafeEqual throws on unequal lengths.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface HeaderReader {
  get(lowerName: string): string | undefined;
}

/**
 * Case-insensitive header lookup, first value of a repeated header, trimmed. Node hands headers over
 * with lower-case names, so each is looked up directly; a bag with other spellings (a plain record)
 * is lower-cased once, on the first miss.
 */
function headerReader(headers: HeaderBag): HeaderReader {
  let lowered: Map<string, string> | undefined;
  return {
    get(name) {
      const v = headers[name];
      const value = typeof v === 'string' ? v : v?.[0];
      if (value !== undefined) return value.trim();
      lowered ??= lowerCaseHeaders(headers);
      return lowered.get(name);
    },
  };
}

function lowerCaseHeaders(headers: HeaderBag): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = typeof v === 'string' ? v : v[0];
    if (value !== undefined) out.set(k.toLowerCase(), value.trim());
  }
  return out;
}

function displayName(lower: string): string {
  return lower
    .split('-')
    .map((p) => (p === 'api' ? 'API' : p === 'sha256' ? 'Sha256' : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('-');
}

function reject(status: 400 | 401, reason: string): RejectedShopifyWebhook {
  return { ok: false, status, reason };
}

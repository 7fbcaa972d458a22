/**
 * Shopify's mandatory compliance webhooks (shopify.dev, "Privacy law compliance"): every app must
 * handle customers/data_request, customers/redact and shop/redact. Payloads, as documented:
 *
 *   customers/data_request: {shop_id, shop_domain, orders_requested: [id], customer: {id, email, phone}, data_request: {id}}
 *   customers/redact:       {shop_id, shop_domain, customer: {id, email, phone}, orders_to_redact: [id]}
 *   shop/redact:            {shop_id, shop_domain}   (48 hours after the shop uninstalled the app)
 */
import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import type { PrivacyRequest } from '../../core/privacy.js';

/** Where privacy requests are processed: the maintenance lane every Ferry process serves. */
export const PRIVACY_LANE = 'maintenance';
export const PRIVACY_TASK = 'privacy.shopify';

export const PRIVACY_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;
export type PrivacyTopic = (typeof PRIVACY_TOPICS)[number];

export function isShopifyPrivacyTopic(topic: string): topic is PrivacyTopic {
  return (PRIVACY_TOPICS as readonly string[]).includes(topic);
}

const Id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const Customer = z.object({
  id: Id.optional(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});
const Shop = { shop_id: Id, shop_domain: z.string().min(1) };
const Payloads = {
  'customers/data_request': z.object({
    ...Shop,
    customer: Customer,
    orders_requested: z.array(Id).default([]),
    data_request: z.object({ id: Id }).optional(),
  }),
  'customers/redact': z.object({ ...Shop, customer: Customer, orders_to_redact: z.array(Id).default([]) }),
  'shop/redact': z.object(Shop),
};

/** Validates a compliance webhook's body and turns it into Ferry's privacy request. */
export function parseShopifyPrivacyRequest(
  topic: string,
  body: Buffer,
  at: { channel: string; inboxId: number; receivedAt: number },
): PrivacyRequest {
  if (!isShopifyPrivacyTopic(topic)) throw new FerryError('bad_request', `"${topic}" is not a privacy topic`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw new FerryError('payload_invalid', `${topic} body is not JSON: ${(e as Error).message}`);
  }
  const base = {
    channel: at.channel,
    source: `shopify:${at.channel}`,
    inboxId: at.inboxId,
    receivedAt: at.receivedAt,
  };
  const fail = (error: z.ZodError): never => {
    const issues = error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new FerryError('payload_invalid', `${topic} payload: ${issues}`);
  };
  if (topic === 'shop/redact') {
    const p = Payloads[topic].safeParse(json);
    if (!p.success) fail(p.error);
    return { ...base, kind: 'shop_redact' };
  }
  const p = Payloads[topic].safeParse(json);
  if (!p.success) return fail(p.error);
  const c = p.data.customer;
  const orderIds = 'orders_requested' in p.data ? p.data.orders_requested : p.data.orders_to_redact;
  return {
    ...base,
    kind: topic === 'customers/data_request' ? 'data_request' : 'customer_redact',
    subject: {
      ...(c.id ? { customerId: c.id } : {}),
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      orderIds,
    },
  };
}

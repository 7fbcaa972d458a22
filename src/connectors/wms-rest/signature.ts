/**
 * Webhook signatures of the JSON WMS: base64 HMAC-SHA256 of `<timestamp>.<raw body>`. The
 * timestamp is signed too, so a captured delivery cannot be replayed after the tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WMS_HEADERS } from './wire.js';

/** Signs a body as the WMS does (also used by the simulator). */
export function signWmsBody(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('base64');
}

/** The headers of one signed webhook delivery of `event` (the WMS's, and the simulator's). */
export function signedWmsHeaders(
  secret: string,
  timestamp: string,
  event: { id: string; type: string },
  body: Buffer | string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    [WMS_HEADERS.eventId]: event.id,
    [WMS_HEADERS.timestamp]: timestamp,
    [WMS_HEADERS.topic]: event.type,
    [WMS_HEADERS.signature]: signWmsBody(secret, timestamp, body),
  };
}

export type WmsVerifyResult =
  { ok: true; eventId: string; topic: string } | { ok: false; status: 400 | 401; reason: string };

/** Checks headers, timestamp (± `toleranceMs`, default 5 min) and signature over the raw bytes. */
export function verifyWmsWebhook(input: {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  secret: string;
  nowMs: number;
  toleranceMs?: number;
}): WmsVerifyResult {
  const h = (name: string): string | undefined => {
    const v = input.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const eventId = h(WMS_HEADERS.eventId);
  const timestamp = h(WMS_HEADERS.timestamp);
  const signature = h(WMS_HEADERS.signature);
  if (!eventId || !timestamp || !signature)
    return { ok: false, status: 400, reason: 'missing event id, timestamp or signature header' };
  const ts = Number(timestamp) * 1000;
  if (!Number.isFinite(ts) || Math.abs(input.nowMs - ts) > (input.toleranceMs ?? 300_000))
    return { ok: false, status: 401, reason: `timestamp ${timestamp} is outside the allowed window` };
  const expected = Buffer.from(signWmsBody(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, status: 401, reason: 'signature does not match the body' };
  return { ok: true, eventId, topic: h(WMS_HEADERS.topic) ?? 'unknown' };
}

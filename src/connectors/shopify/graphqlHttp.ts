/**
 * One HTTP exchange with a shop over its own undici Agent, with transport failures classified
 * at the boundary (STYLE.md rule 3): timeouts → partner_timeout, connection failures →
 * partner_unavailable. Status codes are the caller's to interpret.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { FerryError } from '../../core/errors.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or `undefined` when the body was empty or not JSON. */
  json: unknown;
  text: string;
}

export interface PostOptions {
  dispatcher: Dispatcher;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  partner: string;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** POSTs and reads the whole answer; throws a classified FerryError when no answer arrives. */
export async function post(options: PostOptions): Promise<HttpAnswer> {
  try {
    const res = await request(options.url, {
      method: 'POST',
      dispatcher: options.dispatcher,
      headers: options.headers,
      body: options.body,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, json: parseJson(text), text };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      // For a mutation the outcome is unknown: the caller retries with the same idempotency key.
      return Promise.reject(
        new FerryError('partner_timeout', `Shopify did not answer within ${options.timeoutMs} ms`, {
          partner: options.partner,
          cause: e,
        }),
      );
    }
    const message = e instanceof Error ? e.message : String(e);
    return Promise.reject(
      new FerryError('partner_unavailable', `Shopify unreachable: ${message}`, {
        partner: options.partner,
        cause: e,
      }),
    );
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in milliseconds: seconds, possibly fractional (PROTOCOLS.md §1.5), or an HTTP date. */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

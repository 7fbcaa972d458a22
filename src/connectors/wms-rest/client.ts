/**
 * HTTP client of the JSON WMS (undici, one Agent per warehouse). Failures are classified here:
 * 429 and 5xx and network errors are retryable, 401/403 are credentials, other 4xx are refusals.
 */
import { Agent, request } from 'undici';
import { FerryError } from '../../core/errors.js';
import type { WmsEvent, WmsOrder, WmsOrderInput } from './wire.js';
import { WmsEvent as WmsEventSchema, WmsEventPage, WmsOrder as WmsOrderSchema } from './wire.js';

/** Options of the WMS client. */
export interface WmsClientOptions {
  /** Ferry's id of the warehouse, stamped on errors as `wms:<id>`. */
  readonly warehouse: string;
  /** Base URL, e.g. https://wms.example.com. */
  readonly baseUrl: string;
  /** Bearer token. */
  readonly token?: string;
  /** Per-request timeout in ms; default 15000. */
  readonly timeoutMs?: number;
}

/** One page of events after a cursor. */
export interface WmsEventList {
  readonly events: WmsEvent[];
  /** Raw events that failed validation, kept for the exception queue. */
  readonly invalid: { readonly raw: unknown; readonly message: string }[];
  readonly nextCursor: string | null;
}

export class WmsClient {
  readonly partner: string;
  readonly #agent: Agent;

  constructor(private readonly o: WmsClientOptions) {
    this.partner = `wms:${o.warehouse}`;
    const timeout = o.timeoutMs ?? 15_000;
    this.#agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connections: 8 });
  }

  /** Creates the order; a second call with the same reference returns the first order (200, not 201). */
  async createOrder(order: WmsOrderInput): Promise<{ order: WmsOrder; created: boolean }> {
    const { status, body } = await this.#call('POST', '/v1/orders', order, order.reference);
    return { order: WmsOrderSchema.parse(body), created: status === 201 };
  }

  /** Cancels the order; cancelling a cancelled order is a success. Shipped orders answer 409. */
  async cancelOrder(reference: string, reason?: string): Promise<WmsOrder> {
    const path = `/v1/orders/${encodeURIComponent(reference)}/cancel`;
    const { body } = await this.#call('POST', path, { reason: reason ?? null });
    return WmsOrderSchema.parse(body);
  }

  /** Events after `cursor` (the polling fallback when webhooks are lost). */
  async listEvents(cursor: string | null, limit = 100): Promise<WmsEventList> {
    const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { after: cursor } : {}) });
    const { body } = await this.#call('GET', `/v1/events?${q.toString()}`);
    const page = WmsEventPage.parse(body);
    const events: WmsEvent[] = [];
    const invalid: { raw: unknown; message: string }[] = [];
    for (const raw of page.events) {
      const r = WmsEventSchema.safeParse(raw);
      if (r.success) events.push(r.data);
      else invalid.push({ raw, message: r.error.message });
    }
    return { events, invalid, nextCursor: page.next_cursor };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    json?: unknown,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: unknown }> {
    let res;
    try {
      res = await request(new URL(path, this.o.baseUrl), {
        method,
        dispatcher: this.#agent,
        headers: {
          accept: 'application/json',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    } catch (e) {
      throw classifyNetworkError(e, this.partner);
    }
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : null };
    }
    throw classifyStatus(res.statusCode, text, this.partner, res.headers['retry-after']);
  }
}

/** A WMS answer outside 2xx as a FerryError. */
export function classifyStatus(
  status: number,
  text: string,
  partner: string,
  retryAfter?: string | string[],
): FerryError {
  const message = `WMS answered ${status}: ${text.slice(0, 300)}`;
  const options = { partner, details: { status } };
  if (status === 429) {
    const s = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    return new FerryError('partner_rate_limited', message, {
      ...options,
      ...(Number.isFinite(s) ? { retryAfterMs: s * 1000 } : {}),
    });
  }
  if (status >= 500) return new FerryError('partner_unavailable', message, options);
  if (status === 401) return new FerryError('partner_auth', message, options);
  if (status === 403) return new FerryError('partner_access', message, options);
  if (status === 404) return new FerryError('partner_missing_record', message, options);
  if (status === 409) return new FerryError('partner_validation', message, { ...options, retryable: false });
  return new FerryError('partner_validation', message, options);
}

function classifyNetworkError(e: unknown, partner: string): FerryError {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (/TIMEOUT/i.test(code))
    return new FerryError('partner_timeout', `WMS timed out: ${message}`, { partner, cause: e });
  return new FerryError('partner_unavailable', `WMS unreachable: ${message}`, {
    partner,
    cause: e,
    details: { code },
  });
}

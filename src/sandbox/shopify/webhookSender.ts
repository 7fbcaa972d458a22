/**
 * Sends webhooks the way Shopify does (PROTOCOLS.md §1.2, §7 item 1): the real header set, an HMAC
 * over the exact bytes with the app secret, retries on non-2xx with backoff (Shopify: 8 retries
 * over 4 hours; here a knob), plus the faults a receiver must survive: duplicate deliveries of one
 * event, out-of-order deliveries, and deliveries that never arrive.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { seededRng } from './rng.js';

export interface WebhookDelivery {
  topic: string;
  payload: unknown;
  /** Shared by every delivery of the same merchant action: the receiver's dedupe key. */
  eventId: string;
  /** UTC ISO-8601. */
  triggeredAt: string;
}

export interface WebhookSenderOptions {
  url: string;
  /** The app's client secret; deliveries are signed with it. */
  secret: string;
  shopDomain: string;
  /** Default 2026-04. */
  apiVersion?: string;
  /** Attempts per delivery including the first; default 9 (Shopify: the first plus 8 retries). */
  maxAttempts?: number;
  /** Wait before retry `n` (1-based), ms; default 10·2^(n−1) capped at 1 s (Shopify spreads 4 h). */
  backoffMs?: (retry: number) => number;
  /** Per attempt; default 5 s, Shopify's total timeout. */
  timeoutMs?: number;
  /** Parallel deliveries in `sendAll`; default 4. */
  concurrency?: number;
}

export interface AttemptRecord {
  eventId: string;
  webhookId: string;
  topic: string;
  attempt: number;
  /** HTTP status, or `error` when no answer came. */
  status: number | 'error';
}

export interface SendReport {
  eventId: string;
  webhookId: string;
  topic: string;
  delivered: boolean;
  attempts: number;
  lastStatus: number | 'error';
}

export interface SendAllOptions {
  /** Fraction of deliveries sent twice (same event id, new webhook id); default 0. */
  duplicateRate?: number;
  /** Fraction moved to a random later position; default 0. */
  outOfOrderRate?: number;
  /** Fraction never sent (only the poll can find them); default 0. */
  dropRate?: number;
  /** Default 1. */
  seed?: number;
}

export interface BatchReport {
  sent: SendReport[];
  /** Deliveries that were never attempted. */
  dropped: WebhookDelivery[];
  duplicated: number;
  reordered: number;
}

export class WebhookSender {
  /** Every attempt, in the order they were answered. */
  readonly log: AttemptRecord[] = [];
  private readonly agent: Agent;
  private readonly o: Required<WebhookSenderOptions>;

  constructor(options: WebhookSenderOptions) {
    this.o = {
      apiVersion: '2026-04',
      maxAttempts: 9,
      backoffMs: (n) => Math.min(1000, 10 * 2 ** (n - 1)),
      timeoutMs: 5000,
      concurrency: 4,
      ...options,
    };
    this.agent = new Agent({ connections: this.o.concurrency });
  }

  /** The headers and body of one delivery attempt, exactly as sent. */
  build(
    d: WebhookDelivery,
    webhookId: string,
    secret = this.o.secret,
  ): { headers: Record<string, string>; body: string } {
    const body = JSON.stringify(d.payload);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Shopify-Captain-Hook',
        'x-shopify-topic': d.topic,
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
        'x-shopify-shop-domain': this.o.shopDomain,
        'x-shopify-api-version': this.o.apiVersion,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-event-id': d.eventId,
        'x-shopify-triggered-at': d.triggeredAt,
      },
    };
  }

  /** Delivers once, retrying on non-2xx or no answer up to `maxAttempts`; the same bytes every time. */
  async send(d: WebhookDelivery, webhookId: string = randomUUID()): Promise<SendReport> {
    const { headers, body } = this.build(d, webhookId);
    let status: number | 'error' = 'error';
    for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
      if (attempt > 1) await delay(this.o.backoffMs(attempt - 1));
      status = await this.attempt(headers, body);
      this.log.push({ eventId: d.eventId, webhookId, topic: d.topic, attempt, status });
      if (typeof status === 'number' && status >= 200 && status < 300) {
        return {
          eventId: d.eventId,
          webhookId,
          topic: d.topic,
          delivered: true,
          attempts: attempt,
          lastStatus: status,
        };
      }
    }
    return {
      eventId: d.eventId,
      webhookId,
      topic: d.topic,
      delivered: false,
      attempts: this.o.maxAttempts,
      lastStatus: status,
    };
  }

  /** Delivers a batch with duplicates, reordering and drops chosen by a seeded generator. */
  async sendAll(deliveries: readonly WebhookDelivery[], options: SendAllOptions = {}): Promise<BatchReport> {
    const plan = planBatch(deliveries, options);
    const sent: SendReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < plan.queue.length) {
        const d = plan.queue[next++]!;
        sent.push(await this.send(d));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency) }, worker));
    return { sent, dropped: plan.dropped, duplicated: plan.duplicated, reordered: plan.reordered };
  }

  /** Closes the sender's connections; safe to call twice. */
  async close(): Promise<void> {
    if (this.agent.closed || this.agent.destroyed) return;
    await this.agent.close();
  }

  private async attempt(headers: Record<string, string>, body: string): Promise<number | 'error'> {
    try {
      const res = await request(this.o.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers,
        body,
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
      });
      await res.body.dump();
      return res.statusCode;
    } catch {
      return 'error';
    }
  }
}

/** Drops, duplicates and reorders; exported for tests of the plan itself. */
export function planBatch(deliveries: readonly WebhookDelivery[], options: SendAllOptions) {
  const rng = seededRng(options.seed ?? 1);
  const dropped: WebhookDelivery[] = [];
  const queue: WebhookDelivery[] = [];
  for (const d of deliveries) (rng.next() < (options.dropRate ?? 0) ? dropped : queue).push(d);
  let duplicated = 0;
  for (const d of [...queue]) {
    if (rng.next() >= (options.duplicateRate ?? 0)) continue;
    const from = queue.indexOf(d);
    queue.splice(rng.int(from + 1, queue.length), 0, d);
    duplicated++;
  }
  let reordered = 0;
  for (let i = 0; i < queue.length - 1; i++) {
    if (rng.next() >= (options.outOfOrderRate ?? 0)) continue;
    const [d] = queue.splice(i, 1);
    queue.splice(rng.int(i + 1, queue.length), 0, d!);
    reordered++;
  }
  return { queue, dropped, duplicated, reordered };
}

/**
 * A Shopify shop on 127.0.0.1 (port 0): Admin GraphQL 2026-04 with the cost bucket, the client
 * credentials token endpoint, an order store the reconciliation poll reads, fulfillment orders,
 * inventory, and signed webhooks toward Ferry (PROTOCOLS.md §7 item 1).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { SimCostBucket } from './costBucket.js';
import type { CostBucketOptions } from './costBucket.js';
import { answerGraphql } from './gqlEndpoint.js';
import type { SimHooks } from './gqlTypes.js';
import type { OrderJson } from './orderTypes.js';
import { SimState } from './state.js';
import { SimTokens } from './tokens.js';
import { WebhookSender } from './webhookSender.js';
import type { WebhookDelivery, WebhookSenderOptions } from './webhookSender.js';

export interface ShopifySimulatorOptions {
  /** Default `ferry-sim.myshopify.com`. */
  shopDomain?: string;
  /** The app's client secret: signs webhooks and authenticates the client credentials grant. */
  clientSecret?: string;
  clientId?: string;
  /** Permanent tokens accepted; default `['shpat_simulator']`. */
  accessTokens?: string[];
  /** `expires_in` of client-credentials tokens, seconds; default 86,399. */
  tokenLifetimeS?: number;
  /**
   * Default a Standard plan (2,000 points, 100/s). The poll query's actual cost is about 32 points
   * per order here, so a Standard shop polls about 3 orders/s: raise `restoreRate` (Plus 1,000,
   * Enterprise 2,000) for tests that poll thousands of orders.
   */
  bucket?: CostBucketOptions;
  /** Default 200, as Shopify answers THROTTLED (see gqlEndpoint.ts). */
  throttleHttpStatus?: 200 | 429;
  /** Requested cost per operation name, replacing the computed one (tests of throttling). */
  costOverrides?: Record<string, number>;
  /** Default `gid://shopify/Location/1`. */
  defaultLocationId?: string;
  /** Delay before an orderCancel job completes, ms; default 10. */
  cancelJobDelayMs?: number;
  clock?: Clock;
  /** Where webhooks go; can also be set later with `setWebhookTarget`. */
  webhooks?: Omit<WebhookSenderOptions, 'secret' | 'shopDomain'>;
}

/** An HTTP answer the next GraphQL request gets instead of being processed (503, 429 with Retry-After, 401). */
export interface InjectedFault {
  status: number;
  retryAfter?: string;
  body?: unknown;
}

export interface SimulatorStats {
  graphqlRequests: number;
  throttled: number;
  byOperation: Record<string, number>;
  unauthorized: number;
}

/** The pinned version this simulator speaks. */
const VERSION = '2026-04';

export class ShopifySimulator {
  readonly shopDomain: string;
  readonly clientSecret: string;
  readonly clientId: string;
  readonly state: SimState;
  readonly bucket: SimCostBucket;
  readonly tokens: SimTokens;
  readonly stats: SimulatorStats = { graphqlRequests: 0, throttled: 0, byOperation: {}, unauthorized: 0 };
  /** Deliveries the shop produced itself (orderCancel's `orders/cancelled`), in order. */
  readonly emitted: WebhookDelivery[] = [];
  webhooks: WebhookSender | undefined;
  private readonly faults: InjectedFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly clock: Clock;
  private readonly hooks: SimHooks;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly options: ShopifySimulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.shopDomain = options.shopDomain ?? 'ferry-sim.myshopify.com';
    this.clientSecret = options.clientSecret ?? 'sim_client_secret';
    this.clientId = options.clientId ?? 'sim_client_id';
    this.state = new SimState(options.defaultLocationId ?? 'gid://shopify/Location/1');
    this.bucket = new SimCostBucket(options.bucket ?? {}, this.clock);
    this.tokens = new SimTokens(
      {
        clientId: this.clientId,
        clientSecret: this.clientSecret,
        staticTokens: options.accessTokens ?? ['shpat_simulator'],
        lifetimeS: options.tokenLifetimeS ?? 86_399,
      },
      this.clock,
    );
    this.hooks = {
      cancelJobDelayMs: options.cancelJobDelayMs ?? 10,
      schedule: (fn, ms) => this.schedule(fn, ms),
      orderCancelled: (id) => this.emit('orders/cancelled', this.state.orders.get(id)),
    };
    if (options.webhooks) this.setWebhookTarget(options.webhooks);
  }

  /** `http://127.0.0.1:<port>`; valid after `start()`. */
  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops timers, waits for webhooks in flight, closes the socket and the sender. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.pending]);
    await this.webhooks?.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setWebhookTarget(options: Omit<WebhookSenderOptions, 'secret' | 'shopDomain'>): WebhookSender {
    void this.webhooks?.close();
    this.webhooks = new WebhookSender({ ...options, secret: this.clientSecret, shopDomain: this.shopDomain });
    return this.webhooks;
  }

  /** Queues answers for the next GraphQL requests, in order. */
  injectFaults(...faults: InjectedFault[]): void {
    this.faults.push(...faults);
  }

  /** Stores a new order; returns its `orders/create` delivery (not sent: see `webhooks`). */
  createOrder(order: OrderJson): WebhookDelivery {
    this.state.putOrder(structuredClone(order));
    return this.delivery('orders/create', this.state.orders.get(String(order.id)));
  }

  /** Edits an order as the merchant would; `updated_at` moves to now. Returns its `orders/updated` delivery. */
  updateOrder(id: number | string, patch: Partial<OrderJson>): WebhookDelivery {
    const order = this.mustGet(id);
    Object.assign(order, patch, { updated_at: new Date(this.clock.now()).toISOString() });
    return this.delivery('orders/updated', order);
  }

  /** Cancels in the Shopify admin; returns the `orders/cancelled` delivery. */
  cancelOrder(id: number | string, reason = 'customer'): WebhookDelivery {
    const now = new Date(this.clock.now()).toISOString();
    const order = this.mustGet(id);
    Object.assign(order, { cancelled_at: now, cancel_reason: reason, updated_at: now });
    return this.delivery('orders/cancelled', order);
  }

  /** A delivery of the payload as it is now, with a fresh event id. */
  delivery(topic: string, payload: unknown): WebhookDelivery {
    return {
      topic,
      payload: structuredClone(payload),
      eventId: randomUUID(),
      triggeredAt: new Date(this.clock.now()).toISOString(),
    };
  }

  private mustGet(id: number | string): OrderJson {
    const order = this.state.orders.get(String(id));
    if (!order) throw new RangeError(`simulator has no order ${id}`);
    return order;
  }

  private emit(topic: string, payload: unknown): void {
    const d = this.delivery(topic, payload);
    this.emitted.push(d);
    if (!this.webhooks) return;
    const p = this.webhooks.send(d).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private schedule(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/admin/oauth/access_token') {
      const answer = this.tokens.grant(req.headers['content-type'], raw);
      return send(res, answer.status, answer.body);
    }
    if (req.method === 'POST' && path === `/admin/api/${VERSION}/graphql.json`)
      return this.graphql(req, res, raw);
    return send(res, 404, { errors: 'Not Found' });
  }

  private graphql(req: IncomingMessage, res: ServerResponse, raw: string): void {
    this.stats.graphqlRequests++;
    const fault = this.faults.shift();
    if (fault) {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
      return send(res, fault.status, fault.body ?? { errors: `simulated ${fault.status}` });
    }
    const token = req.headers['x-shopify-access-token'];
    if (!this.tokens.valid(typeof token === 'string' ? token : undefined)) {
      this.stats.unauthorized++;
      return send(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(res, 400, { errors: 'Invalid JSON in request body' });
    }
    const ctx = { state: this.state, clock: this.clock, hooks: this.hooks };
    const request = {
      query: typeof body.query === 'string' ? body.query : '',
      variables: (typeof body.variables === 'object' && body.variables !== null
        ? body.variables
        : {}) as Record<string, unknown>,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
    };
    const answer = answerGraphql(ctx, request, {
      bucket: this.bucket,
      costOverrides: this.options.costOverrides ?? {},
      throttleHttpStatus: this.options.throttleHttpStatus ?? 200,
    });
    this.stats.byOperation[answer.operation] = (this.stats.byOperation[answer.operation] ?? 0) + 1;
    if (answer.throttled) this.stats.throttled++;
    return send(res, answer.status, answer.body);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

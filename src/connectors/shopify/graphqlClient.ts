/**
 * Admin GraphQL client for one shop, pinned to API 2026-04 (PROTOCOLS.md §1.1, §1.5).
 *
 * Waits for Shopify's cost bucket instead of hammering it; THROTTLED and 429 answers are waited
 * out a bounded number of times and then surface as `partner_rate_limited` with `retryAfterMs`, so
 * the durable queue takes over (STYLE.md: durable retries belong to the queue).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { TokenSource } from './graphqlAuth.js';
import type { ShopifyAuth } from './graphqlAuth.js';
import { classifyAnswer } from './graphqlAnswer.js';
import type { Outcome } from './graphqlAnswer.js';
import { post } from './graphqlHttp.js';
import { CostBucket } from './graphqlThrottle.js';
import { SHOPIFY_API_VERSION } from './graphqlTypes.js';
import type { QueryCost, ThrottleStatus } from './graphqlTypes.js';

export interface ShopifyGraphqlClientOptions {
  /** `shop.myshopify.com`. */
  shopDomain: string;
  /** Default `https://{shopDomain}`; the simulator's URL in tests. */
  baseUrl?: string;
  auth: ShopifyAuth;
  /** Default 2026-04; the payload shapes in this module are written for it. */
  apiVersion?: string;
  clock?: Clock;
  /** Injected for tests; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** THROTTLED / 429 answers waited out per call before giving up; default 4. */
  maxRateLimitRetries?: number;
  /** A single wait longer than this is not slept but returned as `retryAfterMs`; default 30 s. */
  maxWaitMs?: number;
  /** Per request, headers and body each; default 30 s. */
  timeoutMs?: number;
  /** Connections to this shop; default 4. */
  connections?: number;
  /** Name in errors and logs; default `shopify:{shopDomain}`. */
  partner?: string;
  /** Replaces the client's own Agent (undici MockAgent in tests); not closed by `close()`. */
  dispatcher?: Dispatcher;
}

export interface GraphqlResult<T> {
  data: T;
  cost: QueryCost | undefined;
}

/** Counters for tests and metrics. */
export interface ClientStats {
  requests: number;
  throttledAnswers: number;
  http429: number;
  /** Total time spent waiting for the bucket or for Retry-After, in ms. */
  waitedMs: number;
  tokenRefreshes: number;
}

export class ShopifyGraphqlClient {
  readonly stats: ClientStats = {
    requests: 0,
    throttledAnswers: 0,
    http429: 0,
    waitedMs: 0,
    tokenRefreshes: 0,
  };
  readonly partner: string;
  private readonly bucket = new CostBucket();
  private readonly ownAgent: Agent | undefined;
  private readonly dispatcher: Dispatcher;
  private readonly tokens: TokenSource;
  private readonly endpoint: string;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly timeoutMs: number;
  private probe: Promise<void> | undefined;

  constructor(options: ShopifyGraphqlClientOptions) {
    const baseUrl = (options.baseUrl ?? `https://${options.shopDomain}`).replace(/\/$/, '');
    this.partner = options.partner ?? `shopify:${options.shopDomain}`;
    this.ownAgent = options.dispatcher ? undefined : new Agent({ connections: options.connections ?? 4 });
    this.dispatcher = options.dispatcher ?? this.ownAgent!;
    this.endpoint = `${baseUrl}/admin/api/${options.apiVersion ?? SHOPIFY_API_VERSION}/graphql.json`;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.maxRetries = options.maxRateLimitRetries ?? 4;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const http = { dispatcher: this.dispatcher, baseUrl, timeoutMs: this.timeoutMs, partner: this.partner };
    this.tokens = new TokenSource(options.auth, http, this.clock);
  }

  /**
   * Runs one named GraphQL document. `estimatedCost` (points) lets the first call of an operation
   * wait for the bucket; later calls use the `requestedQueryCost` Shopify reported last time.
   */
  async request<T>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { estimatedCost?: number } = {},
  ): Promise<GraphqlResult<T>> {
    const operation = operationName(query);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const cost = options.estimatedCost ?? this.bucket.estimate(operation) ?? 0;
      const endProbe = await this.waitForBudget(cost);
      let outcome: Outcome;
      try {
        outcome = classifyAnswer(await this.send(query, variables), {
          bucket: this.bucket,
          operation,
          nowMs: this.clock.now(),
          partner: this.partner,
        });
      } finally {
        endProbe?.();
      }
      if (outcome.kind === 'ok') return { data: outcome.data as T, cost: outcome.cost };
      if (outcome.kind === 'unauthorized') {
        if (refreshed || !this.tokens.canRefresh) {
          throw new FerryError('partner_auth', `Shopify refused the access token: ${outcome.message}`, {
            partner: this.partner,
          });
        }
        // A client-credentials token can expire early (revoked, rotated secret): one fresh try.
        refreshed = true;
        this.tokens.invalidate();
        attempt--;
        continue;
      }
      this.stats.throttledAnswers++;
      if (outcome.http429) this.stats.http429++;
      if (attempt >= this.maxRetries || outcome.waitMs > this.maxWaitMs)
        throw this.rateLimited(outcome.waitMs);
      await this.pause(outcome.waitMs);
    }
  }

  /** Releases the shop's connections. */
  /** Shopify's query-cost bucket as this client last saw it (points); undefined before any answer. */
  costBucket(): ThrottleStatus | undefined {
    return this.bucket.state(this.clock.now());
  }

  async close(): Promise<void> {
    await this.ownAgent?.close();
  }

  /**
   * Waits until `cost` points are there and reserves them. Until the first answer tells the
   * bucket's size and fill, one request goes alone (the probe) and the others wait for it: callers
   * starting together on a cold client would otherwise all hit a bucket nobody has measured.
   * Returns the probe's release when this call is the probe.
   */
  private async waitForBudget(cost: number): Promise<(() => void) | undefined> {
    while (this.bucket.availableAt(this.clock.now()) === undefined && this.probe) await this.probe;
    let endProbe: (() => void) | undefined;
    if (this.bucket.availableAt(this.clock.now()) === undefined) {
      this.probe = new Promise<void>((resolve) => {
        endProbe = () => {
          this.probe = undefined;
          resolve();
        };
      });
    }
    // Loop: while this caller slept, another may have reserved the points it waited for.
    for (
      let w = this.bucket.waitMs(cost, this.clock.now());
      w > 0;
      w = this.bucket.waitMs(cost, this.clock.now())
    ) {
      if (w > this.maxWaitMs) throw this.rateLimited(w);
      await this.pause(w);
    }
    this.bucket.reserve(cost, this.clock.now());
    return endProbe;
  }

  private async send(query: string, variables: Record<string, unknown>) {
    const token = await this.tokenCounted();
    this.stats.requests++;
    return post({
      dispatcher: this.dispatcher,
      url: this.endpoint,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-shopify-access-token': token,
      },
      body: JSON.stringify({ query, variables }),
      timeoutMs: this.timeoutMs,
      partner: this.partner,
    });
  }

  private async tokenCounted(): Promise<string> {
    const before = this.tokens.fetches;
    const token = await this.tokens.get();
    this.stats.tokenRefreshes += this.tokens.fetches - before;
    return token;
  }

  private async pause(ms: number): Promise<void> {
    this.stats.waitedMs += ms;
    await this.sleep(ms);
  }

  private rateLimited(waitMs: number): FerryError {
    return new FerryError('partner_rate_limited', `Shopify rate limit: retry in ${waitMs} ms`, {
      partner: this.partner,
      retryAfterMs: waitMs,
      // The work waits for the bucket; it has not failed (errors.ts `defer`).
      defer: true,
    });
  }
}

/** The operation name of a document (`query FerryOrders(...)` → `FerryOrders`), the key for learned costs. */
export function operationName(query: string): string {
  const m = /\b(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query);
  return m?.[2] ?? 'anonymous';
}

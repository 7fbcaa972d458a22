import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import type { FerryError } from '../../core/errors.js';
import { ShopifySimulator } from '../../sandbox/shopify/index.js';
import type { ShopifySimulatorOptions } from '../../sandbox/shopify/index.js';
import { ShopifyGraphqlClient } from './graphqlClient.js';
import type { ShopifyGraphqlClientOptions } from './graphqlClient.js';

const SHOP = 'query FerryShop { shop { name } }';
let sim: ShopifySimulator;
let client: ShopifyGraphqlClient;

async function setup(
  simOptions: ShopifySimulatorOptions,
  clientOptions: Partial<ShopifyGraphqlClientOptions> = {},
) {
  sim = new ShopifySimulator(simOptions);
  await sim.start();
  client = new ShopifyGraphqlClient({
    shopDomain: sim.shopDomain,
    baseUrl: sim.url,
    auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
    ...clientOptions,
  });
}

afterEach(async () => {
  await client?.close();
  await sim?.stop();
});

async function caught(p: Promise<unknown>): Promise<FerryError> {
  try {
    await p;
  } catch (e) {
    if (isFerryError(e)) return e;
    throw e;
  }
  throw new Error('expected a FerryError');
}

describe('ShopifyGraphqlClient cost-based throttling', () => {
  // Bucket of 100 points refilling at 500/s; each query costs 40. Simulator and client share a
  // fake clock that only the client's sleeps move, so waits are exact whatever the machine's load.
  const bucket = { maximumAvailable: 100, restoreRate: 500 };
  let now: number;
  const clock = { now: () => now };
  const sleep = (ms: number) => {
    now += ms;
    return Promise.resolve();
  };
  beforeEach(() => {
    now = 1_000_000;
  });

  it('reports the bucket as Shopify last stated it, refilled since (the partners screen shows it)', async () => {
    await setup({ bucket, costOverrides: { FerryShop: 40 }, clock }, { clock, sleep });
    expect(client.costBucket()).toBeUndefined();
    await client.request(SHOP);
    expect(client.costBucket()).toEqual({ maximumAvailable: 100, currentlyAvailable: 60, restoreRate: 500 });
    now += 40; // 40 ms at 500 points/s: 20 points back
    expect(client.costBucket()).toEqual({ maximumAvailable: 100, currentlyAvailable: 80, restoreRate: 500 });
  });

  it('waits for the bucket to refill instead of getting THROTTLED', async () => {
    await setup({ bucket, costOverrides: { FerryShop: 40 }, clock }, { clock, sleep });
    for (let i = 0; i < 10; i++) await client.request(SHOP);
    // 10 × 40 points from a full bucket of 100 at 500 points/s: (400 − 100) / 500 s = 600 ms.
    expect(sim.stats.throttled).toBe(0);
    expect(sim.stats.graphqlRequests).toBe(10);
    expect(client.stats.waitedMs).toBeGreaterThanOrEqual(600);
    expect(client.stats.waitedMs).toBeLessThanOrEqual(620);
  });

  it('paces parallel callers from the first call when given an estimated cost (real time)', async () => {
    await setup({ bucket, costOverrides: { FerryShop: 40 } });
    await Promise.all(Array.from({ length: 10 }, () => client.request(SHOP, {}, { estimatedCost: 40 })));
    expect(sim.stats.throttled).toBe(0);
    expect(sim.stats.graphqlRequests).toBe(10);
  });

  it('shows the simulator does throttle a client that does not wait', async () => {
    await setup({ bucket: { maximumAvailable: 100, restoreRate: 1 }, costOverrides: { FerryShop: 40 } });
    const raw = async () => {
      const res = await fetch(`${sim.url}/admin/api/2026-04/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_simulator' },
        body: JSON.stringify({ query: SHOP }),
      });
      return (await res.json()) as { errors?: { extensions: { code: string } }[] };
    };
    const answers = await Promise.all(Array.from({ length: 6 }, raw));
    expect(answers.filter((a) => a.errors?.[0]?.extensions.code === 'THROTTLED')).toHaveLength(4);
  });

  it('waits out a THROTTLED answer from a bucket another app drained, then succeeds', async () => {
    await setup(
      { bucket: { maximumAvailable: 100, restoreRate: 1000 }, costOverrides: { FerryShop: 50 }, clock },
      { clock, sleep },
    );
    sim.bucket.drain();
    const res = await client.request<{ shop: { name: string } }>(SHOP);
    expect(res.data.shop.name).toBe('Ferry test shop');
    expect(client.stats.throttledAnswers).toBe(1);
    // 50 points missing at 1,000 points/s.
    expect(client.stats.waitedMs).toBe(50);
    expect(res.cost?.throttleStatus.maximumAvailable).toBe(100);
  });

  it('handles THROTTLED sent as HTTP 429 the same way', async () => {
    await setup(
      {
        bucket: { maximumAvailable: 100, restoreRate: 1000 },
        throttleHttpStatus: 429,
        costOverrides: { FerryShop: 50 },
        clock,
      },
      { clock, sleep },
    );
    sim.bucket.drain();
    await client.request(SHOP);
    expect(client.stats.http429).toBe(1);
    expect(client.stats.waitedMs).toBe(50);
  });

  it('gives up after the bounded retries with partner_rate_limited and retryAfterMs', async () => {
    await setup(
      { bucket: { maximumAvailable: 100, restoreRate: 1 }, costOverrides: { FerryShop: 50 } },
      { maxRateLimitRetries: 2, sleep: () => Promise.resolve() },
    );
    sim.bucket.drain();
    const e = await caught(client.request(SHOP));
    expect(e.code).toBe('partner_rate_limited');
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBeGreaterThan(40_000);
    expect(sim.stats.throttled).toBe(1);
  });

  it('refuses to sleep longer than maxWaitMs and hands the wait to the queue', async () => {
    await setup(
      { bucket: { maximumAvailable: 100, restoreRate: 1 }, costOverrides: { FerryShop: 50 } },
      { maxWaitMs: 1000 },
    );
    sim.bucket.drain();
    const e = await caught(client.request(SHOP));
    expect(e).toMatchObject({ code: 'partner_rate_limited', defer: true });
    expect(e.retryAfterMs).toBeGreaterThan(1000);
  });
});

describe('ShopifyGraphqlClient HTTP answers', () => {
  it('honours Retry-After on 429 (fractional seconds) and retries', async () => {
    const waits: number[] = [];
    await setup({}, { sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    sim.injectFaults({ status: 429, retryAfter: '0.25' }, { status: 429, retryAfter: '2' });
    await client.request(SHOP);
    expect(waits).toEqual([250, 2000]);
    expect(client.stats.http429).toBe(2);
  });

  it('turns repeated 429s into partner_rate_limited carrying the last Retry-After', async () => {
    await setup({}, { maxRateLimitRetries: 1, sleep: () => Promise.resolve() });
    sim.injectFaults({ status: 429, retryAfter: '1' }, { status: 429, retryAfter: '3' });
    const e = await caught(client.request(SHOP));
    expect(e).toMatchObject({ code: 'partner_rate_limited', retryAfterMs: 3000 });
  });

  it('classifies 5xx as partner_unavailable and a refused static token as partner_auth', async () => {
    await setup({}, { auth: { kind: 'accessToken', accessToken: 'shpat_wrong' } });
    sim.injectFaults({ status: 503, retryAfter: '5' });
    expect(await caught(client.request(SHOP))).toMatchObject({
      code: 'partner_unavailable',
      retryAfterMs: 5000,
      retryable: true,
    });
    expect(await caught(client.request(SHOP))).toMatchObject({ code: 'partner_auth', retryable: false });
  });

  it('reports GraphQL errors such as MAX_COST_EXCEEDED as partner_validation', async () => {
    await setup({ costOverrides: { FerryShop: 5000 } });
    const e = await caught(client.request(SHOP));
    expect(e.code).toBe('partner_validation');
    expect(e.message).toContain('exceeds the single query max cost');
  });

  it('classifies an unreachable shop as partner_unavailable', async () => {
    await setup({});
    await sim.stop();
    expect((await caught(client.request(SHOP))).code).toBe('partner_unavailable');
  });
});

describe('ShopifyGraphqlClient client-credentials tokens', () => {
  const auth = {
    kind: 'clientCredentials',
    clientId: 'sim_client_id',
    clientSecret: 'sim_client_secret',
  } as const;

  it('fetches one token for many calls and refreshes it before it expires', async () => {
    let now = 1_000_000;
    const clock = { now: () => now };
    await setup({ tokenLifetimeS: 600, clock }, { auth, clock });
    await Promise.all([client.request(SHOP), client.request(SHOP), client.request(SHOP)]);
    expect(sim.tokens.grants).toBe(1);
    now += 290_000; // before lifetime − 5 min margin (300 s)
    await client.request(SHOP);
    expect(sim.tokens.grants).toBe(1);
    now += 20_000; // inside the margin: refresh, although the old token would still work
    await client.request(SHOP);
    expect(sim.tokens.grants).toBe(2);
    expect(sim.stats.unauthorized).toBe(0);
  });

  it('gets a new token once when Shopify rejects a revoked one', async () => {
    await setup({}, { auth });
    await client.request(SHOP);
    sim.tokens.revokeAll();
    await client.request(SHOP);
    expect(sim.stats.unauthorized).toBe(1);
    expect(sim.tokens.grants).toBe(2);
    expect(client.stats.tokenRefreshes).toBe(2);
  });

  it('fails with partner_auth when the client secret is wrong', async () => {
    await setup({}, { auth: { ...auth, clientSecret: 'nope' } });
    const e = await caught(client.request(SHOP));
    expect(e.code).toBe('partner_auth');
    expect(e.message).not.toContain('nope');
  });
});

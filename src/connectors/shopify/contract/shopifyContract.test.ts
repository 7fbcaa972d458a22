/**
 * One contract suite, two targets: the Shopify operations Ferry uses, run against the simulator
 * always and against a real development store when FERRY_SHOPIFY_LIVE_SHOP (`x.myshopify.com`)
 * and FERRY_SHOPIFY_LIVE_TOKEN (an Admin API token) are set (`npm run test:shopify-live`). On the
 * live store the suite only reads and sends documents Shopify refuses before running them: it
 * never writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../ops/config/index.js';
import { ShopifySimulator, generateCatalogue, generateOrder } from '../../../sandbox/shopify/index.js';
import { ShopifyGraphqlClient } from '../graphqlClient.js';
import { fulfillmentOrdersForOrder } from '../graphqlFulfillment.js';
import { inventoryLevels } from '../graphqlInventory.js';
import { ordersUpdatedSince } from '../graphqlOrders.js';
import { SHOPIFY_API_VERSION } from '../graphqlTypes.js';
import {
  COST_KEYS,
  MISSING_ARGUMENT,
  OVER_COST,
  THROTTLE_KEYS,
  UNKNOWN_FIELD,
  VARIABLE_MISMATCH,
} from '../test-helpers/contractFixtures.js';

interface Target {
  name: string;
  /** Why this target does not run, or undefined when it does. */
  skip: string | undefined;
  start(): Promise<{ client: ShopifyGraphqlClient; baseUrl: string; token: string; stop(): Promise<void> }>;
}

const env = compileRuntime().env;
const liveShop = env.FERRY_SHOPIFY_LIVE_SHOP;
const liveToken = env.FERRY_SHOPIFY_LIVE_TOKEN;

const targets: Target[] = [
  {
    name: 'simulator',
    skip: undefined,
    async start() {
      const sim = new ShopifySimulator({ bucket: { restoreRate: 2000 } });
      await sim.start();
      const catalogue = generateCatalogue(30);
      for (let id = 1; id <= 8; id++) sim.createOrder(generateOrder({ id, catalogue, lines: id * 3 }));
      const client = new ShopifyGraphqlClient({
        shopDomain: sim.shopDomain,
        baseUrl: sim.url,
        auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
      });
      return {
        client,
        baseUrl: sim.url,
        token: 'shpat_simulator',
        stop: async () => {
          await client.close();
          await sim.stop();
        },
      };
    },
  },
  {
    name: 'live development store',
    skip:
      liveShop && liveToken
        ? undefined
        : 'set FERRY_SHOPIFY_LIVE_SHOP and FERRY_SHOPIFY_LIVE_TOKEN to run it against a development store',
    async start() {
      const client = new ShopifyGraphqlClient({
        shopDomain: liveShop!,
        auth: { kind: 'accessToken', accessToken: liveToken! },
      });
      return { client, baseUrl: `https://${liveShop!}`, token: liveToken!, stop: () => client.close() };
    },
  },
];

// An unconfigured live target registers no tests (nothing hidden behind a skip); the run says why.
for (const target of targets.filter((t) => {
  if (t.skip) console.warn(`[ferry] Shopify contract on the ${t.name} is not run: ${t.skip}`);
  return t.skip === undefined;
})) {
  describe(`Shopify contract: ${target.name}`, () => {
    let t: Awaited<ReturnType<Target['start']>>;
    beforeAll(async () => {
      t = await target.start();
    });
    afterAll(() => t?.stop());

    const raw = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${t.baseUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': t.token },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    it('polls orders within the single-query cost limit and pages their line items', async () => {
      const res = await ordersUpdatedSince(t.client, { cursor: null, pageSize: 6, maxNewOrders: 12 });
      for (const o of res.orders) {
        expect(typeof o.id === 'number' || typeof o.id === 'string').toBe(true);
        expect(Array.isArray(o.line_items)).toBe(true);
      }
      if (target.name === 'simulator') {
        expect(res.orders).toHaveLength(8);
        expect(res.orders.find((o) => String(o.id) === '8')!.line_items).toHaveLength(24);
      }
    });

    it('reads fulfillment orders of an order, and none of an order that does not exist', async () => {
      const polled = await ordersUpdatedSince(t.client, { cursor: null, pageSize: 1, maxNewOrders: 1 });
      const first = polled.orders[0];
      if (first) {
        const fos = await fulfillmentOrdersForOrder(t.client, String(first.id));
        for (const fo of fos) {
          expect(fo.id).toMatch(/^gid:\/\/shopify\/FulfillmentOrder\//);
          for (const l of fo.lines) expect(l.remainingQuantity).toBeLessThanOrEqual(l.totalQuantity);
        }
      }
      expect(await fulfillmentOrdersForOrder(t.client, '1')).toEqual(expect.any(Array));
    });

    it('reads inventory levels, null for an item the shop does not have', async () => {
      const [level] = await inventoryLevels(t.client, {
        inventoryItemIds: ['gid://shopify/InventoryItem/1'],
        locationId: 'gid://shopify/Location/1',
      });
      expect(level).toMatchObject({ inventoryItemId: 'gid://shopify/InventoryItem/1', quantities: null });
    });

    for (const fixture of [UNKNOWN_FIELD, MISSING_ARGUMENT, VARIABLE_MISMATCH]) {
      it(`refuses a bad document as Shopify does: ${fixture.expected.extensions.code}`, async () => {
        const { status, body } = await raw(fixture.query, fixture.variables);
        expect(status).toBe(200);
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([expect.objectContaining(fixture.expected)]);
      });
    }

    it('refuses a single query over 1,000 points with MAX_COST_EXCEEDED and reports the cost', async () => {
      const { status, body } = await raw(OVER_COST.query, OVER_COST.variables);
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(OVER_COST.messageStart),
          extensions: expect.objectContaining({ ...OVER_COST.expected.extensions, cost: expect.any(Number) }),
        }),
      ]);
    });

    it('reports extensions.cost with the bucket on an answer', async () => {
      const { body } = await raw('query FerryContractShop { shop { name } }', {});
      const cost = (body.extensions as { cost: Record<string, unknown> }).cost;
      expect(Object.keys(cost).sort()).toEqual(expect.arrayContaining([...COST_KEYS].sort()));
      const bucket = cost.throttleStatus as Record<string, unknown>;
      for (const k of THROTTLE_KEYS) expect(typeof bucket[k]).toBe('number');
    });
  });
}

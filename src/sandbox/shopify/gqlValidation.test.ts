/**
 * The simulator refuses what Shopify refuses: documents outside the 2026-04 schema, queries over
 * 1,000 points, pages over 250, an empty bucket (THROTTLED at HTTP 200), an idempotency key reused
 * with other arguments, a fulfillment across locations, a tracking URL without a number.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShopifySimulator } from './simulator.js';
import { generateCatalogue, generateOrder } from './orderGenerator.js';
import { TRANSLATIONS } from './gqlErrors.js';
import { adminSchema } from './schema/index.js';

let sim: ShopifySimulator;
const catalogue = generateCatalogue(5);

beforeEach(async () => {
  sim = new ShopifySimulator({ bucket: { restoreRate: 1000 } });
  await sim.start();
});
afterEach(() => sim.stop());

interface Answer {
  status: number;
  data?: Record<string, unknown>;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null } };
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(`${sim.url}/admin/api/2026-04/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_simulator' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

describe('document validation, in Shopify words', () => {
  it('refuses an unknown field with undefinedField and the path down to it', async () => {
    const a = await gql(
      'query Q($id: ID!) { order(id: $id) { id fulfilmentOrders(first: 1) { nodes { id } } } }',
      {
        id: 'gid://shopify/Order/1',
      },
    );
    expect(a.status).toBe(200);
    expect(a.data).toBeUndefined();
    expect(a.errors).toEqual([
      {
        message: "Field 'fulfilmentOrders' doesn't exist on type 'Order'",
        locations: [{ line: 1, column: 41 }],
        path: ['query Q', 'order', 'fulfilmentOrders'],
        extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'fulfilmentOrders' },
      },
    ]);
  });

  it('refuses a missing required argument with missingRequiredArguments', async () => {
    const a = await gql('mutation M { fulfillmentCreate { userErrors { message } } }');
    expect(a.errors).toEqual([
      expect.objectContaining({
        message: "Field 'fulfillmentCreate' is missing required arguments: fulfillment",
        path: ['mutation M', 'fulfillmentCreate'],
        extensions: {
          code: 'missingRequiredArguments',
          className: 'Field',
          name: 'fulfillmentCreate',
          arguments: 'fulfillment',
        },
      }),
    ]);
  });

  it('refuses a variable of the wrong type with variableMismatch', async () => {
    const a = await gql('query Q($id: String!) { order(id: $id) { id } }', { id: 'gid://shopify/Order/1' });
    expect(a.errors).toEqual([
      expect.objectContaining({
        message: 'Type mismatch on variable $id and argument id (String! / ID!)',
        path: ['query Q', 'order', 'id'],
        extensions: {
          code: 'variableMismatch',
          variableName: 'id',
          typeName: 'String!',
          argumentName: 'id',
          errorMessage: 'Type mismatch',
        },
      }),
    ]);
    const nullable = await gql('query Q($id: ID) { order(id: $id) { id } }');
    expect(nullable.errors![0]!.message).toBe(
      'Nullability mismatch on variable $id and argument id (ID / ID!)',
    );
  });

  it('refuses a variable value that does not fit its type, as graphql-ruby words it', async () => {
    const a = await gql('query Q($id: ID!) { order(id: $id) { id } }', {});
    expect(a.errors).toEqual([
      expect.objectContaining({
        message: 'Variable $id of type ID! was provided invalid value',
        extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
      }),
    ]);
  });

  it('names the source of every translation row, and the reference page of every schema type', () => {
    for (const row of TRANSLATIONS) expect(row.source).toMatch(/\.rb/);
    const types = Object.values(adminSchema().getTypeMap()).filter((t) => !t.name.startsWith('__'));
    const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
    const unnamed = types.filter(
      (t) =>
        !builtIn.has(t.name) &&
        !/^(objects|enums|scalars|interfaces|unions|connections|input-objects|payloads)\//.test(
          t.description ?? '',
        ),
    );
    expect(unnamed.map((t) => t.name)).toEqual([]);
  });
});

describe('cost, paging and limits', () => {
  it('refuses a single query over 1,000 points whatever the bucket holds', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue }));
    // 2 + 250 × (1 assignedLocation + 1 location + 2 + 10 lines × 1 lineItem) = 3,502 points.
    const a = await gql(
      `query Big($id: ID!) { order(id: $id) { fulfillmentOrders(first: 250) { nodes {
      assignedLocation { location { id } } lineItems(first: 10) { nodes { lineItem { id } } } } } } }`,
      {
        id: 'gid://shopify/Order/1',
      },
    );
    expect(a.status).toBe(200);
    expect(a.errors![0]!.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 3503, maxCost: 1000 });
    expect(sim.bucket.status().currentlyAvailable).toBe(2000);
  });

  it('prices connections by first and refunds to what came back', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue, lines: 3 }));
    const a = await gql(
      'query Q { order(id: "gid://shopify/Order/1") { lineItems(first: 50) { nodes { variant { id } } } } }',
    );
    expect(a.extensions!.cost).toMatchObject({ requestedQueryCost: 1 + 2 + 50, actualQueryCost: 1 + 2 + 3 });
  });

  it('answers THROTTLED at HTTP 200 when the bucket cannot pay', async () => {
    await sim.stop();
    sim = new ShopifySimulator({ clock: { now: () => 0 } });
    await sim.start();
    sim.bucket.drain();
    const a = await gql('query Q { shop { name } }');
    expect(a.status).toBe(200);
    expect(a.errors).toEqual([
      expect.objectContaining({
        message: 'Throttled',
        extensions: expect.objectContaining({ code: 'THROTTLED' }),
      }),
    ]);
    expect(a.extensions!.cost.actualQueryCost).toBeNull();
  });

  it('pages with real cursors, requires first or last and caps them at 250', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue, lines: 5 }));
    const page = (after: string | null) =>
      gql(
        'query Q($after: String) { order(id: "gid://shopify/Order/1") { lineItems(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { sku } } } }',
        { after },
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const a = await page(after);
      const c = (
        a.data!.order as {
          lineItems: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { sku: string }[] };
        }
      ).lineItems;
      seen.push(...c.nodes.map((n) => n.sku));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const none = await gql('query Q { order(id: "gid://shopify/Order/1") { lineItems { nodes { sku } } } }');
    expect(none.errors![0]!.message).toBe('you must provide one of first or last');
    const over = await gql(
      'query Q { order(id: "gid://shopify/Order/1") { lineItems(first: 251) { nodes { sku } } } }',
    );
    expect(over.errors![0]!.message).toContain('between 0 and 250');
  });

  it('refuses an input array over 250 items', async () => {
    const ids = Array.from({ length: 251 }, (_, i) => `gid://shopify/InventoryItem/${i}`);
    const a = await gql('query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(a.errors![0]!.extensions).toMatchObject({ code: 'MAX_INPUT_SIZE_EXCEEDED' });
  });
});

const SET = `mutation S($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id } userErrors { code field message } } }`;

describe('idempotency keys', () => {
  const item = 'gid://shopify/InventoryItem/1';
  const loc = 'gid://shopify/Location/1';
  const input = (quantity: number) => ({
    name: 'available',
    reason: 'correction',
    quantities: [{ inventoryItemId: item, locationId: loc, quantity, changeFromQuantity: null }],
  });

  it('replays the first answer for the same key and arguments, refuses other arguments', async () => {
    sim.state.setInventory(item, loc, 5);
    const first = await gql(SET, { input: input(7), key: 'k1' });
    const again = await gql(SET, { input: input(7), key: 'k1' });
    expect(again.data).toEqual(first.data);
    expect(sim.state.level(item, loc)!.quantities.available).toBe(7);
    const other = await gql(SET, { input: input(9), key: 'k1' });
    expect(other.data).toEqual({
      inventorySetQuantities: {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
            field: null,
            message: 'The same idempotency key cannot be used with different operation parameters.',
          },
        ],
      },
    });
    expect(sim.state.level(item, loc)!.quantities.available).toBe(7);
  });

  it('answers a key in flight and a key whose attempt failed with their documented codes', async () => {
    sim.state.setInventory(item, loc, 5);
    const fingerprint = JSON.stringify(input(7));
    sim.state.idempotency.set('busy', { fingerprint, status: 'in-progress' });
    sim.state.idempotency.set('failed', { fingerprint, status: 'failed' });
    const codes = async (key: string) =>
      (
        (await gql(SET, { input: input(7), key })).data!.inventorySetQuantities as {
          userErrors: { code: string }[];
        }
      ).userErrors.map((e) => e.code);
    expect(await codes('busy')).toEqual(['IDEMPOTENCY_CONCURRENT_REQUEST']);
    expect(await codes('failed')).toEqual(['IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED']);
  });
});

const CREATE = `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
  fulfillment { id } userErrors { field message } } }`;

describe('fulfillmentCreate rules', () => {
  it('refuses fulfillment orders of two locations in one call, and changes nothing', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue, lines: 4 }));
    sim.state.routeOrder('1', (_, i) => `gid://shopify/Location/${1 + (i % 2)}`);
    const fos = sim.state.fulfillmentOrdersOf('1');
    expect(fos).toHaveLength(2);
    const a = await gql(CREATE, {
      f: { lineItemsByFulfillmentOrder: fos.map((fo) => ({ fulfillmentOrderId: fo.id })) },
    });
    expect(a.data).toMatchObject({
      fulfillmentCreate: {
        fulfillment: null,
        userErrors: [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'] }],
      },
    });
    expect(sim.state.fulfillments).toHaveLength(0);
  });

  it('refuses a tracking URL without a tracking number', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue }));
    const fo = sim.state.fulfillmentOrdersOf('1')[0]!;
    const a = await gql(CREATE, {
      f: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
        trackingInfo: { urls: ['https://t.example/1'] },
      },
    });
    expect(a.data).toMatchObject({
      fulfillmentCreate: {
        fulfillment: null,
        userErrors: [{ field: ['fulfillment', 'trackingInfo', 'urls'] }],
      },
    });
  });
});

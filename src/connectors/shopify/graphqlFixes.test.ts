/**
 * The client against answers real Shopify gives and the old client mishandled: orders with more
 * fulfillment orders or lines than one page, the documented idempotency codes, a hold that had
 * landed, and InventoryChange.item/location answered as null.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import type { FerryError } from '../../core/errors.js';
import { ShopifySimulator, generateCatalogue, generateOrder } from '../../sandbox/shopify/index.js';
import { ShopifyGraphqlClient } from './graphqlClient.js';
import { fulfillmentCreate, fulfillmentOrdersForOrder } from './graphqlFulfillment.js';
import { FulfillmentHoldReason, fulfillmentOrderHold } from './graphqlHold.js';
import { inventorySetQuantities } from './graphqlInventory.js';

const catalogue = generateCatalogue(80);
let sim: ShopifySimulator;
let client: ShopifyGraphqlClient;

beforeEach(async () => {
  sim = new ShopifySimulator({ bucket: { restoreRate: 2000 } });
  await sim.start();
  client = new ShopifyGraphqlClient({
    shopDomain: sim.shopDomain,
    baseUrl: sim.url,
    auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
  });
});

afterEach(async () => {
  await client.close();
  await sim.stop();
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

describe('fulfillmentOrdersForOrder', () => {
  it('reads every fulfillment order of an order routed to more than five locations', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue, lines: 8 }));
    sim.state.routeOrder('1', (_, i) => `gid://shopify/Location/${i + 1}`);
    const fos = await fulfillmentOrdersForOrder(client, 1);
    expect(fos).toHaveLength(8);
    expect(new Set(fos.map((f) => f.locationId)).size).toBe(8);
  });

  it('reads every line of a fulfillment order with more lines than one page', async () => {
    const order = generateOrder({ id: 2, catalogue, lines: 60 });
    sim.createOrder(order);
    const fos = await fulfillmentOrdersForOrder(client, 2);
    expect(fos).toHaveLength(1);
    expect(fos[0]!.lines.map((l) => l.sku)).toEqual(order.line_items.map((l) => l.sku || null));
  });
});

describe('fulfillmentCreate tracking', () => {
  it('never sends a tracking URL without a tracking number', async () => {
    sim.createOrder(generateOrder({ id: 3, catalogue }));
    const fo = (await fulfillmentOrdersForOrder(client, 3))[0]!;
    await fulfillmentCreate(client, {
      fulfillmentOrders: [{ fulfillmentOrderId: fo.id }],
      tracking: { company: 'DHL Express', urls: ['https://track.example/abc'] },
    });
    expect(sim.state.fulfillments).toHaveLength(1);
    expect(sim.state.fulfillments[0]!.trackingInfo).toEqual({ company: 'DHL Express' });
  });
});

describe('inventorySetQuantities idempotency codes', () => {
  const item = 'gid://shopify/InventoryItem/1';
  const loc = 'gid://shopify/Location/1';
  const input = (key: string) => ({
    name: 'available' as const,
    idempotencyKey: key,
    quantities: [{ inventoryItemId: item, locationId: loc, quantity: 8, changeFromQuantity: 5 }],
  });
  const fingerprint = JSON.stringify({
    name: 'available',
    reason: 'correction',
    quantities: [{ inventoryItemId: item, locationId: loc, quantity: 8, changeFromQuantity: 5 }],
  });

  it('treats IDEMPOTENCY_CONCURRENT_REQUEST as "try again": a retryable error', async () => {
    sim.state.setInventory(item, loc, 5);
    sim.state.idempotency.set('k-busy', { fingerprint, status: 'in-progress' });
    const e = await caught(inventorySetQuantities(client, input('k-busy')));
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('IDEMPOTENCY_CONCURRENT_REQUEST');
    expect(sim.state.level(item, loc)!.quantities.available).toBe(5);
  });

  it('retries IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED once with a new key derived from the first', async () => {
    sim.state.setInventory(item, loc, 5);
    sim.state.idempotency.set('k-failed', { fingerprint, status: 'failed' });
    const res = await inventorySetQuantities(client, input('k-failed'));
    expect(res.status).toBe('applied');
    expect(sim.state.level(item, loc)!.quantities.available).toBe(8);
    expect([...sim.state.idempotency.keys()]).toEqual(['k-failed', 'k-failed.r2']);
    // A retry of the whole call (the answer was lost) lands on the same derived key: applied once.
    const again = await inventorySetQuantities(client, input('k-failed'));
    expect(again).toEqual(res);
    expect(sim.state.level(item, loc)!.quantities.available).toBe(8);
  });

  it('reads InventoryChange.item and .location as nullable, as the reference types them', async () => {
    sim.state.setInventory(item, loc, 5);
    sim.state.unresolvableItems.add(item);
    const res = await inventorySetQuantities(client, input('k-null'));
    expect(res.status).toBe('applied');
    if (res.status !== 'applied') return;
    expect(res.changes[0]).toMatchObject({ name: 'available', delta: 3, inventoryItemId: null });
  });
});

describe('fulfillmentOrderHold', () => {
  it('treats DUPLICATE_FULFILLMENT_HOLD_HANDLE after a hold that landed as already done', async () => {
    sim.createOrder(generateOrder({ id: 4, catalogue }));
    const fo = (await fulfillmentOrdersForOrder(client, 4))[0]!;
    const hold = {
      fulfillmentOrderId: fo.id,
      reason: FulfillmentHoldReason.inventoryOutOfStock,
      handle: 'ferry-wh1',
    };
    const first = await fulfillmentOrderHold(client, hold);
    const second = await fulfillmentOrderHold(client, hold);
    expect(second).toEqual({ holdId: null, status: 'ON_HOLD', alreadyHeld: true });
    expect(first).toMatchObject({ status: 'ON_HOLD', alreadyHeld: false });
    expect(sim.state.fulfillmentOrders.get(fo.id)!.holds).toHaveLength(1);
  });
});

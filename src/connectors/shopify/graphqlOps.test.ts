import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import type { FerryError } from '../../core/errors.js';
import { ShopifySimulator, generateCatalogue, generateOrder } from '../../sandbox/shopify/index.js';
import { ShopifyGraphqlClient } from './graphqlClient.js';
import { fulfillmentCreate, fulfillmentOrdersForOrder } from './graphqlFulfillment.js';
import { inventoryLevels, inventorySetQuantities } from './graphqlInventory.js';
import { jobDone, orderCancel } from './graphqlCancel.js';
import { ordersUpdatedSince } from './graphqlOrders.js';
import { mapShopifyOrder } from './mapOrder.js';

const catalogue = generateCatalogue(40);
let sim: ShopifySimulator;
let client: ShopifyGraphqlClient;

beforeEach(async () => {
  sim = new ShopifySimulator();
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

describe('ordersUpdatedSince', () => {
  it('pages through every order and returns JSON the webhook mapper accepts, identical in meaning', async () => {
    const originals = Array.from({ length: 12 }, (_, i) =>
      generateOrder({ id: i + 1, catalogue, lines: 2, discountPercent: i % 2 ? 10 : 0 }),
    );
    for (const o of originals) sim.createOrder(o);
    const res = await ordersUpdatedSince(client, { cursor: null, pageSize: 5 });
    expect(res.orders.map((o) => String(o.id))).toEqual(originals.map((o) => String(o.id)));
    expect(sim.stats.byOperation.FerryOrdersUpdatedSince).toBe(3);
    expect(res.nextCursor).toEqual({ updatedAt: originals[11]!.updated_at, id: '12' });
    for (const [i, polled] of res.orders.entries()) {
      const viaPoll = mapShopifyOrder(polled, { channel: 'c' });
      // The poll reads totalPriceSet and currentTotalPriceSet: the channel's totals arrive too.
      const viaWebhook = mapShopifyOrder(originals[i], { channel: 'c' });
      expect(viaPoll).toEqual(viaWebhook);
      expect(viaPoll.totals).toBeDefined();
    }
  });

  it('re-reads the overlap window and moves the cursor only forward', async () => {
    for (let i = 1; i <= 6; i++) {
      sim.createOrder(generateOrder({ id: i, catalogue, createdAt: `2026-03-01T10:0${i}:00.000Z` }));
    }
    const cursor = { updatedAt: '2026-03-01T10:04:00.000Z', id: '4' };
    const res = await ordersUpdatedSince(client, { cursor, overlapMs: 90_000 });
    // 10:02:30 and later: order 3 and 4 from the overlap, 5 and 6 new.
    expect(res.orders.map((o) => o.id)).toEqual(['3', '4', '5', '6']);
    expect(res.nextCursor).toEqual({ updatedAt: '2026-03-01T10:06:00.000Z', id: '6' });
    const none = await ordersUpdatedSince(client, { cursor: res.nextCursor, overlapMs: 1000 });
    expect(none.orders.map((o) => o.id)).toEqual(['6']);
    expect(none.nextCursor).toEqual(res.nextCursor);
  });

  it('stops at maxNewOrders with hasMore, and the next poll continues', async () => {
    for (let i = 1; i <= 9; i++) sim.createOrder(generateOrder({ id: i, catalogue }));
    const first = await ordersUpdatedSince(client, { cursor: null, pageSize: 2, maxNewOrders: 4 });
    expect(first.hasMore).toBe(true);
    expect(first.orders).toHaveLength(4);
    const second = await ordersUpdatedSince(client, { cursor: first.nextCursor, overlapMs: 1, pageSize: 10 });
    expect(second.hasMore).toBe(false);
    expect(second.orders.map((o) => o.id)).toEqual(['4', '5', '6', '7', '8', '9']);
  });

  it('pages in the line items of orders with more lines than the first page holds', async () => {
    const big = generateOrder({ id: 1, catalogue, lines: 33 });
    sim.createOrder(big);
    const res = await ordersUpdatedSince(client, { cursor: null });
    expect(res.orders[0]!.line_items).toHaveLength(33);
    expect(sim.stats.byOperation.FerryOrderLineItems).toBe(1);
    expect(mapShopifyOrder(res.orders[0], { channel: 'c' }).lines.map((l) => l.sku)).toEqual(
      big.line_items.map((l) => l.sku),
    );
  });

  it('sees an order whose webhook was never delivered, and its later update', async () => {
    sim.createOrder(generateOrder({ id: 1, catalogue }));
    const first = await ordersUpdatedSince(client, { cursor: null });
    sim.updateOrder(1, { note: 'ring twice' });
    const second = await ordersUpdatedSince(client, { cursor: first.nextCursor });
    expect(second.orders.map((o) => o.note)).toEqual(['ring twice']);
  });
});

describe('fulfillmentCreate', () => {
  it('fulfils part of a fulfillment order with tracking, then the rest, and the shop records both', async () => {
    const order = generateOrder({ id: 21, catalogue, lines: 2 });
    sim.createOrder(order);
    const [fo] = await fulfillmentOrdersForOrder(client, 21);
    expect(fo).toMatchObject({ status: 'OPEN', locationId: 'gid://shopify/Location/1' });
    expect(fo!.lines.map((l) => l.sku)).toEqual(order.line_items.map((l) => l.sku));
    const first = fo!.lines[0]!;
    const created = await fulfillmentCreate(client, {
      fulfillmentOrders: [
        { fulfillmentOrderId: fo!.id, lines: [{ id: first.id, quantity: first.remainingQuantity }] },
      ],
      tracking: {
        company: 'UPS',
        number: '1Z999AA10123456784',
        url: 'https://ups.example/1Z999AA10123456784',
      },
      notifyCustomer: true,
    });
    expect(created.trackingInfo).toEqual([
      { company: 'UPS', number: '1Z999AA10123456784', url: 'https://ups.example/1Z999AA10123456784' },
    ]);
    expect(sim.state.fulfillments[0]).toMatchObject({ notifyCustomer: true, orderId: '21' });
    expect(sim.state.orders.get('21')!.fulfillment_status).toBe('partial');
    const [after] = await fulfillmentOrdersForOrder(client, 21);
    expect(after!.status).toBe('IN_PROGRESS');
    expect(after!.lines[0]!.remainingQuantity).toBe(0);
    await fulfillmentCreate(client, { fulfillmentOrders: [{ fulfillmentOrderId: fo!.id }] });
    expect(sim.state.orders.get('21')!.fulfillment_status).toBe('fulfilled');
    expect((await fulfillmentOrdersForOrder(client, 21))[0]!.status).toBe('CLOSED');
  });

  it('maps a refusal to partner_validation naming the input field, and changes nothing', async () => {
    sim.createOrder(generateOrder({ id: 22, catalogue, lines: 1 }));
    const [fo] = await fulfillmentOrdersForOrder(client, 22);
    const line = fo!.lines[0]!;
    const e = await caught(
      fulfillmentCreate(client, {
        fulfillmentOrders: [
          { fulfillmentOrderId: fo!.id, lines: [{ id: line.id, quantity: line.remainingQuantity + 1 }] },
        ],
      }),
    );
    expect(e.code).toBe('partner_validation');
    expect(e.message).toContain(
      'fulfillment.lineItemsByFulfillmentOrder[0].fulfillmentOrderLineItems[0].quantity',
    );
    expect(sim.state.fulfillments).toHaveLength(0);
  });

  it('returns no fulfillment orders for an unknown order', async () => {
    expect(await fulfillmentOrdersForOrder(client, 999)).toEqual([]);
  });
});

describe('inventorySetQuantities', () => {
  const item = 'gid://shopify/InventoryItem/1';
  const loc = 'gid://shopify/Location/1';

  it('sets with compare-and-set, and the same idempotency key does not apply twice', async () => {
    sim.state.setInventory(item, loc, 5, 8, 'SKU-1');
    const input = {
      name: 'available' as const,
      referenceDocumentUri: 'gid://ferry/InventoryPublish/1',
      quantities: [{ inventoryItemId: item, locationId: loc, quantity: 12, changeFromQuantity: 5 }],
      idempotencyKey: '5b1f0b4e-7a0c-4d5e-9a57-3d1c2f3b4a5c',
    };
    const first = await inventorySetQuantities(client, input);
    expect(first).toMatchObject({
      status: 'applied',
      changes: [
        { name: 'available', delta: 7, quantityAfterChange: 12 },
        { name: 'on_hand', delta: 7, quantityAfterChange: 15 },
      ],
    });
    // A retry after a lost answer: same key → the first result, no second change.
    const replay = await inventorySetQuantities(client, input);
    expect(replay).toEqual(first);
    expect(sim.state.level(item, loc)!.quantities).toEqual({ available: 12, on_hand: 15 });
  });

  it('answers a stale compare as a typed conflict and writes nothing', async () => {
    sim.state.setInventory(item, loc, 5);
    sim.state.setInventory('gid://shopify/InventoryItem/2', loc, 3);
    const res = await inventorySetQuantities(client, {
      name: 'available',
      quantities: [
        {
          inventoryItemId: 'gid://shopify/InventoryItem/2',
          locationId: loc,
          quantity: 1,
          changeFromQuantity: 3,
        },
        { inventoryItemId: item, locationId: loc, quantity: 2, changeFromQuantity: 4 },
      ],
      idempotencyKey: 'k-stale-1',
    });
    expect(res).toEqual({
      status: 'stale',
      stale: [
        {
          index: 1,
          inventoryItemId: item,
          locationId: loc,
          message: expect.stringContaining('input.quantities[1].changeFromQuantity') as string,
        },
      ],
    });
    expect(sim.state.level('gid://shopify/InventoryItem/2', loc)!.quantities.available).toBe(3);
    // Re-read, recompute, publish with a new key.
    const [level] = await inventoryLevels(client, { inventoryItemIds: [item], locationId: loc });
    expect(level!.quantities).toEqual({ available: 5, on_hand: 5 });
    const retry = await inventorySetQuantities(client, {
      name: 'available',
      quantities: [
        {
          inventoryItemId: item,
          locationId: loc,
          quantity: 2,
          changeFromQuantity: level!.quantities!.available!,
        },
      ],
      idempotencyKey: 'k-stale-2',
    });
    expect(retry.status).toBe('applied');
  });

  it('throws partner_validation for other refusals, with the field path', async () => {
    const e = await caught(
      inventorySetQuantities(client, {
        name: 'available',
        quantities: [
          {
            inventoryItemId: item,
            locationId: 'gid://shopify/Location/9',
            quantity: 1,
            changeFromQuantity: null,
          },
        ],
        idempotencyKey: 'k-1',
      }),
    );
    expect(e.code).toBe('partner_validation');
    expect(e.message).toContain('input.quantities[0].locationId');
    expect(e.message).toContain('ITEM_NOT_STOCKED_AT_LOCATION');
  });

  it('is refused by 2026-04 without an @idempotent key, which the client always sends', async () => {
    const res = await fetch(`${sim.url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_simulator' },
      body: JSON.stringify({
        query:
          'mutation FerryInventorySetQuantities($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }',
        variables: { input: { name: 'available', reason: 'correction', quantities: [] } },
      }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toContain('@idempotent');
    await expect(
      inventorySetQuantities(client, { name: 'available', quantities: [], idempotencyKey: 'bad key"' }),
    ).rejects.toThrow('idempotency key must match');
  });

  it('reads levels in chunks and reports items not stocked at the location', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => `gid://shopify/InventoryItem/${i + 100}`);
    ids.slice(0, 129).forEach((id, i) => sim.state.setInventory(id, loc, i, i + 1, `SKU-${i}`));
    const levels = await inventoryLevels(client, { inventoryItemIds: ids, locationId: loc });
    expect(sim.stats.byOperation.FerryInventoryLevels).toBe(2);
    expect(levels[7]).toEqual({
      inventoryItemId: ids[7],
      sku: 'SKU-7',
      locationId: loc,
      quantities: { available: 7, on_hand: 8 },
    });
    expect(levels[129]!.quantities).toBeNull();
  });
});

describe('orderCancel', () => {
  it('returns a job that completes later, then the order is cancelled and orders/cancelled emitted', async () => {
    sim.createOrder(generateOrder({ id: 31, catalogue }));
    const job = await orderCancel(client, { orderId: 31, reason: 'CUSTOMER', restock: true });
    expect(job.done).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(await jobDone(client, job.jobId)).toBe(true);
    expect(sim.state.orders.get('31')).toMatchObject({
      cancel_reason: 'customer',
      financial_status: 'refunded',
    });
    expect(sim.emitted.map((d) => d.topic)).toEqual(['orders/cancelled']);
    const again = await caught(orderCancel(client, { orderId: 31, reason: 'CUSTOMER', restock: true }));
    expect(again.code).toBe('partner_validation');
    expect(again.message).toContain('orderId: Order has already been cancelled. (INVALID)');
  });

  it('is refused once the order has a fulfillment', async () => {
    sim.createOrder(generateOrder({ id: 32, catalogue }));
    const [fo] = await fulfillmentOrdersForOrder(client, 32);
    await fulfillmentCreate(client, { fulfillmentOrders: [{ fulfillmentOrderId: fo!.id }] });
    expect(
      (await caught(orderCancel(client, { orderId: 32, reason: 'STAFF', restock: false }))).message,
    ).toContain('Cannot cancel an order with fulfillments');
  });
});

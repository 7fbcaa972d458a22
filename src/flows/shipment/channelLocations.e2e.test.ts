/**
 * An order whose 60 lines Shopify routed to two locations, shipped by warehouses: the channel
 * step must make one fulfillmentCreate per location (Shopify refuses fulfillment orders of two
 * locations in one call) and fulfil every line exactly once. Real client, real simulator, real store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import { ShopifyGraphqlClient, shopifyChannelPort } from '../../connectors/shopify/index.js';
import { ShopifySimulator, generateCatalogue, generateOrder } from '../../sandbox/shopify/index.js';
import type { Store } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import { DEFAULT_RULES } from '../fulfilment/index.js';
import type { ShipmentNotice } from '../fulfilment/index.js';
import { resolveCarrier } from './carrier.js';
import { channelStep } from './channelStep.js';
import type { ShipmentDeps } from './deps.js';

const catalogue = generateCatalogue(120);
const L1 = 'gid://shopify/Location/1';
const L2 = 'gid://shopify/Location/2';

describeStores('channel step over fulfillment orders of two locations', (fx) => {
  let sim: ShopifySimulator;
  let client: ShopifyGraphqlClient;
  let store: Store;
  let deps: ShipmentDeps;

  beforeAll(async () => {
    sim = new ShopifySimulator({ bucket: { restoreRate: 2000 } });
    await sim.start();
    client = new ShopifyGraphqlClient({
      shopDomain: sim.shopDomain,
      baseUrl: sim.url,
      auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
    });
    store = await fx().open();
    const channel = { id: 'shop', port: shopifyChannelPort('shop', client) };
    deps = {
      odoo: undefined as never,
      channels: new Map([['shop', channel]]),
      clock: { now: () => Date.parse('2026-03-02T10:00:00Z') },
      rules: DEFAULT_RULES,
    };
  });
  afterAll(async () => {
    await client?.close();
    await sim?.stop();
    await store?.close();
  });

  /** A 60-line order, lines 0–29 routed to L1 and 30–59 to L2. */
  function placeOrder(id: number) {
    const json = generateOrder({ id, catalogue, lines: 60 });
    sim.createOrder(json);
    sim.state.routeOrder(String(id), (_, i) => (i < 30 ? L1 : L2));
    const order = { ref: `shop-${id}`, channel: 'shop', channelOrderId: String(id) } as OrderRow;
    return { order, lines: json.line_items.map((l) => ({ sku: l.sku, quantity: l.quantity })) };
  }

  async function ship(order: OrderRow, warehouse: string, lines: { sku: string; quantity: number }[]) {
    const notice = {
      shipment: {
        shipmentId: `${warehouse}-${order.ref}`,
        orderRef: order.ref,
        warehouse,
        lines,
        carrier: 'UPSN',
        trackingNumbers: [`1Z${warehouse}`],
        packages: [],
        shippedAt: '2026-03-02T10:00:00Z',
      },
      lines: [],
    } as unknown as ShipmentNotice;
    const s = { warehouse, shipmentId: notice.shipment.shipmentId, orderRef: order.ref, notice, now: 1 };
    await store.shipments.insertShipment(s);
    const row = (await store.shipments.getShipment(warehouse, s.shipmentId))!;
    const carrier = await resolveCarrier(store, deps.rules, warehouse, notice.shipment.carrier);
    return channelStep(store, deps, order, row, notice, carrier);
  }

  /** Per fulfillment-order line: total, what remains, and how many units the fulfillments carried. */
  function ledger(orderId: string) {
    const carried = new Map<string, number>();
    for (const f of sim.state.fulfillments.filter((x) => x.orderId === orderId))
      for (const l of f.lines)
        carried.set(
          l.fulfillmentOrderLineItemId,
          (carried.get(l.fulfillmentOrderLineItemId) ?? 0) + l.quantity,
        );
    return sim.state.fulfillmentOrdersOf(orderId).flatMap((fo) =>
      fo.lines.map((l) => ({
        total: l.totalQuantity,
        remaining: l.remainingQuantity,
        carried: carried.get(l.id) ?? 0,
      })),
    );
  }

  function locationsOf(orderId: string) {
    return sim.state.fulfillments
      .filter((f) => f.orderId === orderId)
      .map(
        (f) => new Set(f.lines.map((l) => sim.state.fulfillmentOrders.get(l.fulfillmentOrderId)!.locationId)),
      );
  }

  it('one shipment of all 60 lines makes two fulfillments, one per location, every line fulfilled once', async () => {
    const { order, lines } = placeOrder(7001);
    const outcome = await ship(order, 'wh-all', lines);
    expect(outcome).toMatchObject({
      kind: 'created',
      fulfillmentIds: [expect.any(String), expect.any(String)],
    });
    expect(locationsOf('7001')).toEqual([new Set([L1]), new Set([L2])]);
    const rows = ledger('7001');
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.carried === r.total && r.remaining === 0)).toBe(true);
  });

  it('two warehouses shipping their halves end with two fulfillments, every line fulfilled once', async () => {
    const { order, lines } = placeOrder(7002);
    await ship(order, 'wh-east', lines.slice(0, 30));
    await ship(order, 'wh-west', lines.slice(30));
    expect(locationsOf('7002')).toEqual([new Set([L1]), new Set([L2])]);
    const rows = ledger('7002');
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.carried === r.total && r.remaining === 0)).toBe(true);
    expect(sim.state.orders.get('7002')!.fulfillment_status).toBe('fulfilled');
  });
});

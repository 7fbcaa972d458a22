/**
 * Idempotency and round trips of order creation, counted by the simulator: a lost answer and a
 * concurrent duplicate both end in one order; a bad order in a batch is reported alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { order, rig } from '../../test-helpers/odooFixtures.js';
import type { Rig } from '../../test-helpers/odooFixtures.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

function ordersWithRef(x: Rig, ref: string) {
  return x.sim.core.db.where('sale.order', (o) => o.client_order_ref === ref);
}

describe.each([17, 19] as const)('orders on Odoo %i', (version) => {
  it('create+confirm of a 5-line order for a known customer costs 3 round trips once caches are warm', async () => {
    r = await rig(version);
    await r.client.createAndConfirmOrder(order(1)); // warms version, uid, customer and product caches
    r.sim.resetCounters();
    const { value, roundTrips } = await r.client.measure(() => r!.client.createAndConfirmOrder(order(2)));
    expect(value.state).toBe('sale');
    expect(roundTrips).toBe(3);
    expect(r.sim.requestCount).toBe(3);
    expect(r.client.roundTripsByOperation().createAndConfirmOrder).toEqual({
      calls: 2,
      roundTrips: expect.any(Number),
    });
  });

  it('a batch of 20 five-line orders costs 4 round trips in all', async () => {
    r = await rig(version);
    await r.client.createAndConfirmOrder(order(0));
    r.sim.resetCounters();
    const batch = Array.from({ length: 20 }, (_, i) => order(i + 1));
    const { value, roundTrips } = await r.client.measure(() => r!.client.createAndConfirmOrders(batch));
    expect(value.failed).toEqual([]);
    expect(value.ok).toHaveLength(20);
    expect(value.ok.every((o) => o.state === 'sale' && o.name?.startsWith('S'))).toBe(true);
    expect(roundTrips).toBe(4);
    expect(r.sim.requestCount).toBe(4);
    expect(r.sim.callCount('sale.order', 'create')).toBe(1);
    expect(r.sim.callCount('sale.order', 'action_confirm')).toBe(1);
  });

  it('more orders than the write batch size (25) go in several creates and confirms, each order once', async () => {
    r = await rig(version);
    await r.client.createAndConfirmOrder(order(0));
    r.sim.resetCounters();
    const batch = Array.from({ length: 30 }, (_, i) => order(i + 1));
    const res = await r.client.createAndConfirmOrders(batch);
    expect(res.failed).toEqual([]);
    expect(res.ok.filter((o) => o.state === 'sale')).toHaveLength(30);
    expect(r.sim.callCount('sale.order', 'create')).toBe(2);
    expect(r.sim.callCount('sale.order', 'action_confirm')).toBe(2);
    for (const o of batch) expect(ordersWithRef(r, `shop:${o.channelOrderId}`)).toHaveLength(1);
  });

  it('batches in flight together never confirm at once (confirms reserve the same stock)', async () => {
    r = await rig(version, {}, { latencyMs: 15 });
    await r.client.createAndConfirmOrder(order(0));
    const conn = r.client.connection;
    const call = conn.call.bind(conn);
    let confirming = 0;
    let most = 0;
    conn.call = async (model: string, method: string, ...rest: never[]) => {
      if (method !== 'action_confirm') return call(model, method, ...rest);
      most = Math.max(most, ++confirming);
      try {
        return await call(model, method, ...rest);
      } finally {
        confirming -= 1;
      }
    };
    const batches = [0, 1, 2, 3].map((b) => Array.from({ length: 5 }, (_, i) => order(10 + b * 5 + i)));
    const results = await Promise.all(batches.map((b) => r!.client.createAndConfirmOrders(b)));
    expect(results.flatMap((x) => x.ok).filter((o) => o.state === 'sale')).toHaveLength(20);
    expect(most).toBe(1);
  });

  it('a create whose answer was lost is found on retry: one order', async () => {
    r = await rig(version);
    r.sim.dropAnswers({ model: 'sale.order', method: 'create' });
    await expect(r.client.createAndConfirmOrder(order(7))).resolves.toMatchObject({ state: 'sale' });
    expect(ordersWithRef(r, 'shop:O-7')).toHaveLength(1);
    r.sim.dropAnswers({ model: 'sale.order', method: 'action_confirm' });
    const again = await r.client.createAndConfirmOrder(order(8));
    expect(again.state).toBe('sale');
    // the retry of the whole operation (what the queue does) finds it and changes nothing
    const retry = await r.client.createAndConfirmOrder(order(8));
    expect(retry).toMatchObject({ created: false, odooId: again.odooId });
    expect(ordersWithRef(r, 'shop:O-8')).toHaveLength(1);
  });

  it('two concurrent calls for the same order make one order', async () => {
    r = await rig(version, {}, { latencyMs: 20 });
    const [a, b] = await Promise.all([
      r.client.createAndConfirmOrder(order(9)),
      r.client.createAndConfirmOrder(order(9)),
    ]);
    expect(a.odooId).toBe(b.odooId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(ordersWithRef(r, 'shop:O-9')).toHaveLength(1);
    expect(r.sim.core.db.where('stock.picking', (p) => p.sale_id === a.odooId)).toHaveLength(1);
  });

  it('a batch with one order Odoo refuses creates all the others and reports the bad one', async () => {
    r = await rig(version, { taxes: [{ title: 'BROKEN', odooTaxId: 99999 }] });
    const bad = order(5, {});
    bad.lines[0]!.taxes = [{ title: 'BROKEN', rate: '0.1', amount: { amountMinor: 125, currency: 'USD' } }];
    const batch = [order(1), order(2), order(3), order(4), bad, order(6), order(7), order(8)];
    const res = await r.client.createAndConfirmOrders(batch);
    expect(res.ok.map((o) => o.channelRef).sort()).toEqual([
      'shop:O-1',
      'shop:O-2',
      'shop:O-3',
      'shop:O-4',
      'shop:O-6',
      'shop:O-7',
      'shop:O-8',
    ]);
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]).toMatchObject({
      channelRef: 'shop:O-5',
      error: { code: 'partner_missing_record' },
    });
    expect(ordersWithRef(r, 'shop:O-5')).toHaveLength(0);
  });

  it('a batch whose create answer was lost is resolved by reading back what exists', async () => {
    r = await rig(version);
    r.sim.dropAnswers({ model: 'sale.order', method: 'create' });
    const res = await r.client.createAndConfirmOrders([order(1), order(2), order(3)]);
    expect(res.ok).toHaveLength(3);
    expect(res.ok.every((o) => o.state === 'sale')).toBe(true);
    expect(r.sim.core.db.all('sale.order')).toHaveLength(3);
  });

  it('an unknown SKU is refused alone with mapping_missing', async () => {
    r = await rig(version);
    const odd = order(2);
    odd.lines[0]!.sku = 'NOPE';
    const res = await r.client.createAndConfirmOrders([order(1), odd]);
    expect(res.ok).toHaveLength(1);
    expect(res.failed[0]).toMatchObject({ channelRef: 'shop:O-2', error: { code: 'mapping_missing' } });
  });
});

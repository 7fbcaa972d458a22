/**
 * `rules.holds.highRisk` for an order Ferry first sees through the reconciliation poll: Shopify's
 * risk assessment (Admin GraphQL `Order.risk`) reaches the canonical order and holds it; a
 * low-risk order polled alongside is not held. (The REST webhook carries no risk: README, holds.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { CHANNEL_POLL_TASK, INTAKE_LANE } from './index.js';

describeStores('high-risk hold of a polled order', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, { distributor: { products: 5 } });
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const accepted = async (ref: string) =>
    (await rig.app.store.orders.getOrderByRef(ref))?.state === 'accepted';
  const events = async (ref: string) => {
    const row = (await rig.app.store.orders.getOrderByRef(ref))!;
    return rig.app.store.orders.listOrderEvents(row.id);
  };

  it('holds the order Shopify assesses HIGH, and not the one it assesses LOW', async () => {
    const shop = rig.dist.shops.get('shop-eu')!;
    // Created in the shop, webhooks lost: only the poll brings them.
    shop.createOrder(generateOrder({ id: 930001, catalogue: rig.dist.catalogue, lines: 2 }));
    shop.createOrder(generateOrder({ id: 930002, catalogue: rig.dist.catalogue, lines: 2 }));
    shop.state.risks.set('930001', { recommendation: 'CANCEL', assessments: [{ riskLevel: 'HIGH' }] });
    shop.state.risks.set('930002', { recommendation: 'ACCEPT', assessments: [{ riskLevel: 'LOW' }] });
    await rig.app.queue.enqueue({
      lane: INTAKE_LANE,
      task: CHANNEL_POLL_TASK,
      payload: { channel: 'shop-eu' },
    });
    await waitFor(() => accepted('shop-eu-930001'), 'the high-risk order accepted', 30_000);
    await waitFor(() => accepted('shop-eu-930002'), 'the low-risk order accepted', 30_000);

    const high = (await rig.app.store.orders.getOrderByRef('shop-eu-930001'))!;
    expect((high.canonical as { riskLevel?: string }).riskLevel).toBe('high');
    const holds = (await events('shop-eu-930001')).filter((e) => e.type === 'hold');
    expect(holds.map((e) => (e.detail as { kind: string }).kind)).toEqual(['risk']);

    const low = (await rig.app.store.orders.getOrderByRef('shop-eu-930002'))!;
    expect((low.canonical as { riskLevel?: string }).riskLevel).toBe('low');
    expect((await events('shop-eu-930002')).map((e) => e.type)).not.toContain('hold');
  }, 60_000);
});

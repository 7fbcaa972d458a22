import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import {
  fulfillments,
  odooPickings,
  placeOrder,
  startRig,
  type Rig,
} from '../../test-helpers/warehouseRig.js';

describeStores('a 3PL cancelling a line in its 945 under the keep-backorder rule', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['x12-folder'], { cancelledRest: 'keep-backorder' });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('CC + DS: Odoo done for what shipped, the backorder kept and named in an exception, Shopify not held', async () => {
    const o = await placeOrder(rig, 951001, 2);
    const [, second] = o.items;
    await waitFor(() => rig.dist.threePl!.orders.has(o.ref), '940 at the 3PL', 30_000);
    await rig.dist.threePl!.ship(o.ref, {
      quantities: { [second!.sku]: 0 },
      cancel: { [second!.sku]: 'DS' },
    });
    const open = async () =>
      (await rig.app.store.exceptions.listExceptions({ status: 'open' })).filter(
        (e) => e.entities.orderRef === o.ref,
      );
    await waitFor(async () => (await open()).length > 0, 'kept-backorder exception', 30_000);
    const [done, backorder] = odooPickings(rig, 'shop-eu:951001');
    expect([done!.state, backorder!.backorder_id]).toEqual(['done', done!.id]);
    expect(backorder!.state).not.toMatch(/done|cancel/);
    const [exc] = await open();
    expect(exc).toMatchObject({ code: 'rule_failed', impact: 'blocks-shipment' });
    expect(exc!.message).toContain(`${second!.sku} out of stock (DS)`);
    expect(exc!.message).toContain(`Odoo backorder ${String(backorder!.name)} is kept`);
    const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
    expect(row.state).toBe('shipped_partially');
    expect((await rig.app.store.orders.listOrderEvents(row.id)).map((e) => e.type)).toContain(
      'rest_cancelled',
    );
    expect(fulfillments(rig, o.id)).toHaveLength(1);
    const fos = rig.dist.shops.get('shop-eu')!.state.fulfillmentOrdersOf(o.id);
    expect(fos.map((fo) => fo.status)).not.toContain('ON_HOLD');
  }, 60_000);
});

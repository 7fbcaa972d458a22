/**
 * The completeness report against the simulated distributor: the channel's orders read from the
 * Shopify simulator's Admin API, Odoo's from the Odoo simulator, on both stores; the CLI's report,
 * the admin API's and the hourly alert are the same report.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from './index.js';
import type { Distributor } from '../sandbox/distributor.js';
import { generateOrder, type ShopifySimulator } from '../sandbox/shopify/index.js';
import type { CompletenessReport } from '../ops/completeness/index.js';
import { startRig, type Rig } from '../test-helpers/rig.js';
import { JumpClock, describeStores, waitFor } from '../test-helpers/stores.js';

describeStores('completeness report', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let shop: ShopifySimulator;
  let rig: Rig;
  const clock = new JumpClock();
  beforeAll(async () => {
    rig = await startRig(fx().location, { distributor: { products: 5 }, clock });
    ({ dist, app } = rig);
    shop = dist.shops.get('shop-eu')!;
    // The reconciliation poll would fetch the order whose webhook is withheld below; a cursor past
    // every order keeps it missing, as a lost webhook is until the poll runs.
    await app.store.cursors.setCursor(
      'shopify:shop-eu:orders',
      JSON.stringify({ updatedAt: '2100-01-01T00:00:00.000Z', id: '0' }),
      Date.now(),
    );
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const state = async (ref: string) => (await app.store.orders.getOrderByRef(ref))?.state;

  it('lists the order Ferry never received, the one Odoo lacks and the ones not shipped; alerts once overdue', async () => {
    const sent = [940_001, 940_002].map((id) =>
      shop.createOrder(generateOrder({ id, catalogue: dist.catalogue, createdAt: new Date().toISOString() })),
    );
    const lost = shop.createOrder(
      generateOrder({ id: 940_003, catalogue: dist.catalogue, createdAt: new Date().toISOString() }),
    );
    for (const d of sent) await shop.webhooks!.send(d);
    await waitFor(async () => (await state('shop-eu-940001')) === 'accepted', 'first order accepted', 20_000);
    await waitFor(
      async () => (await state('shop-eu-940002')) === 'accepted',
      'second order accepted',
      20_000,
    );
    // Odoo loses the second order (deleted there behind Ferry's back, e.g. a database restore).
    const [inOdoo] = dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:940002');
    dist.odoo.core.db.delete('sale.order', inOdoo!.id);
    const date = (lost.payload as { created_at: string }).created_at.slice(0, 10);

    const [r] = await app.completeness(date, 'shop-eu');
    expect(r!.counts).toEqual({ channel: 3, ferry: 2, odoo: 1, shipped: 0 });
    const missing = (s: keyof CompletenessReport['missing']) =>
      r!.missing[s].map((m) => [m.ref ?? m.channelOrderId, m.overdue]);
    expect(missing('ferry')).toEqual([['940003', false]]);
    expect(missing('odoo')).toEqual([['shop-eu-940002', false]]);
    expect(missing('shipped')).toEqual([['shop-eu-940001', false]]);

    const { token } = await new (await import('../api/auth/index.js')).TokenService(app.store, clock).create(
      { name: 'report', role: 'viewer' },
      'test',
    );
    const res = await fetch(`${app.url}/api/reports/completeness?date=${date}&channel=shop-eu`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const [viaApi] = (await res.json()) as CompletenessReport[];
    expect([viaApi!.counts, viaApi!.missing.ferry.map((m) => m.channelOrderId)]).toEqual([
      r!.counts,
      ['940003'],
    ]);
    const bad = await fetch(`${app.url}/api/reports/completeness?date=yesterday`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);

    // Three hours on, Ferry's and Odoo's service levels (15 and 120 minutes) have passed, the
    // warehouse's (72 hours) has not: the hourly check raises one alert per late stage.
    clock.jump(3 * 3_600_000);
    await waitFor(
      async () =>
        (await app.store.alerts.activeAlerts()).filter((a) => a.rule === 'completeness').length === 2,
      'completeness alerts',
      30_000,
    );
    const alerts = (await app.store.alerts.activeAlerts()).filter((a) => a.rule === 'completeness');
    expect(alerts.map((a) => [a.subject, a.message]).sort()).toEqual([
      ['shop-eu:ferry', '1 order(s) from shop-eu missing at ferry past its service level: shop-eu#940003'],
      ['shop-eu:odoo', '1 order(s) from shop-eu missing at odoo past its service level: shop-eu-940002'],
    ]);
  }, 120_000);
});

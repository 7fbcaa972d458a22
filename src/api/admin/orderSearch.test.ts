import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import type { Role } from '../auth/index.js';
import { adminApp, parkException, seedOrder } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores('console order search and order page', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const tokens = {} as Record<Role, string>;
  let order: { orderId: number; ref: string };

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    for (const role of ['viewer', 'operator'] as const)
      tokens[role] = (await s.tokens.create({ name: `o-${role}`, role }, 'test')).token;
    order = await seedOrder(store, clock.now(), '7001');
    await seedOrder(store, clock.now(), '7002');
    await store.orders.addOrderRefs(order.orderId, ['wms:west:order:000000917', 'odoo:sale.order:4201']);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (role: Role, url: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[role]}` } });
  const search = async (q: string) =>
    (await get('viewer', `/api/search?q=${encodeURIComponent(q)}`)).json<{
      results: { ref: string; state: string; exact: boolean; matched: { field: string; value: string } }[];
    }>().results;

  it('finds an order by any id, exactly or by prefix, naming what matched', async () => {
    expect(await search('eu-7001')).toEqual([
      {
        id: order.orderId,
        ref: 'eu-7001',
        state: 'confirmed',
        exact: true,
        updatedAt: clock.now(),
        matched: { field: 'ferry ref', value: 'eu-7001' },
      },
    ]);
    expect((await search('#7001'))[0]).toMatchObject({
      ref: 'eu-7001',
      matched: { field: 'channel order name', value: '#7001' },
    });
    expect((await search('S07001'))[0]).toMatchObject({ ref: 'eu-7001', matched: { field: 'odoo order' } });
    expect((await search('1z7001'))[0]).toMatchObject({
      ref: 'eu-7001',
      matched: { field: 'tracking number', value: '1Z7001' },
    });
    expect((await search('000000917'))[0]).toMatchObject({
      ref: 'eu-7001',
      matched: { field: 'warehouse order / EDI control number' },
    });
    const prefix = await search('700');
    expect(prefix.map((r) => r.ref).sort()).toEqual(['eu-7001', 'eu-7002']);
    expect(prefix.every((r) => !r.exact)).toBe(true);
    expect(await search('nothing-like-it')).toEqual([]);
    expect(await search('%')).toEqual([]);
  });

  it("shows an order's progress, what comes next, its actions by role, and its timeline with payloads", async () => {
    await storeDb(store)
      .updateTable('orders')
      .set({ state: 'accepted' })
      .where('id', '=', order.orderId)
      .execute();
    const exc = await parkException(store, clock.now(), {
      impact: 'blocks-shipment',
      orderingKey: `order:${order.ref}`,
    });
    const r = await get('operator', `/api/orders/${order.ref}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.progress.steps.map((x: { done: boolean }) => x.done)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(page.progress.next).toBe('Released to the warehouse');
    expect(page.progress.helper).toMatch(/Next it is released to the warehouse/);
    expect(page.openExceptions).toEqual([expect.objectContaining({ id: exc, fix: expect.any(String) })]);
    expect(page.actions.map((a: { action: string }) => a.action)).toEqual([
      'hold',
      'replay',
      'edit-replay',
      'skip',
    ]);
    const inbound = page.timeline.find((e: { kind: string }) => e.kind === 'inbox');
    expect(inbound.payload).toMatchObject({ direction: 'inbound', body: JSON.stringify({ id: '7001' }) });
    expect(page.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['inbox', 'event', 'exception']),
    );
    expect(page.order.canonical).toEqual({ n: '7001' });

    const viewer = (await get('viewer', `/api/orders/${order.orderId}`)).json();
    expect(viewer.actions).toEqual([]);
    expect((await get('viewer', '/api/orders/no-such-order')).statusCode).toBe(404);
  });
});

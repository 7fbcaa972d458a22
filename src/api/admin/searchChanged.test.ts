import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp, seedOrder } from '../../test-helpers/adminFixtures.js';

interface Found {
  results: { id: number; ref: string; updatedAt: number }[];
  serverTime: number;
}

describeStores('order search: "changed since" for polling', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    store = await fx().open({ clock });
    const built = await adminApp(store, clock);
    app = built.app;
    token = (await built.services.tokens.create({ name: 'vera', role: 'viewer' }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const search = async (q: string): Promise<Found> => {
    const r = await app.inject({
      method: 'GET',
      url: `/api/search?${q}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Found>();
  };

  it('answers only the matching orders that changed after the last look', async () => {
    const a = await seedOrder(store, clock.now(), '3101');
    await seedOrder(store, clock.now(), '3102');
    const first = await search('q=eu-310');
    expect(first.results.map((r) => r.ref).sort()).toEqual(['eu-3101', 'eu-3102']);
    expect(first.serverTime).toBe(clock.now());

    clock.advance(5000);
    expect((await search(`q=eu-310&changedSince=${first.serverTime}`)).results).toEqual([]);
    await store.orders.updateOrder(a.orderId, { odooName: 'S03101-B', now: clock.now() });
    const changed = await search(`q=eu-310&changedSince=${first.serverTime}`);
    expect(changed.results.map((r) => [r.ref, r.updatedAt])).toEqual([['eu-3101', clock.now()]]);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';
import type { SavedView } from './services/savedViews.js';

describeStores('console saved views and audit pages', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  let olga: string;
  let omar: string;
  let fiona: string;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    olga = (await s.tokens.create({ name: 'olga', role: 'operator' }, 'test')).token;
    omar = (await s.tokens.create({ name: 'omar', role: 'operator' }, 'test')).token;
    fiona = (await s.tokens.create({ name: 'fiona', role: 'finance' }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  it('keeps each user’s views to themselves: saved, listed by screen, replaced by name, deleted only by the owner', async () => {
    const saved = await call(olga, 'POST', '/api/views', {
      screen: 'exceptions',
      name: 'My SKU problems',
      query: '?status=open&code=mapping_missing&cursor=ZTo1MA',
    });
    expect(saved.statusCode).toBe(201);
    const view = saved.json<SavedView>();
    // The page cursor is a moment's position, not a filter: it is not kept.
    expect(view).toMatchObject({
      screen: 'exceptions',
      name: 'My SKU problems',
      query: 'status=open&code=mapping_missing',
    });
    await call(olga, 'POST', '/api/views', { screen: 'orders', name: 'EU', query: 'q=eu-' });

    expect(
      (await call(olga, 'GET', '/api/views?screen=exceptions')).json<SavedView[]>().map((v) => v.name),
    ).toEqual(['My SKU problems']);
    expect((await call(olga, 'GET', '/api/views')).json<SavedView[]>()).toHaveLength(2);
    expect((await call(omar, 'GET', '/api/views')).json()).toEqual([]);

    const again = await call(olga, 'POST', '/api/views', {
      screen: 'exceptions',
      name: 'My SKU problems',
      query: 'status=open&code=mapping_missing&assignee=me',
    });
    expect(again.json<SavedView>().id).toBe(view.id);
    expect((await call(olga, 'GET', '/api/views?screen=exceptions')).json<SavedView[]>()[0]!.query).toBe(
      'status=open&code=mapping_missing&assignee=me',
    );

    const stolen = await call(omar, 'DELETE', `/api/views/${view.id}`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().message).toBe(`you have no saved view ${view.id}`);
    expect((await call(olga, 'DELETE', `/api/views/${view.id}`)).statusCode).toBe(200);
    expect((await call(olga, 'GET', '/api/views?screen=exceptions')).json()).toEqual([]);
  });

  it('refuses a view without a name, for an unknown screen, or with an oversized query, saying which', async () => {
    const blank = await call(olga, 'POST', '/api/views', { screen: 'exceptions', name: '   ', query: 'a=1' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('a saved view needs a name');
    const screen = await call(olga, 'POST', '/api/views', { screen: 'secrets', name: 'x', query: '' });
    expect(screen.statusCode).toBe(400);
    expect(screen.json().message).toContain('screen');
    const long = await call(olga, 'POST', '/api/views', {
      screen: 'orders',
      name: 'x',
      query: 'q='.padEnd(2100, 'x'),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('at most 2000 characters');
  });

  it('pages the audit trail by keyset, newest first, and answers only what is new since the last look', async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await store.audit.appendAudit({
        actor: 'user:ada',
        action: 'mapping.set',
        targetKind: 'mapping',
        targetId: `sku/eu/K${i}`,
        at: clock.now(),
        before: null,
        after: { i },
      });
    }
    type Page = {
      items: { targetId: string }[];
      nextCursor: string | null;
      total: number;
      serverTime: number;
    };
    const first = (await call(fiona, 'GET', '/api/audit/entries?action=mapping.&limit=2')).json<Page>();
    expect(first.items.map((a) => a.targetId)).toEqual(['sku/eu/K4', 'sku/eu/K3']);
    expect(first.total).toBe(5);
    const second = (
      await call(fiona, 'GET', `/api/audit/entries?action=mapping.&limit=2&cursor=${first.nextCursor}`)
    ).json<Page>();
    expect(second.items.map((a) => a.targetId)).toEqual(['sku/eu/K2', 'sku/eu/K1']);
    const last = (
      await call(fiona, 'GET', `/api/audit/entries?action=mapping.&limit=2&cursor=${second.nextCursor}`)
    ).json<Page>();
    expect(last.items.map((a) => a.targetId)).toEqual(['sku/eu/K0']);
    expect(last.nextCursor).toBeNull();

    const since = first.serverTime;
    expect((await call(fiona, 'GET', `/api/audit/entries?changedSince=${since}`)).json<Page>().total).toBe(0);
    clock.advance(1000);
    await store.audit.appendAudit({
      actor: 'user:ada',
      action: 'mapping.set',
      targetKind: 'mapping',
      targetId: 'sku/eu/K5',
      at: clock.now(),
      before: null,
      after: null,
    });
    const fresh = (await call(fiona, 'GET', `/api/audit/entries?changedSince=${since}`)).json<Page>();
    expect(fresh.items.map((a) => a.targetId)).toEqual(['sku/eu/K5']);

    const bad = await call(fiona, 'GET', '/api/audit/entries?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('cursor "bm9wZQ" is not one this API gave out');
    // An operator does not read the audit trail: refused, as the console hides it.
    expect((await call(olga, 'GET', '/api/audit/entries')).statusCode).toBe(403);
  });
});

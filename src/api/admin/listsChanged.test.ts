import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';

interface Version {
  key: string;
  value: string | null;
  version: number;
}
interface User {
  id: number;
  name: string;
  role: string;
  disabled: boolean;
  activeTokens: number;
}

describeStores('mappings and users lists: "changed since" for the console\'s polling', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  let admin: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    admin = (await s.tokens.create({ name: 'ada', role: 'admin' }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = async <T>(
    method: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
  ) => {
    const r = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${admin}` },
      ...(payload ? { payload } : {}),
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<T>();
  };

  it('mappings: only what changed after the last look, a removal included, nothing of another scope', async () => {
    await call('PUT', '/api/mappings/sku/eu/A-1', { value: 'SKU-1' });
    await call('PUT', '/api/mappings/sku/eu/A-2', { value: 'SKU-2' });
    const seen = clock.now();
    clock.advance(5000);
    expect(await call<Version[]>('GET', `/api/mappings/sku/eu?changedSince=${seen}`)).toEqual([]);

    await call('PUT', '/api/mappings/sku/eu/A-1', { value: 'SKU-9' });
    await call('PUT', '/api/mappings/sku/eu/A-1', { value: 'SKU-10' });
    await call('DELETE', '/api/mappings/sku/eu/A-2');
    await call('PUT', '/api/mappings/sku/us/A-1', { value: 'SKU-1' });
    const changed = await call<Version[]>('GET', `/api/mappings/sku/eu?changedSince=${seen}`);
    expect(changed.map((v) => [v.key, v.value, v.version])).toEqual([
      ['A-1', 'SKU-10', 3],
      ['A-2', null, 2],
    ]);
    // Without it, the list is what it always was: the current mappings.
    const all = await call<Version[]>('GET', '/api/mappings/sku/eu');
    expect(all.map((v) => [v.key, v.value])).toEqual([['A-1', 'SKU-10']]);
  });

  it('users: a role changed, a token minted, a token expired after the last look', async () => {
    const u = await call<User>('POST', '/api/users', { name: 'otto', role: 'operator' });
    await call('POST', '/api/users', { name: 'vera', role: 'viewer' });
    const seen = clock.now();
    clock.advance(5000);
    const since = async () =>
      (await call<User[]>('GET', `/api/users?changedSince=${seen}`)).map((x) => [
        x.name,
        x.role,
        x.activeTokens,
      ]);
    expect(await since()).toEqual([]);

    await call('PATCH', `/api/users/${u.id}`, { role: 'finance' });
    expect(await since()).toEqual([['otto', 'finance', 0]]);

    const vera = (await call<User[]>('GET', '/api/users')).find((x) => x.name === 'vera')!;
    await call('POST', `/api/users/${vera.id}/tokens`, { expiresInDays: 1 });
    expect(await since()).toEqual([
      ['otto', 'finance', 0],
      ['vera', 'viewer', 1],
    ]);

    // A token expiring counts as a change too: the live token count drops.
    const later = clock.now();
    clock.advance(86_400_000 + 1);
    expect(
      (await call<User[]>('GET', `/api/users?changedSince=${later}`)).map((x) => [x.name, x.activeTokens]),
    ).toEqual([['vera', 0]]);
    const quiet = clock.now();
    clock.advance(1000);
    expect(await call<User[]>('GET', `/api/users?changedSince=${quiet}`)).toEqual([]);
  });
});

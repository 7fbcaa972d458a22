import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { SecretService, parseKeyRing } from '../../ops/secrets/index.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const ring = parseKeyRing(
  JSON.stringify({ primary: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
  'test',
);

describeStores('admin API: audit trail and tokens', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  let admin: string;
  const clock = new ManualClock();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, token = admin) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, { secrets: new SecretService(store, ring, clock) }));
    admin = (await s.tokens.create({ name: 'alice', role: 'admin' }, 'bootstrap')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('records who, what, before and after for every mutating action', async () => {
    const e1 = await parkException(store, clock.now(), { impact: 'finance' });
    const e2 = await parkException(store, clock.now(), { impact: 'finance' });
    const e3 = await parkException(store, clock.now(), { impact: 'finance' });
    const actions: [string, () => Promise<unknown>, string, unknown, unknown][] = [
      [
        'lane.pause',
        () => call('POST', '/api/lanes/orders/pause'),
        'orders',
        { paused: false },
        { paused: true },
      ],
      [
        'lane.resume',
        () => call('POST', '/api/lanes/orders/resume'),
        'orders',
        { paused: true },
        { paused: false },
      ],
      [
        'exception.replay',
        () => call('POST', `/api/exceptions/${e1}/replay`),
        String(e1),
        { status: 'open' },
        { status: 'replayed' },
      ],
      [
        'exception.edit_replay',
        () => call('POST', `/api/exceptions/${e2}/edit-replay`, { payload: { sku: 'X-2' } }),
        String(e2),
        { payload: expect.any(Object) },
        { payload: { sku: 'X-2' } },
      ],
      [
        'exception.skip',
        () => call('POST', `/api/exceptions/${e3}/skip`, { reason: 'test order' }),
        String(e3),
        { status: 'open' },
        { status: 'skipped', reason: 'test order' },
      ],
      [
        'mapping.set',
        () => call('PUT', '/api/mappings/sku/eu/X-1', { value: '41' }),
        'sku/eu/X-1',
        null,
        { version: 1, value: '41' },
      ],
      [
        'mapping.set',
        () => call('PUT', '/api/mappings/sku/eu/X-1', { value: '42' }),
        'sku/eu/X-1',
        { version: 1, value: '41' },
        { version: 2, value: '42' },
      ],
      [
        'mapping.rollback',
        () => call('POST', '/api/mappings/sku/eu/X-1/rollback', { version: 1 }),
        'sku/eu/X-1',
        { version: 2, value: '42' },
        { version: 3, value: '41' },
      ],
      [
        'mapping.remove',
        () => call('DELETE', '/api/mappings/sku/eu/X-1'),
        'sku/eu/X-1',
        { version: 3, value: '41' },
        { version: 4, value: null },
      ],
      [
        'shadow.set',
        () => call('PUT', '/api/shadow/order-intake/eu', { enabled: true }),
        'order-intake/eu',
        { enabled: null },
        { enabled: true },
      ],
      [
        'token.create',
        () => call('POST', '/api/tokens', { name: 'bob', role: 'viewer' }),
        'bob',
        null,
        { id: expect.any(Number), role: 'viewer', expiresAt: null },
      ],
      [
        'token.revoke',
        async () =>
          call('DELETE', `/api/tokens/${(await s.tokens.list()).find((t) => t.name === 'bob')!.id}`),
        'bob',
        { id: expect.any(Number), status: 'active' },
        { id: expect.any(Number), status: 'revoked' },
      ],
      [
        'secret.set',
        () => call('PUT', '/api/secrets/ODOO_KEY', { value: 'k-123-secret' }),
        'ODOO_KEY',
        null,
        { version: 1, keyId: 'k1' },
      ],
    ];
    for (const [action, run, targetId, before, after] of actions) {
      clock.advance(1000);
      const r = (await run()) as { statusCode: number; body: string };
      expect(r.statusCode, `${action}: ${r.body}`).toBeLessThan(300);
      const [entry] = (await call('GET', `/api/audit?limit=1`)).json();
      expect(entry, action).toMatchObject({
        action,
        actor: 'token:alice',
        targetId,
        at: clock.now(),
        before,
        after,
      });
    }
    // A change that changes nothing (pausing a running lane twice) leaves no entry.
    await call('POST', '/api/lanes/orders/resume');
    expect((await call('GET', '/api/audit?limit=1')).json()[0].action).toBe('secret.set');
    expect(JSON.stringify((await call('GET', '/api/audit?limit=100')).json())).not.toContain('k-123-secret');
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await expect(storeDb(store).updateTable('audit_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(storeDb(store).deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('shows a token once, stores only its hash, and refuses it after expiry or revocation', async () => {
    const created = await call('POST', '/api/tokens', { name: 'carol', role: 'viewer', expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json();
    expect(token).toMatch(/^fy_/);
    const rows = await storeDb(store).selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify((await call('GET', '/api/tokens')).json())).not.toContain(token);
    expect((await call('GET', '/api/lanes', undefined, token)).statusCode).toBe(200);
    clock.advance(86_400_000);
    const expired = await call('GET', '/api/lanes', undefined, token);
    expect(expired.statusCode).toBe(401);
    expect(
      (await call('GET', '/api/tokens')).json().find((t: { id: number }) => t.id === info.id).status,
    ).toBe('expired');

    const { token: dave, info: daveInfo } = await s.tokens.create({ name: 'dave', role: 'operator' }, 'test');
    expect((await call('GET', '/api/lanes', undefined, dave)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/tokens/${daveInfo.id}`)).statusCode).toBe(200);
    expect((await call('GET', '/api/lanes', undefined, dave)).statusCode).toBe(401);
    expect((await call('DELETE', `/api/tokens/${daveInfo.id}`)).statusCode).toBe(409);
    // A token-shaped guess and a malformed header are refused the same way.
    expect((await call('GET', '/api/lanes', undefined, `fy_${'A'.repeat(43)}`)).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/lanes',
      headers: { authorization: 'Basic abc' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('answers with clear errors: unknown lane, missing exception, bad body', async () => {
    const lane = await call('POST', '/api/lanes/nope/pause');
    expect(lane.statusCode).toBe(404);
    expect(lane.json().message).toContain('unknown lane "nope"');
    expect((await call('GET', '/api/exceptions/999999')).statusCode).toBe(404);
    const skip = await call('POST', `/api/exceptions/1/skip`, {});
    expect(skip.statusCode).toBe(400);
  });
});

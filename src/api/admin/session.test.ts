import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { MIGRATIONS } from '../../store/migrations/index.js';
import { openStore, type Store } from '../../store/index.js';
import { LOGIN_LINK_TTL_MS } from '../auth/index.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const cookieOf = (r: LightMyRequestResponse): string => {
  const set = String(r.headers['set-cookie']);
  return set.slice(0, set.indexOf(';'));
};

describeStores('console sign-in: users, sessions, CSRF, one-time links', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  let adminToken: string;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    await s.users.add({ name: 'olga', role: 'operator' }, 'test');
    adminToken = (await s.tokens.create({ name: 'ada', role: 'admin' }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const signIn = async (
    token: string,
  ): Promise<{ cookie: string; csrf: string; r: LightMyRequestResponse }> => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { token } });
    expect(r.statusCode, r.body).toBe(200);
    return { cookie: cookieOf(r), csrf: r.json<{ csrfToken: string }>().csrfToken, r };
  };

  it('exchanges a token for an HttpOnly, SameSite=Strict cookie and answers who signed in', async () => {
    const { token } = await s.users.token('olga', 'test');
    const { r, cookie, csrf } = await signIn(token);
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/^ferry_session=[A-Za-z0-9_-]{43}; /);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).not.toContain('Secure');
    expect(r.json()).toEqual({
      user: { id: expect.any(Number), name: 'olga', role: 'operator' },
      permissions: expect.arrayContaining(['read', 'exceptions.act', 'personal.read']),
      csrfToken: csrf,
    });
    expect(r.json().permissions).not.toContain('users.manage');
    const again = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(again.json()).toEqual(r.json());
    // The cookie alone reads.
    expect((await app.inject({ method: 'GET', url: '/api/lanes', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it('refuses a change made with the cookie but without the matching x-csrf-token header', async () => {
    const { token } = await s.users.token('olga', 'test');
    const { cookie, csrf } = await signIn(token);
    const pause = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/lanes/intake/pause', headers });
    const missing = await pause({ cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().message).toContain('x-csrf-token');
    expect((await pause({ cookie, 'x-csrf-token': `${csrf.slice(0, -1)}x` })).statusCode).toBe(403);
    expect((await pause({ cookie, 'x-csrf-token': csrf })).statusCode).toBe(200);
    // A bearer token needs no CSRF header: no browser attaches it by itself.
    expect((await pause({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    const audit = await storeDb(s.store)
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'lane.pause')
      .execute();
    expect(audit.map((a) => a.actor)).toContain('user:olga');
  });

  it('signs out, and a revoked token or a disabled user ends the sessions', async () => {
    const { token, info } = await s.users.token('olga', 'test');
    const a = await signIn(token);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(out.json()).toEqual({ signedOut: true });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(401);

    const b = await signIn(token);
    await s.tokens.revoke(info.id, 'test');
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(401);

    const u = await s.users.add({ name: 'dan', role: 'viewer' }, 'test');
    const c = await signIn((await s.users.token('dan', 'test')).token);
    await s.users.update(u.id, { disabled: true }, 'test');
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: c.cookie } })).statusCode,
    ).toBe(401);
  });

  it('refuses a bad token with 401 and sets no cookie', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { token: 'fy_nope' } });
    expect(r.statusCode).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('a one-time link signs in once, then goes back to the sign-in page; it expires after 15 minutes', async () => {
    const { path } = await s.users.link('olga', 'test');
    const first = await app.inject({ method: 'GET', url: path });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/console/');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    const session = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieOf(first) },
    });
    expect(session.json().user).toMatchObject({ name: 'olga', role: 'operator' });
    const second = await app.inject({ method: 'GET', url: path });
    expect(second.headers.location).toBe('/console/login?error=link');
    expect(second.headers['set-cookie']).toBeUndefined();

    const late = await s.users.link('olga', 'test');
    clock.advance(LOGIN_LINK_TTL_MS + 1);
    expect((await app.inject({ method: 'GET', url: late.path })).headers.location).toBe(
      '/console/login?error=link',
    );
  });

  it("a role change reaches the user's tokens; a token for another role under a taken name is refused", async () => {
    const u = await s.users.add({ name: 'vic', role: 'viewer' }, 'test');
    const { token } = await s.users.token('vic', 'test');
    const pause = () =>
      app.inject({
        method: 'POST',
        url: '/api/lanes/intake/resume',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await pause()).statusCode).toBe(403);
    const r = await app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { role: 'operator' },
    });
    expect(r.json()).toMatchObject({ name: 'vic', role: 'operator' });
    expect((await pause()).statusCode).toBe(200);
    await expect(s.tokens.create({ name: 'vic', role: 'admin' }, 'test')).rejects.toThrow(/vic is operator/);
    const list = await app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(list.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'vic', role: 'operator', activeTokens: 1 })]),
    );
  });
});

describe('migration 0009 gives every existing token an owning user', () => {
  describeStores('tokens before users', (fx) => {
    it('keeps each token working with the role it had', async () => {
      const raw = await openStore(fx().location, { migrate: false });
      try {
        await raw.transaction(async (tx) => {
          const dialect = raw.dialect;
          await sql`create table if not exists ferry_migrations (version integer primary key, name text not null, applied_at bigint not null)`.execute(
            storeDb(tx),
          );
          for (const m of MIGRATIONS.filter((x) => x.version < 9)) {
            for (const stmt of m[dialect]) await sql.raw(stmt).execute(storeDb(tx));
            await storeDb(tx)
              .insertInto('ferry_migrations')
              .values({ version: m.version, name: m.name, applied_at: 0 })
              .execute();
          }
          let i = 0;
          for (const [name, role] of [
            ['alice', 'admin'],
            ['bob', 'viewer'],
            ['bob', 'operator'],
          ] as const)
            await sql`insert into api_tokens (name, role, token_hash, prefix, created_at, created_by) values (${name}, ${role}, ${`h${++i}`}, 'fy_x', ${i}, 'test')`.execute(
              storeDb(tx),
            );
        });
        await raw.migrate();
        const users = await storeDb(raw)
          .selectFrom('users')
          .select(['id', 'name', 'role'])
          .orderBy('name')
          .execute();
        expect(users.map((u) => [u.name, u.role])).toEqual([
          ['alice', 'admin'],
          ['bob', 'operator'],
          ['bob-viewer', 'viewer'],
        ]);
        const tokens = await storeDb(raw)
          .selectFrom('api_tokens as t')
          .innerJoin('users as u', 'u.id', 't.user_id')
          .select(['t.name', 't.role as tokenRole', 'u.role as userRole'])
          .orderBy('t.id')
          .execute();
        expect(tokens).toHaveLength(3);
        for (const t of tokens) expect(t.userRole).toBe(t.tokenRole);
      } finally {
        await raw.close();
      }
    });
  });
});

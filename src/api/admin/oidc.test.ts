import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import { signInAtProvider, startProvider, type TestProvider } from '../../test-helpers/oidcProvider.js';
import type { OidcOptions } from '../auth/index.js';
import type { AdminServices } from './context.js';

const REDIRECT = 'http://localhost:8080/console/auth/oidc/callback';

/** The provider's accounts: login → claims. */
const ACCOUNTS = {
  olga: { email: 'olga@example.com', email_verified: true, groups: ['staff'] },
  stranger: { email: 'stranger@example.com', email_verified: true, groups: ['ferry-ops'] },
  unverified: { email: 'olga@example.com', email_verified: false },
  fin: { email: 'fin@example.com', email_verified: true, groups: ['staff', 'ferry-finance'] },
  newcomer: { email: 'newcomer@example.com', email_verified: true, groups: ['ferry-ops'] },
  nobody: { email: 'nobody@example.com', email_verified: true, groups: ['staff'] },
  gone: { email: 'gone@example.com', email_verified: true },
  // A provider that sends the address in its own case, with a + tag, and "true" as a string.
  tagged: { email: 'Ada.Lovelace+Ops@EXAMPLE.com', email_verified: 'true' },
};

const setCookies = (r: LightMyRequestResponse): string[] => {
  const h = r.headers['set-cookie'];
  return h === undefined ? [] : Array.isArray(h) ? h : [String(h)];
};
const cookieNamed = (r: LightMyRequestResponse, name: string): string | undefined =>
  setCookies(r)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describeStores('console single sign-on with a real OpenID Connect provider', (fx) => {
  let store: Store;
  let provider: TestProvider;
  const clock = new ManualClock();
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    provider = await startProvider(REDIRECT, ACCOUNTS);
    store = await fx().open({ clock });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await store.close();
    await provider.close();
  });

  /** A Ferry admin API with console.oidc pointing at the provider, plus these rules. */
  const ferry = async (
    rules: Partial<OidcOptions> = {},
  ): Promise<{ app: FastifyInstance; s: AdminServices }> => {
    const { app, services } = await adminApp(store, clock, {
      oidc: {
        name: 'Acme ID',
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUrl: REDIRECT,
        scopes: ['openid', 'email', 'profile', 'groups'],
        userClaim: 'email',
        requireVerifiedEmail: true,
        timeoutMs: 5000,
        ...rules,
      },
    });
    apps.push(app);
    return { app, s: services };
  };

  /** Starts sign-on at Ferry: the provider's URL and the flow cookie the browser now holds. */
  const start = async (app: FastifyInstance): Promise<{ url: string; flowCookie: string }> => {
    const r = await app.inject({ method: 'GET', url: '/console/auth/oidc/start' });
    expect(r.statusCode, r.body).toBe(303);
    const flowCookie = cookieNamed(r, 'ferry_oidc');
    expect(flowCookie).toBeDefined();
    return { url: String(r.headers.location), flowCookie: flowCookie! };
  };

  /** The provider's redirect back, delivered to Ferry with the flow cookie. */
  const callback = (app: FastifyInstance, back: URL, flowCookie: string) =>
    app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: flowCookie } });

  /** The whole flow as a browser runs it, signing in at the provider as `login`. */
  const signOn = async (app: FastifyInstance, login: string): Promise<LightMyRequestResponse> => {
    const { url, flowCookie } = await start(app);
    return callback(app, await signInAtProvider(url, login), flowCookie);
  };

  const auditOf = async (action: string) =>
    (await store.audit.listAudit({ action, limit: 50 })).map((a) => ({
      actor: a.actor,
      targetId: a.targetId,
      after: a.after as Record<string, unknown>,
    }));

  it('sends the browser to the provider with PKCE (S256), state and nonce, in a Lax flow cookie', async () => {
    const { app } = await ferry();
    const r = await app.inject({ method: 'GET', url: '/console/auth/oidc/start' });
    const to = new URL(String(r.headers.location));
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'ferry',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid email profile groups',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const set = setCookies(r).find((c) => c.startsWith('ferry_oidc='))!;
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Lax');
    expect(set).toContain('Max-Age=600');
    // The flow cookie holds the state the provider will hand back; the verifier never leaves it.
    expect(set).toContain(to.searchParams.get('state')!);
    expect(to.searchParams.has('code_verifier')).toBe(false);
    const providers = await app.inject({ method: 'GET', url: '/api/session/providers' });
    expect(providers.json()).toEqual({
      providers: [{ kind: 'oidc', name: 'Acme ID', startUrl: '/console/auth/oidc/start' }],
    });
  });

  it('signs a known user in with their role: the same session cookie as token sign-in, audited', async () => {
    const { app, s } = await ferry();
    await s.users.add({ name: 'olga@example.com', role: 'operator' }, 'test');
    const r = await signOn(app, 'olga');
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe('/console/');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const session = setCookies(r).find((c) => c.startsWith('ferry_session='))!;
    expect(session).toMatch(/^ferry_session=[A-Za-z0-9_-]{43}; /);
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
    // The flow is used up.
    expect(setCookies(r).find((c) => c.startsWith('ferry_oidc='))).toContain('Max-Age=0');
    const cookie = session.split(';')[0]!;
    const who = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(who.json()).toMatchObject({
      user: { name: 'olga@example.com', role: 'operator' },
      permissions: expect.arrayContaining(['exceptions.act']),
      csrfToken: expect.any(String),
    });
    // The session acts like any other: a change needs its CSRF token.
    const pause = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/lanes/intake/pause', headers });
    expect((await pause({ cookie })).statusCode).toBe(403);
    expect((await pause({ cookie, 'x-csrf-token': who.json().csrfToken })).statusCode).toBe(200);
    expect(await auditOf('session.sign-in')).toContainEqual({
      actor: 'user:olga@example.com',
      targetId: 'olga@example.com',
      after: { method: 'oidc', provider: 'Acme ID', role: 'operator' },
    });
  });

  it('refuses an identity that is no Ferry user, says why, audits it, and creates nobody', async () => {
    const { app } = await ferry();
    const r = await signOn(app, 'stranger');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/console/login?error=sso&reason=unknown_user');
    expect(cookieNamed(r, 'ferry_session')).toBeUndefined();
    expect(await store.users.findUser({ name: 'stranger@example.com' })).toBeNull();
    const refused = await auditOf('session.sign-in-refused');
    expect(refused).toContainEqual({
      actor: 'oidc:stranger@example.com',
      targetId: 'stranger@example.com',
      after: {
        method: 'oidc',
        provider: 'Acme ID',
        reason: 'unknown_user',
        message:
          'stranger@example.com is not a Ferry user: ask an admin to add you (ferry users add stranger@example.com --role viewer)',
      },
    });
  });

  it('refuses a redirect whose state was changed, before spending the code', async () => {
    const { app, s } = await ferry();
    await s.users.add({ name: 'fin@example.com', role: 'finance' }, 'test');
    const { url, flowCookie } = await start(app);
    const back = await signInAtProvider(url, 'fin');
    const forged = new URL(back);
    forged.searchParams.set('state', `${back.searchParams.get('state')!.slice(0, -2)}xx`);
    const before = provider.tokenRequests();
    const r = await callback(app, forged, flowCookie);
    expect(r.headers.location).toBe('/console/login?error=sso&reason=state_mismatch');
    expect(cookieNamed(r, 'ferry_session')).toBeUndefined();
    expect(provider.tokenRequests()).toBe(before);
    const mismatches = async () =>
      (await auditOf('session.sign-in-refused')).filter((a) => a.after.reason === 'state_mismatch').length;
    expect(await mismatches()).toBe(1);
    // Without the flow cookie (no sign-in started in this browser) it is refused the same way,
    // but not audited: anyone can send these, as often as they like.
    for (let i = 0; i < 3; i++) {
      const elsewhere = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
      expect(elsewhere.headers.location).toBe('/console/login?error=sso&reason=state_mismatch');
    }
    expect(await mismatches()).toBe(1);
    // The code was not spent: the browser that started the flow still signs in with it.
    const ok = await callback(app, back, flowCookie);
    expect(ok.headers.location).toBe('/console/');
  });

  it("refuses an ID token issued for another nonce than this browser's flow", async () => {
    const { app, s } = await ferry();
    await s.users.add({ name: 'gone@example.com', role: 'viewer' }, 'test');
    const { url, flowCookie } = await start(app);
    // The provider is asked for a token bound to a nonce the flow cookie does not hold, as an
    // authorization response captured from another flow would be.
    const other = new URL(url);
    other.searchParams.set('nonce', 'a-nonce-from-another-flow-0123456789abcdef');
    const r = await callback(app, await signInAtProvider(other.href, 'gone'), flowCookie);
    expect(r.headers.location).toBe('/console/login?error=sso&reason=verification_failed');
    expect(cookieNamed(r, 'ferry_session')).toBeUndefined();
    const refused = (await auditOf('session.sign-in-refused')).find(
      (a) => a.after.reason === 'verification_failed',
    );
    expect(refused?.after.message).toMatch(/nonce/);
  });

  it('matches the e-mail in any case, + tags included, to the user as Ferry keeps it', async () => {
    const { app, s } = await ferry();
    await s.users.add({ name: 'ada.lovelace+ops@Example.com', role: 'finance' }, 'test');
    const r = await signOn(app, 'tagged');
    expect(r.headers.location).toBe('/console/');
    const cookie = cookieNamed(r, 'ferry_session')!;
    const who = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(who.json()).toMatchObject({ user: { name: 'ada.lovelace+ops@Example.com', role: 'finance' } });
    expect((await auditOf('session.sign-in')).map((a) => a.targetId)).toContain(
      'ada.lovelace+ops@Example.com',
    );
    expect(
      (await s.users.list()).filter((u) => u.name.toLowerCase().startsWith('ada.lovelace')),
    ).toHaveLength(1);
  });

  it('refuses an e-mail the provider has not verified, and a disabled user', async () => {
    const { app, s } = await ferry();
    const r = await signOn(app, 'unverified');
    expect(r.headers.location).toBe('/console/login?error=sso&reason=email_unverified');
    const u = await s.users.add({ name: 'nobody@example.com', role: 'viewer' }, 'test');
    await s.users.update(u.id, { disabled: true }, 'test');
    expect((await signOn(app, 'nobody')).headers.location).toBe(
      '/console/login?error=sso&reason=user_disabled',
    );
  });

  it('takes roles from groups, creates users only when configured, and never touches an admin', async () => {
    const groups = {
      claim: 'groups',
      roles: [
        { group: 'ferry-finance', role: 'finance' },
        { group: 'ferry-ops', role: 'operator' },
      ],
    } as const;
    const { app, s } = await ferry({ groups, autoCreateRole: 'viewer' });
    // An existing viewer in ferry-finance becomes finance, audited as done by sign-on.
    await s.users.update((await s.users.get({ name: 'fin@example.com' })).id, { role: 'viewer' }, 'test');
    const fin = await signOn(app, 'fin');
    const cookie = cookieNamed(fin, 'ferry_session')!;
    expect(
      (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().user,
    ).toMatchObject({ name: 'fin@example.com', role: 'finance' });
    expect(await auditOf('user.update')).toContainEqual({
      actor: 'oidc',
      targetId: 'fin@example.com',
      after: { role: 'finance' },
    });
    // A newcomer is created with their group's role.
    expect((await signOn(app, 'newcomer')).headers.location).toBe('/console/');
    expect(await s.users.get({ name: 'newcomer@example.com' })).toMatchObject({
      role: 'operator',
      createdBy: 'oidc',
    });
    // A user holding no mapped group is refused.
    await s.users.update((await s.users.get({ name: 'nobody@example.com' })).id, { disabled: false }, 'test');
    expect((await signOn(app, 'nobody')).headers.location).toBe(
      '/console/login?error=sso&reason=no_group_role',
    );
    // An admin keeps admin whatever the groups say.
    await s.users.update((await s.users.get({ name: 'olga@example.com' })).id, { role: 'admin' }, 'test');
    const olga = await signOn(app, 'olga');
    const who = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieNamed(olga, 'ferry_session')! },
    });
    expect(who.json().user).toMatchObject({ name: 'olga@example.com', role: 'admin' });
  });

  it('sends the person back when they cancel at the provider, audited with the error the provider gave', async () => {
    const { app } = await ferry();
    const { url, flowCookie } = await start(app);
    const back = await signInAtProvider(url, 'olga', { cancel: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    const r = await callback(app, back, flowCookie);
    expect(r.headers.location).toBe('/console/login?error=sso&reason=provider_refused');
    expect(cookieNamed(r, 'ferry_session')).toBeUndefined();
    expect(await auditOf('session.sign-in-refused')).toContainEqual(
      expect.objectContaining({
        after: expect.objectContaining({
          reason: 'provider_refused',
          message: 'the provider refused the sign-in: access_denied',
        }),
      }),
    );
  });

  it('sends the person back when the provider cannot be reached, audited; token sign-in goes on', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const { app, s } = await ferry({ issuerUrl: `http://127.0.0.1:${port}` });
    const unavailable = async () =>
      (await auditOf('session.sign-in-refused')).filter((a) => a.after.reason === 'unavailable').length;
    const before = await unavailable();
    const r = await app.inject({ method: 'GET', url: '/console/auth/oidc/start' });
    expect(r.headers.location).toBe('/console/login?error=sso&reason=unavailable');
    expect(cookieNamed(r, 'ferry_oidc')).toBeUndefined();
    expect(await unavailable()).toBe(before + 1);
    // Anyone may call /start: while the provider stays down, one entry a minute, not one a request.
    for (let i = 0; i < 3; i++) {
      const again = await app.inject({ method: 'GET', url: '/console/auth/oidc/start' });
      expect(again.headers.location).toBe('/console/login?error=sso&reason=unavailable');
    }
    expect(await unavailable()).toBe(before + 1);
    clock.advance(60_000);
    await app.inject({ method: 'GET', url: '/console/auth/oidc/start' });
    expect(await unavailable()).toBe(before + 2);
    const { token } = await s.users.token('fin@example.com', 'test');
    const byToken = await app.inject({ method: 'POST', url: '/api/session', payload: { token } });
    expect(byToken.statusCode).toBe(200);
  });

  it('keeps codes, tokens and the client secret out of the audit trail', async () => {
    const rows = await store.audit.listAudit({ limit: 500 });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(provider.clientSecret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT
    expect(text).not.toMatch(/"code"/);
  });
});

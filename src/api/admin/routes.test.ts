import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { ROLES, type Role } from '../auth/index.js';
import { SecretService, parseKeyRing } from '../../ops/secrets/index.js';
import { adminApp, parkException, seedOrder } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';

import { consoleRouteCases, type Call, type RouteCase } from './consoleRouteCases.js';
import { mappingRouteCases } from './mappingRouteCases.js';
import { healthRouteCases } from './healthRouteCases.js';
import { connectionTests, recordPublished, stockedEngine } from '../../test-helpers/healthFixtures.js';

const ALL = ROLES;
const ring = parseKeyRing(
  JSON.stringify({ primary: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
  'test',
);

describeStores('admin API: every route × every role', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const tokens = {} as Record<Role, string>;
  let n = 0;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, {
      secrets: new SecretService(store, ring, clock),
      completeness: () => Promise.resolve([]),
      connectionTests: () => connectionTests(),
      inventory: () => ({ channels: ['shop'] }),
    }));
    for (const role of ROLES)
      tokens[role] = (await s.tokens.create({ name: `t-${role}`, role }, 'test')).token;
    await recordPublished(store, stockedEngine('SKU-M'), 'SKU-M', clock.now());
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string) => async (): Promise<Call> => ({ method: 'GET', url });
  const exc = async (): Promise<number> => parkException(store, clock.now(), { impact: 'finance' });
  const tax = async (): Promise<string> => {
    const key = `k${++n}`;
    await s.mappings.set({ kind: 'tax', scope: 'eu', key }, 'VAT 21%', 'seed');
    await s.mappings.set({ kind: 'tax', scope: 'eu', key }, 'VAT 9%', 'seed');
    return `/api/mappings/tax/eu/${key}`;
  };
  const cases: RouteCase[] = [
    // The channel listing the health overview links to runs the route's own store operation.
    {
      name: 'search orders',
      allowed: ALL,
      make: get(
        `/api/orders?channel=shop&createdFrom=0&serviceLevel=missed&withinMs=120000&asOf=${clock.now()}`,
      ),
    },
    {
      name: 'order timeline',
      allowed: ALL,
      make: async () => ({
        method: 'GET',
        url: `/api/orders/${(await seedOrder(store, clock.now(), `${2000 + ++n}`)).orderId}/timeline`,
      }),
    },
    {
      name: 'hold order',
      allowed: ['operator', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/orders/${(await seedOrder(store, clock.now(), `${4000 + ++n}`)).orderId}/hold`,
        body: { reason: 'customer asked to wait' },
      }),
    },
    {
      name: 'release order',
      allowed: ['operator', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/orders/${(await seedOrder(store, clock.now(), `${5000 + ++n}`)).orderId}/release`,
        body: { reason: 'checked' },
      }),
    },
    { name: 'jobs', allowed: ALL, make: get('/api/jobs') },
    { name: 'lanes', allowed: ALL, make: get('/api/lanes') },
    {
      name: 'pause lane',
      allowed: ['operator', 'admin'],
      make: async () => ({ method: 'POST', url: '/api/lanes/intake/pause' }),
    },
    {
      name: 'resume lane',
      allowed: ['operator', 'admin'],
      make: async () => ({ method: 'POST', url: '/api/lanes/intake/resume' }),
    },
    { name: 'partners', allowed: ALL, make: get('/api/partners') },
    { name: 'inbox', allowed: ALL, make: get('/api/inbox') },
    {
      name: 'inbox message',
      allowed: ALL,
      make: async () => ({
        method: 'GET',
        url: `/api/inbox/${(await seedOrder(store, clock.now(), `${3000 + ++n}`)).inboxId}`,
      }),
    },
    { name: 'alerts', allowed: ALL, make: get('/api/alerts') },
    { name: 'completeness report', allowed: ALL, make: get('/api/reports/completeness?date=2026-01-01') },
    { name: 'exceptions', allowed: ALL, make: get('/api/exceptions') },
    {
      name: 'exception',
      allowed: ALL,
      make: async () => ({ method: 'GET', url: `/api/exceptions/${await exc()}` }),
    },
    {
      name: 'replay one',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({ method: 'POST', url: `/api/exceptions/${await exc()}/replay` }),
    },
    {
      name: 'replay set',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: '/api/exceptions/replay',
        body: { code: 'mapping_missing', impact: 'finance' },
      }),
    },
    {
      name: 'edit and replay',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/exceptions/${await exc()}/edit-replay`,
        body: { payload: { fixed: true } },
      }),
    },
    {
      name: 'skip',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/exceptions/${await exc()}/skip`,
        body: { reason: 'duplicate order' },
      }),
    },
    { name: 'mappings', allowed: ALL, make: get('/api/mappings/tax/eu') },
    {
      name: 'mapping versions',
      allowed: ALL,
      make: async () => ({ method: 'GET', url: `${await tax()}/versions` }),
    },
    {
      name: 'mapping diff',
      allowed: ALL,
      make: async () => ({ method: 'GET', url: `${await tax()}/diff?from=1&to=2` }),
    },
    {
      name: 'set mapping',
      allowed: ['finance', 'admin'],
      make: async () => ({ method: 'PUT', url: await tax(), body: { value: 'VAT 0%' } }),
    },
    {
      name: 'remove mapping',
      allowed: ['finance', 'admin'],
      make: async () => ({ method: 'DELETE', url: await tax() }),
    },
    {
      name: 'roll back mapping',
      allowed: ['finance', 'admin'],
      make: async () => ({ method: 'POST', url: `${await tax()}/rollback`, body: { version: 1 } }),
    },
    { name: 'shadow settings', allowed: ALL, make: get('/api/shadow') },
    {
      name: 'set shadow',
      allowed: ['operator', 'admin'],
      make: async () => ({ method: 'PUT', url: `/api/shadow/order-intake/c${++n}`, body: { enabled: true } }),
    },
    { name: 'audit', allowed: ['finance', 'admin'], make: get('/api/audit') },
    { name: 'tokens', allowed: ['admin'], make: get('/api/tokens') },
    {
      name: 'create token',
      allowed: ['admin'],
      make: async () => ({
        method: 'POST',
        url: '/api/tokens',
        body: { name: `new-${++n}`, role: 'viewer' },
      }),
    },
    {
      name: 'revoke token',
      allowed: ['admin'],
      make: async () => ({
        method: 'DELETE',
        url: `/api/tokens/${(await s.tokens.create({ name: `x${++n}`, role: 'viewer' }, 'seed')).info.id}`,
      }),
    },
    { name: 'secrets', allowed: ['admin'], make: get('/api/secrets') },
    {
      name: 'set secret',
      allowed: ['admin'],
      make: async () => ({ method: 'PUT', url: `/api/secrets/S${++n}`, body: { value: 'hunter2' } }),
    },
    ...consoleRouteCases({
      s: () => s,
      exc,
      order: async () => (await seedOrder(store, clock.now(), `${6000 + ++n}`)).orderId,
      tokens,
      next: () => ++n,
    }),
    ...mappingRouteCases({
      s: () => s,
      exc,
      order: async () => (await seedOrder(store, clock.now(), `${7000 + ++n}`)).orderId,
      tokens,
      next: () => ++n,
    }),
    ...healthRouteCases({
      s: () => s,
      exc,
      order: async () => (await seedOrder(store, clock.now(), `${8000 + ++n}`)).orderId,
      tokens,
      next: () => ++n,
      userOf: async (role) => (await store.users.findUser({ name: `t-${role}` }))!.id,
      publishedSku: 'SKU-M',
      testablePartner: 'odoo',
    }),
  ];

  it('covers every registered /api route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, object>;
    }>();
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(operations.length).toBe(cases.length);
  });

  for (const c of cases)
    for (const role of ROLES) {
      const allowed = c.allowed.includes(role);
      it(`${c.name}: ${role} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const call = await c.make();
        const r = await app.inject({
          method: call.method,
          url: call.url,
          headers: {
            authorization: `Bearer ${tokens[role]}`,
            ...(call.contentType ? { 'content-type': call.contentType } : {}),
          },
          ...(call.body === undefined ? {} : { payload: call.body as object }),
        });
        if (allowed) expect(r.statusCode, r.body).toBeLessThan(300);
        else {
          expect(r.statusCode, r.body).toBe(403);
          expect(r.json()).toMatchObject({
            error: 'forbidden',
            message: expect.stringContaining(`role ${role} may not`),
          });
        }
      });
    }

  it('refuses every route without a token, with 401 and a Bearer challenge', async () => {
    for (const c of cases.filter((x) => !x.public)) {
      const call = await c.make();
      const r = await app.inject({ method: call.method, url: call.url });
      expect(r.statusCode, `${c.name}`).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('finance acts only on finance exceptions and tax mappings; operator on any exception and on SKU and carrier mappings', async () => {
    const auth = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
    const blocking = await parkException(store, clock.now(), { impact: 'blocks-shipment' });
    const refused = await app.inject({
      method: 'POST',
      url: `/api/exceptions/${blocking}/replay`,
      headers: auth('finance'),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('may act only on finance exceptions');
    const set = await app.inject({
      method: 'POST',
      url: '/api/exceptions/replay',
      headers: auth('finance'),
      payload: { impact: 'blocks-shipment' },
    });
    expect(set.statusCode).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/exceptions/${blocking}/replay`,
          headers: auth('operator'),
        })
      ).statusCode,
    ).toBe(200);
    const sku = await app.inject({
      method: 'PUT',
      url: '/api/mappings/sku/eu/X-1',
      headers: auth('finance'),
      payload: { value: '42' },
    });
    expect(sku.statusCode).toBe(403);
    // Operators fix unknown SKUs themselves; taxes stay with finance.
    const opSku = await app.inject({
      method: 'PUT',
      url: '/api/mappings/sku/eu/X-2',
      headers: auth('operator'),
      payload: { value: '43' },
    });
    expect(opSku.statusCode).toBe(200);
    const opTax = await app.inject({
      method: 'PUT',
      url: '/api/mappings/tax/eu/X-2',
      headers: auth('operator'),
      payload: { value: 'VAT 0%' },
    });
    expect(opTax.statusCode).toBe(403);
    expect(opTax.json().message).toBe('role operator may not change tax mappings (only sku, carrier)');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/mappings/sku/eu/X-1',
          headers: auth('admin'),
          payload: { value: '42' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('serves the OpenAPI description at /docs from the same schemas', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/orders',
        '/api/exceptions/{id}/skip',
        '/api/mappings/{kind}/{scope}/{key}/rollback',
      ]),
    );
    expect(
      doc.paths['/api/exceptions/{id}/skip'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['reason']);
  });
});

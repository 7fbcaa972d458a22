import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import { connectionTests } from '../../test-helpers/healthFixtures.js';
import type { Role } from '../auth/index.js';
import type { AdminServices } from './context.js';
import type { MappingGap, PartnerDetail } from './services/partnerDetail.js';

interface Detail {
  partners: PartnerDetail[];
  unmapped: MappingGap[];
  truncated: boolean;
}

describeStores('console partners: connection test, webhooks, buckets, mapping completeness', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const tokens = {} as Record<Role, string>;
  const calls: string[] = [];
  const guards = [
    new PartnerGuard({ name: 'shopify:eu', ratePerSec: 20, burst: 40 }, clock),
    new PartnerGuard({ name: 'odoo', ratePerSec: 50, burst: 100 }, clock),
  ];

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, {
      channels: ['eu'],
      partners: () => guards,
      connectionTests: () => connectionTests(calls),
      // Shopify's bucket as its client saw it in the last answer's throttleStatus.
      partnerBuckets: () =>
        new Map([
          ['shopify:eu', () => ({ name: 'query cost', available: 980, capacity: 1000, perSecond: 50 })],
        ]),
    }));
    for (const role of ['viewer', 'operator', 'finance', 'admin'] as const)
      tokens[role] = (await s.tokens.create({ name: `p-${role}`, role }, 'test')).token;
    // What intake parks for an unknown SKU (validate.ts words it so), twice for one SKU.
    for (const [order, sku] of [
      ['eu-1', 'LEGACY-1'],
      ['eu-2', 'LEGACY-1'],
      ['eu-3', 'LEGACY-2'],
    ] as const)
      await parkException(store, clock.now(), {
        code: 'mapping_missing',
        impact: 'blocks-shipment',
        message: `order ${order}: rule sku-mapping: line 1 SKU "${sku}" has no Odoo product; add a mapping (ferry mappings set sku eu ${sku} <Odoo SKU>) or the product in Odoo, then replay (ferry exceptions replay <id>)`,
        entities: { order, rule: 'sku-mapping', sku },
      });
    // What the Odoo connector parks for a tax nobody mapped.
    await parkException(store, clock.now(), {
      code: 'mapping_missing',
      impact: 'finance',
      message:
        'no Odoo tax mapped for "VAT" (rate 0.21, excluded) of channel eu in company 1 on order eu-4; add it to odoo.taxes',
      entities: { order: 'eu-4', tax: 'VAT', rate: '0.21', company: '1' },
    });
    await store.inbox.receive({
      source: 'shopify:eu',
      kind: 'orders/create',
      receivedAt: clock.now(),
      headers: {},
      body: Buffer.from('{}'),
      signature: 'invalid',
      dedupeKey: null,
      status: 'rejected',
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = (role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[role]}` },
      ...(payload ? { payload } : {}),
    });
  const detail = async (role: Role): Promise<Detail> =>
    (await call(role, 'GET', '/api/partners/detail')).json<Detail>();

  it('lists what is used but unmapped, with the exceptions waiting on it and the fix', async () => {
    const d = await detail('viewer');
    expect(d.unmapped.map((g) => [g.kind, g.scope, g.key, g.exceptions.value, g.where])).toEqual([
      ['sku', 'eu', 'LEGACY-1', 2, 'mapping'],
      ['sku', 'eu', 'LEGACY-2', 1, 'mapping'],
      ['tax', 'company 1', 'VAT 0.21', 1, 'configuration'],
    ]);
    const legacy = d.unmapped[0]!;
    expect(legacy.fix).toBe('map sku LEGACY-1 of eu to its Odoo value, then replay');
    const waiting = await call('viewer', 'GET', legacy.exceptions.href.replace('/console/', '/api/'));
    expect(waiting.json().total).toBe(2);
    // Each partner carries the gaps in its scope: the channel its SKUs, Odoo its configuration.
    const eu = d.partners.find((p) => p.name === 'shopify:eu')!;
    expect(eu.unmapped.map((g) => g.key)).toEqual(['LEGACY-1', 'LEGACY-2']);
    expect(d.partners.find((p) => p.name === 'odoo')!.unmapped.map((g) => g.kind)).toEqual(['tax']);
  });

  it('shows buckets and webhooks per partner', async () => {
    const eu = (await detail('viewer')).partners.find((p) => p.name === 'shopify:eu')!;
    expect(eu.buckets).toEqual([
      { name: 'calls', available: 40, capacity: 40, perSecond: 20 },
      { name: 'query cost', available: 980, capacity: 1000, perSecond: 50 },
    ]);
    expect(
      (await detail('viewer')).partners.find((p) => p.name === 'odoo')!.buckets.map((b) => b.name),
    ).toEqual(['calls']);
    expect(eu.webhook).toMatchObject({
      received: { value: 1 },
      refused: { value: 1 },
      lastReceivedAt: clock.now(),
    });
    expect(eu.testable).toBe(true);
    expect((await detail('viewer')).partners.find((p) => p.name === 'odoo')!.webhook).toBeNull();
  });

  describe('the fix inline is offered exactly where the server takes it', () => {
    for (const role of ['viewer', 'operator', 'finance', 'admin'] as const)
      it(`${role}`, async () => {
        const d = await detail(role);
        const sku = d.unmapped.find((g) => g.key === 'LEGACY-2')!;
        const put = await call(role, 'PUT', `/api/mappings/sku/eu/LEGACY-2-${role}`, { value: 'SKU-00002' });
        expect(sku.fixable, put.body).toBe(put.statusCode === 200);
        expect(sku.fixable).toBe(role === 'operator' || role === 'admin');
        // The tax lives in the configuration file: no role fixes it inline.
        expect(d.unmapped.find((g) => g.kind === 'tax')!.fixable).toBe(false);
      });
  });

  it('runs a connection test on demand for an operator, and audits who ran it and what it found', async () => {
    const ok = await call('operator', 'POST', '/api/partners/odoo/test');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      partner: 'odoo',
      ok: true,
      checks: [{ name: 'connect', ok: true }, {}],
    });
    const bad = await call('admin', 'POST', '/api/partners/shopify%3Aeu/test');
    expect(bad.json()).toMatchObject({
      partner: 'shopify:eu',
      ok: false,
      message: 'Shopify answered 401: invalid API key or access token',
    });
    const audit = (await call('admin', 'GET', '/api/audit?action=partner.test')).json<
      { actor: string; targetId: string; after: { ok: boolean } }[]
    >();
    expect(audit.map((a) => [a.actor, a.targetId, a.after.ok])).toEqual([
      ['token:p-admin', 'shopify:eu', false],
      ['token:p-operator', 'odoo', true],
    ]);
  });

  it('refuses the test to a viewer and to finance without calling the partner', async () => {
    const before = calls.length;
    for (const role of ['viewer', 'finance'] as const) {
      const r = await call(role, 'POST', '/api/partners/odoo/test');
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toContain(`role ${role} may not POST /api/partners/:name/test`);
    }
    expect(calls.length).toBe(before);
  });

  it('names the partners that can be tested when asked for one that cannot', async () => {
    const r = await call('operator', 'POST', '/api/partners/nope/test');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toBe('no connection test for "nope"; partners: odoo, shopify:eu');
  });
});

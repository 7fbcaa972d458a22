import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { createLanePauseCheck, createShadowCheck, isLanePaused } from '../../store/admin/index.js';
import { adminApp, parkException, seedOrder } from './testFixtures.js';
import type { AdminServices } from './context.js';
import { shadowApplies } from './index.js';

describeStores('admin API: what the reads return', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  let auth: { authorization: string };
  const clock = new ManualClock();
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, headers: auth });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, { channels: ['eu', 'us', 'de'] }));
    auth = { authorization: `Bearer ${(await s.tokens.create({ name: 'v', role: 'admin' }, 't')).token}` };
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('finds an order by any system id and tells its story across inbox, events and exceptions', async () => {
    const { orderId, inboxId, ref } = await seedOrder(store, clock.now(), '1042');
    await seedOrder(store, clock.now(), '1043');
    clock.advance(5000);
    const exc = await parkException(store, clock.now(), {
      impact: 'blocks-shipment',
      orderingKey: `order:${ref}`,
    });
    for (const q of [ref, '1042', '#1042', 'S01042', '4242', '1Z1042', 'shopify:order:1042'])
      expect(
        (await get(`/api/orders?q=${encodeURIComponent(q)}`)).map((o: { id: number }) => o.id),
        q,
      ).toEqual([orderId]);
    expect(await get('/api/orders?q=nothing-like-it')).toEqual([]);
    const t = await get(`/api/orders/${orderId}/timeline`);
    expect(t.order).toMatchObject({ ref, state: 'confirmed', odooName: 'S01042' });
    expect(t.entries.map((e: { kind: string }) => e.kind)).toEqual(['inbox', 'event', 'event', 'exception']);
    expect(t.entries[0]).toMatchObject({ inboxId, topic: 'orders/create', status: 'accepted' });
    expect(t.entries[3]).toMatchObject({ exceptionId: exc, code: 'mapping_missing', status: 'open' });
  });

  it('searches with LIKE metacharacters as plain text: a backslash, % or _ finds no other order', async () => {
    await seedOrder(store, clock.now(), '2042');
    for (const q of ['\\', '%', '_', '\\%', '%042', '_042', '10_2'])
      expect(await get(`/api/orders?q=${encodeURIComponent(q)}`), q).toEqual([]);
  });

  it('filters the audit trail exactly: a pattern character matches only itself', async () => {
    await s.settings.setPaused('intake', true, 'ops');
    await s.settings.setPaused('intake', false, 'ops');
    const actions = (q: string) =>
      get(`/api/audit?${q}`).then((l) => l.map((a: { action: string }) => a.action));
    expect(await actions('action=lane.pause')).toEqual(['lane.pause']);
    expect(await actions('action=lane.')).toEqual(['lane.resume', 'lane.pause']);
    for (const q of ['%', '%.', '_ane.', 'lane_pause', 'lane.%'])
      expect(await actions(`action=${encodeURIComponent(q)}`), q).toEqual([]);
    expect(await actions('actor=%')).toEqual([]);
  });

  it('filters exceptions by impact and age, and lists raw messages with their outcome', async () => {
    const fin = await parkException(store, clock.now(), { impact: 'finance' });
    clock.advance(60_000);
    const ids = (q: string) =>
      get(`/api/exceptions?${q}`).then((l) => l.items.map((e: { id: number }) => e.id));
    expect(await ids('impact=finance')).toContain(fin);
    expect(await ids('impact=finance&maxAgeMs=30000')).not.toContain(fin);
    expect(await ids('impact=finance&minAgeMs=30000')).toContain(fin);
    const inbox = await get('/api/inbox?source=shopify:eu');
    expect(inbox[0]).toMatchObject({ source: 'shopify:eu', status: 'accepted', bytes: expect.any(Number) });
    expect(inbox[0].body).toBeUndefined();
  });

  it('diffs JSON mapping versions field by field', async () => {
    const ref = { kind: 'rule', scope: 'eu', key: 'price-tolerance' };
    await s.mappings.set(ref, '{"pct":2,"stock":"backorder"}', 'a');
    await s.mappings.set(ref, '{"pct":5,"stock":"backorder","currencies":["EUR"]}', 'b');
    expect(await get('/api/mappings/rule/eu/price-tolerance/diff?from=1&to=2')).toMatchObject({
      changes: [
        { path: 'currencies', from: null, to: ['EUR'] },
        { path: 'pct', from: 2, to: 5 },
      ],
    });
  });

  it('pauses a lane for every process; the cached check sees it within its ttl', async () => {
    const check = createLanePauseCheck(store, { clock, ttlMs: 1000 });
    expect(await check('orders')).toBe(false);
    await s.settings.setPaused('orders', true, 'ops');
    expect(await isLanePaused(store, 'orders')).toBe(true);
    expect(await check('orders')).toBe(false); // cached
    clock.advance(1000);
    expect(await check('orders')).toBe(true);
    expect((await get('/api/lanes')).find((l: { lane: string }) => l.lane === 'orders').paused).toBe(true);
  });

  it('applies shadow mode per channel, else per flow', async () => {
    await s.settings.setShadow('order-intake', '*', true, 'ops');
    await s.settings.setShadow('order-intake', 'us', false, 'ops');
    const settings = await get('/api/shadow');
    expect(shadowApplies(settings, 'order-intake', 'eu')).toBe(true);
    expect(shadowApplies(settings, 'order-intake', 'us')).toBe(false);
    expect(shadowApplies(settings, 'fulfilment', 'eu')).toBe(false);
  });

  it('refuses shadow mode for a flow or channel Ferry does not have, and stores nothing', async () => {
    const put = (url: string) =>
      app.inject({ method: 'PUT', url, headers: auth, payload: { enabled: true } });
    const before = await get('/api/shadow');
    const flow = await put('/api/shadow/order-intak/eu');
    expect(flow.statusCode).toBe(404);
    expect(flow.json().message).toMatch(
      /unknown flow "order-intak".*order-intake, fulfilment, shipment, inventory-publish/,
    );
    const channel = await put('/api/shadow/order-intake/shop-xx');
    expect(channel.statusCode).toBe(404);
    expect(channel.json().message).toMatch(/unknown channel "shop-xx".*eu, us, de/);
    expect(await get('/api/shadow')).toEqual(before);
    expect((await put('/api/shadow/inventory-publish/de')).statusCode).toBe(200);
    expect((await put('/api/shadow/shipment/*')).statusCode).toBe(200);
  });

  it("the flows' shadow check: an operator's setting wins over the configured default, seen within the ttl", async () => {
    // Configured: every flow of channel "de" in shadow (channels[].shadow), nothing else.
    const check = createShadowCheck(store, {
      clock,
      ttlMs: 1000,
      configured: (_flow, channel) => channel === 'de',
    });
    expect(await check('fulfilment', 'de')).toBe(true);
    expect(await check('fulfilment', 'eu')).toBe(false);
    expect(await check('order-intake', 'de')).toBe(true); // order-intake/* is on (above) and covers de
    await s.settings.setShadow('fulfilment', 'de', false, 'ops');
    await s.settings.setShadow('fulfilment', 'eu', true, 'ops');
    expect(await check('fulfilment', 'de')).toBe(true); // cached
    clock.advance(1000);
    expect(await check('fulfilment', 'de')).toBe(false);
    expect(await check('fulfilment', 'eu')).toBe(true);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FerryError } from '../../core/errors.js';
import { PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import type { Role } from '../auth/index.js';
import type { AdminServices } from './context.js';
import type { Overview } from './services/overview.js';

const MIN = 60_000;

describeStores('console health overview', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const tokens = {} as Record<Role, string>;
  const odoo = new PartnerGuard({ name: 'odoo', ratePerSec: 50, burst: 100, failuresToOpen: 3 }, clock);
  let n = 0;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, {
      channels: ['eu', 'us'],
      partners: () => [odoo],
      overview: {
        serviceLevels: [{ flow: 'order-intake', withinMinutes: 2, targetPct: 95 }],
        noOrdersMinutes: { us: 30 },
        queueAge: { lanes: ['orders'], maxAgeSeconds: 300 },
      },
    }));
    for (const role of ['viewer', 'operator'] as const)
      tokens[role] = (await s.tokens.create({ name: `o-${role}`, role }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = async <T>(url: string, role: Role = 'viewer'): Promise<T> => {
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[role]}` } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<T>();
  };
  /** The admin API list a console link stands for (the console's lists read the same query). */
  const apiOf = (href: string) => href.replace(/^\/console\//, '/api/');

  /** An order stored `ageMs` ago, accepted by Odoo `tookMs` after it arrived (null: not yet). */
  const order = async (
    channel: string,
    ageMs: number,
    tookMs: number | null,
    state = tookMs === null ? 'received' : 'accepted',
  ): Promise<string> => {
    const ref = `${channel}-${1000 + ++n}`;
    const created = clock.now() - ageMs;
    await store.transaction(async (tx) => {
      const id = await tx.orders.insertOrder({
        ref,
        channel,
        channelOrderId: String(1000 + n),
        state,
        channelUpdatedAt: new Date(created).toISOString(),
        canonical: {},
        now: created,
      });
      if (tookMs !== null)
        await tx.orders.appendOrderEvent({
          orderId: id,
          at: created + tookMs,
          type: 'accepted',
          toState: 'accepted',
        });
    });
    return ref;
  };
  /** A job of an order's work (or of Ferry's housekeeping), completed now. */
  const completed = async (ref: string, lane = 'orders', task = 'order.accept'): Promise<void> => {
    const now = clock.now();
    const [job] = await store.jobs.enqueue(
      [
        {
          lane,
          task,
          payloadJson: '{}',
          maxAttempts: 1,
          runAt: now,
          priority: 0,
          orderingKey: `order:${ref}`,
        },
      ],
      now,
    );
    const [leased] = await store.jobs.lease({ lane, limit: 1, leaseMs: 60_000, workerId: 't', now });
    expect(leased!.id).toBe(job!.id);
    await store.jobs.complete([{ id: leased!.id, token: leased!.leaseToken! }], now);
  };
  const webhook = (source: string, status: 'accepted' | 'rejected') =>
    store.inbox.receive({
      source,
      kind: 'orders/create',
      receivedAt: clock.now(),
      headers: {},
      body: Buffer.from('{}'),
      signature: status === 'accepted' ? 'valid' : 'invalid',
      dedupeKey: status === 'accepted' ? `${source}:${++n}` : null,
      status,
    });

  it('is quiet when healthy: nothing needs a person, and the numbers still link to their lists', async () => {
    for (const took of [30_000, 60_000, 90_000]) await completed(await order('eu', 10 * MIN, took));
    await completed(await order('us', 5 * MIN, 20_000));
    // Still within its two minutes: not judged yet, so not a miss.
    await order('eu', 30_000, null);
    await webhook('shopify:eu', 'accepted');
    await completed('none', 'maintenance', 'alerts.evaluate');

    const o = await get<Overview>('/api/overview');
    expect(o.healthy).toBe(true);
    expect(o.attention).toEqual([]);
    expect(o.exceptions.open).toEqual({ value: 0, href: '/console/exceptions?status=open' });
    const eu = o.flows.find((f) => f.flow === 'order.accept' && f.partner === 'eu')!;
    expect(eu).toMatchObject({ completed: { value: 3 }, failed: { value: 0 }, perHour: 3, failureRate: 0 });
    // Ferry's own housekeeping is no partner's flow.
    expect(o.flows.map((f) => f.flow)).not.toContain('alerts.evaluate');
    expect(o.serviceLevels.find((x) => x.partner === 'eu')).toMatchObject({
      measured: { value: 3 },
      met: 3,
      actualPct: 100,
      breached: false,
    });
    expect(o.breakers).toEqual([
      { partner: 'odoo', state: 'closed', health: 'unknown', href: '/console/partners#odoo' },
    ]);
    const hook = o.webhooks.find((w) => w.source === 'shopify:eu')!;
    expect(hook).toMatchObject({
      received: { value: 1 },
      refused: { value: 0 },
      lastReceivedAt: clock.now(),
    });
    // A channel that sent no webhook is listed too: its silence is what a person looks for.
    expect(o.webhooks.find((w) => w.source === 'shopify:us')).toMatchObject({ lastReceivedAt: null });
    const listed = await get<unknown[]>(hook.received.href);
    expect(listed).toHaveLength(1);
    // Orders per 5 minutes of the hour: three in the bucket starting 10 minutes ago, then the
    // one of 5 minutes ago and the one of just now in the last bucket.
    expect(o.series.orders).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2]);
  });

  it('names what needs a person, each with the list behind it: breach, failures, breaker, silence, queue age, refusals', async () => {
    // Service level: late, one accepted after 5 minutes, one never.
    await order('eu', 20 * MIN, 5 * MIN);
    await order('eu', 10 * MIN, null);
    // Failures of the order flow, recorded as the rule failures name their order.
    for (const ref of [await order('eu', 3 * MIN, null), await order('eu', 3 * MIN, null)])
      await parkException(store, clock.now(), {
        impact: 'blocks-shipment',
        code: 'rule_failed',
        orderingKey: `order:${ref}`,
        entities: { order: ref, rule: 'currency' },
      });
    for (let i = 0; i < 3; i++)
      await odoo
        .call(() => Promise.reject(new FerryError('partner_unavailable', 'Odoo answered 503')))
        .catch(() => undefined);
    await webhook('shopify:eu', 'rejected');
    clock.advance(31 * MIN); // us has been silent for 36 minutes, its threshold is 30
    const t = clock.now();
    await store.jobs.enqueue(
      [
        {
          lane: 'orders',
          task: 'order.accept',
          payloadJson: '{}',
          maxAttempts: 1,
          runAt: t - 10 * MIN,
          priority: 0,
        },
      ],
      t,
    );

    const o = await get<Overview>('/api/overview?windowMinutes=120');
    expect(o.healthy).toBe(false);
    const kinds = o.attention.map((a) => `${a.kind}:${a.subject}`).sort();
    expect(kinds).toEqual([
      'breaker:odoo',
      'channel:us',
      'exceptions:exceptions',
      'lane:orders',
      'service_level:order-intake:eu',
      'webhook:shopify:eu',
    ]);
    const sl = o.serviceLevels.find((x) => x.partner === 'eu')!;
    // 3 on time; late: 1 accepted after 5 minutes, 1 never, the 2 failed orders, and the order
    // that was within its time before the clock moved 31 minutes.
    expect(sl).toMatchObject({ measured: { value: 8 }, met: 3, missed: { value: 5 }, breached: true });
    expect(sl.actualPct).toBe(37.5);
    expect(o.attention.find((a) => a.kind === 'channel')!.message).toBe(
      'no orders from us for 36 minutes (threshold 30)',
    );
    expect(o.channels.find((c) => c.channel === 'us')).toMatchObject({ silent: true, quietMinutes: 36 });

    // Every number opens the list it counts.
    const eu = o.flows.find((f) => f.flow === 'order.accept' && f.partner === 'eu')!;
    expect(eu).toMatchObject({ completed: { value: 3 }, failed: { value: 2 }, failureRate: 0.4 });
    const failures = await get<{ total: number }>(apiOf(eu.failed.href));
    expect(failures.total).toBe(2);
    const open = await get<{ total: number }>(apiOf(o.exceptions.open.href));
    expect(open.total).toBe(o.exceptions.open.value);
    const impact = o.exceptions.byImpact.find((x) => x.impact === 'blocks-shipment')!;
    expect((await get<{ total: number }>(apiOf(impact.open.href))).total).toBe(impact.open.value);
    const lane = o.lanes.find((l) => l.lane === 'orders')!;
    expect(lane).toMatchObject({ overAge: true, depth: { value: 1 } });
    expect(await get<unknown[]>(lane.depth.href)).toHaveLength(1);
    const refused = o.webhooks.find((w) => w.source === 'shopify:eu')!.refused;
    expect(refused.value).toBe(1);
    expect(await get<unknown[]>(refused.href)).toHaveLength(1);
  });

  it('a flow row’s done count is exactly the list its link opens: partner and window, not every completed job of the task', async () => {
    // A lane of their own: the test above left a ready job in `orders` that a lease would take first.
    const done = async (ageMs: number) => completed(await order('us', ageMs, 10_000), 'orders-done');
    await done(MIN);
    await done(MIN);
    // Earlier than a 30-minute window, and of the other channel: the link must leave them out.
    const o = await get<Overview>('/api/overview?windowMinutes=30');
    const us = o.flows.find((f) => f.flow === 'order.accept' && f.partner === 'us')!;
    expect(us.completed.value).toBe(2);
    const everyAccept = await get<unknown[]>('/api/jobs?task=order.accept&state=completed');
    expect(everyAccept.length).toBeGreaterThan(2);
    const linked = await get<{ task: string; state: string; orderingKey: string }[]>(us.completed.href);
    expect(linked).toHaveLength(us.completed.value);
    expect(linked.every((j) => j.task === 'order.accept' && j.orderingKey.startsWith('order:us-'))).toBe(
      true,
    );
    // Work done after the figure was read is not in its list.
    clock.advance(1);
    await done(0);
    expect(await get<unknown[]>(us.completed.href)).toHaveLength(2);
    for (const f of (await get<Overview>('/api/overview?windowMinutes=120')).flows)
      expect(await get<unknown[]>(f.completed.href), `${f.flow} ${f.partner}`).toHaveLength(
        f.completed.value,
      );
  });

  it('a channel’s failed count opens exactly that channel’s exceptions, never one whose id shares its prefix', async () => {
    const { app: two } = await adminApp(store, clock, { channels: ['shop', 'shop-eu'] });
    try {
      const park = async (channel: string) =>
        parkException(store, clock.now(), {
          impact: 'blocks-shipment',
          code: 'rule_failed',
          orderingKey: `order:${await order(channel, MIN, null)}`,
        });
      await park('shop');
      for (let i = 0; i < 3; i++) await park('shop-eu');
      const call = async <T>(url: string): Promise<T> =>
        (
          await two.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.viewer}` } })
        ).json<T>();
      const o = await call<Overview>('/api/overview?windowMinutes=5');
      const row = (p: string) => o.flows.find((f) => f.flow === 'order.accept' && f.partner === p)!;
      expect([row('shop').failed.value, row('shop-eu').failed.value]).toEqual([1, 3]);
      for (const p of ['shop', 'shop-eu']) {
        const href = row(p).failed.href;
        expect(new URL(href, 'http://x').searchParams.get('channel')).toBe(p);
        const listed = await call<{ total: number; items: { values: Record<string, string> }[] }>(
          apiOf(href),
        );
        expect(listed.total, href).toBe(row(p).failed.value);
      }
      // The same filter on the queue itself: `shop` alone, not `shop-eu`.
      const shopOnly = await call<{ total: number }>('/api/exceptions?status=open&channel=shop');
      expect(shopOnly.total).toBe(1);
    } finally {
      await two.close();
    }
  });

  it('a channel’s orders and its service level’s measured and missed open exactly that channel’s orders, never one whose id shares its prefix', async () => {
    const { app: two } = await adminApp(store, clock, {
      channels: ['shop', 'shop-eu'],
      overview: { serviceLevels: [{ flow: 'order-intake', withinMinutes: 2, targetPct: 95 }] },
    });
    try {
      const call = async <T>(url: string): Promise<T> => {
        const r = await two.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${tokens.viewer}` },
        });
        expect(r.statusCode, r.body).toBe(200);
        return r.json<T>();
      };
      // The test above left orders of both channels: the figures below count on from them.
      const figuresOf = (o: Overview, c: string) => {
        const l = o.serviceLevels.find((x) => x.partner === c);
        return [
          o.channels.find((x) => x.channel === c)!.orders.value,
          l?.measured.value ?? 0,
          l?.missed.value ?? 0,
        ];
      };
      const before = await call<Overview>('/api/overview?windowMinutes=30');
      // shop: one on time, one late, one never accepted, one still within its time.
      await order('shop', 10 * MIN, 30_000);
      await order('shop', 10 * MIN, 5 * MIN);
      await order('shop', 10 * MIN, null);
      await order('shop', 30_000, null);
      // Cancelled before Odoo accepted it: an order of the window, never owed a confirmation.
      await order('shop', 10 * MIN, null, 'cancelled');
      // shop-eu: more of each, and its refs begin with `shop-` too.
      for (let i = 0; i < 2; i++) await order('shop-eu', 10 * MIN, 20_000);
      for (let i = 0; i < 3; i++) await order('shop-eu', 10 * MIN, null);
      // Before the window: counted nowhere.
      await order('shop', 90 * MIN, null);
      const o = await call<Overview>('/api/overview?windowMinutes=30');
      const channel = (c: string) => o.channels.find((x) => x.channel === c)!;
      const level = (c: string) => o.serviceLevels.find((x) => x.partner === c)!;
      const added = (c: string) => figuresOf(o, c).map((v, i) => v - figuresOf(before, c)[i]!);
      // orders, measured, missed
      expect(added('shop')).toEqual([5, 3, 2]);
      expect(added('shop-eu')).toEqual([5, 5, 3]);
      const figures = ['shop', 'shop-eu'].flatMap((c) => [
        { c, f: channel(c).orders },
        { c, f: level(c).measured },
        { c, f: level(c).missed },
      ]);
      for (const { c, f } of figures) {
        expect(new URL(f.href, 'http://x').searchParams.get('channel')).toBe(c);
        expect(f.href).not.toMatch(/[?&]q=/);
        const listed = await call<{ channel: string; ref: string }[]>(apiOf(f.href));
        expect(listed, f.href).toHaveLength(f.value);
        expect(listed.every((x) => x.channel === c)).toBe(true);
      }
      // Later orders and time passing do not change what a figure's link lists.
      clock.advance(5 * MIN);
      const late = await order('shop', 0, null);
      expect(await call<unknown[]>(apiOf(level('shop').missed.href))).toHaveLength(
        level('shop').missed.value,
      );
      expect(await call<unknown[]>(apiOf(channel('shop').orders.href))).toHaveLength(
        channel('shop').orders.value,
      );
      // The exact filter beside an id search: the order the id names, if it is of that channel.
      expect(await call<{ ref: string }[]>(`/api/orders?q=${late}&channel=shop`)).toMatchObject([
        { ref: late },
      ]);
      expect(await call<unknown[]>(`/api/orders?q=${late}&channel=shop-eu`)).toEqual([]);
      // A service level needs its time limit and the moment it was judged.
      const bad = await two.inject({
        method: 'GET',
        url: '/api/orders?channel=shop&serviceLevel=missed',
        headers: { authorization: `Bearer ${tokens.viewer}` },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await two.close();
    }
  });

  it('takes the alert monitor’s word where it runs: silence within trading hours, and alerts said nowhere else', async () => {
    const since = clock.now() - 5 * MIN;
    const { app: withAlerts } = await adminApp(store, clock, {
      channels: ['eu', 'us'],
      overview: { noOrdersMinutes: { us: 30 } },
      alerts: () => [
        // us is past its threshold, but the monitor knows it is closed: no no_orders alert for it.
        {
          rule: 'exception_growth',
          subject: 'exceptions',
          message: '60 new exceptions in 60 minutes (threshold 50)',
          since,
        },
        {
          rule: 'edi_unacknowledged',
          subject: 'wms:acme',
          message: '2 X12 group(s) sent to wms:acme have no 997',
          since,
        },
      ],
    });
    try {
      const r = await withAlerts.inject({
        method: 'GET',
        url: '/api/overview',
        headers: { authorization: `Bearer ${tokens.viewer}` },
      });
      const o = r.json<Overview>();
      expect(o.channels.find((c) => c.channel === 'us')!.silent).toBe(false);
      const said = o.attention.filter((a) => a.kind.startsWith('alert:'));
      expect(said.map((a) => [a.kind, a.href])).toEqual([['alert:edi_unacknowledged', '/console/']]);
      // Open exceptions are said once, by the exceptions line, not again by the growth alert.
      expect(o.attention.filter((a) => a.subject === 'exceptions')).toHaveLength(1);
      expect(o.alerts).toHaveLength(2);
    } finally {
      await withAlerts.close();
    }
  });

  it('refuses a window outside 5 minutes to a day, naming the field', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/overview?windowMinutes=2',
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('windowMinutes');
  });
});

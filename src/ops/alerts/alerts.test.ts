import { afterAll, beforeAll, expect, it } from 'vitest';
import { FerryError } from '../../core/errors.js';
import { PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { parkException, seedOrder } from '../../test-helpers/adminFixtures.js';
import { adminServices, registerAdmin } from '../../api/admin/index.js';
import { buildHttp } from '../../api/server.js';
import { EventBus } from '../../engine/index.js';
import { FerryMetrics, registerMetricsRoute } from '../metrics/index.js';
import { AlertMonitor } from './index.js';

describeStores('alerts', (fx) => {
  let store: Store;
  const clock = new ManualClock();
  beforeAll(async () => {
    store = await fx().open({ clock });
  });
  afterAll(() => store.close());

  it('fires each rule once, keeps its start time, and notifies on start and end', async () => {
    const odoo = new PartnerGuard({ name: 'odoo:main', ratePerSec: 10, failuresToOpen: 2 }, clock);
    const sent: { status: string; rule: string; subject: string }[] = [];
    const monitor = new AlertMonitor({
      store,
      clock,
      partners: () => [odoo],
      options: {
        noOrdersMinutes: { eu: 30, us: 30 },
        queueAge: { lanes: ['intake'], maxAgeSeconds: 60 },
        exceptionGrowth: { windowMinutes: 10, threshold: 2 },
        webhookUrl: 'http://alerts.example/hook',
      },
      notify: async (_url, body) => void sent.push(body as (typeof sent)[number]),
    });
    const t0 = clock.now();
    await seedOrder(store, t0, '9001');
    await store.jobs.enqueue(
      [{ lane: 'intake', task: 't', payloadJson: '{}', maxAttempts: 1, runAt: t0, priority: 0 }],
      t0,
    );
    expect(await monitor.evaluate()).toEqual([]);

    clock.advance(31 * 60_000);
    for (let i = 0; i < 3; i++) await parkException(store, clock.now(), { impact: 'finance' });
    for (let i = 0; i < 2; i++)
      await odoo
        .call(() => Promise.reject(new FerryError('partner_unavailable', '503')))
        .catch(() => undefined);
    const firing = await monitor.evaluate();
    expect(firing.map((a) => `${a.rule}/${a.subject}`).sort()).toEqual([
      'breaker_open/odoo:main',
      'exception_growth/exceptions',
      'no_orders/eu',
      'no_orders/us',
      'queue_age/intake',
    ]);
    expect(firing.find((a) => a.subject === 'eu')!.message).toBe(
      'no orders from eu for 31 minutes (threshold 30)',
    );
    expect(sent.filter((s) => s.status === 'firing')).toHaveLength(5);

    // Still firing a minute later: same start time, no second notification.
    clock.advance(60_000);
    const again = await monitor.evaluate();
    expect(again.find((a) => a.subject === 'eu')!.since).toBe(t0 + 31 * 60_000);
    expect(sent).toHaveLength(5);

    // An order from eu, the intake job done, the exception window passed: those three end.
    clock.advance(10 * 60_000);
    await seedOrder(store, clock.now(), '9002');
    const [job] = await store.jobs.lease({
      lane: 'intake',
      limit: 1,
      leaseMs: 1000,
      workerId: 'w',
      now: clock.now(),
    });
    await store.jobs.complete([{ id: job!.id, token: job!.leaseToken! }], clock.now());
    const left = await monitor.evaluate();
    expect(left.map((a) => `${a.rule}/${a.subject}`).sort()).toEqual([
      'breaker_open/odoo:main',
      'no_orders/us',
    ]);
    expect(
      sent
        .filter((s) => s.status === 'resolved')
        .map((s) => s.rule)
        .sort(),
    ).toEqual(['exception_growth', 'no_orders', 'queue_age']);
    expect(monitor.active()).toEqual(left);
  });

  it('reports a failing webhook instead of swallowing it, and keeps evaluating', async () => {
    const errors: unknown[] = [];
    const monitor = new AlertMonitor({
      store,
      clock,
      options: { noOrdersMinutes: { nowhere: 0 }, webhookUrl: 'http://alerts.example/hook' },
      notify: () => Promise.reject(new Error('alert webhook answered 500')),
      onError: (e) => errors.push(e),
    });
    expect(await monitor.evaluate()).toHaveLength(1);
    expect(String(errors[0])).toContain('answered 500');
  });

  it('sends a notice the webhook refused at the next evaluation, and two evaluators send each notice once', async () => {
    let up = false;
    const sent: { status: string; subject: string; since: string }[] = [];
    const make = () =>
      new AlertMonitor({
        store,
        clock,
        options: { noOrdersMinutes: { 'quiet-shop': 0 }, webhookUrl: 'http://alerts.example/hook' },
        notify: async (_url, body) => {
          if (!up) throw new Error('alert webhook answered 503');
          sent.push(body as (typeof sent)[number]);
        },
        onError: () => undefined,
      });
    const [a, b] = [make(), make()];
    await a.evaluate(); // the webhook is down: nothing delivered, nothing forgotten
    const quiet = () => sent.filter((s) => s.subject === 'quiet-shop');
    expect(quiet()).toEqual([]);
    up = true;
    clock.advance(30_000);
    await Promise.all([a.evaluate(), b.evaluate()]);
    expect(quiet()).toHaveLength(1);
    expect(quiet()[0]).toMatchObject({ status: 'firing', since: expect.stringMatching(/Z$/) });
    await Promise.all([a.evaluate(), b.evaluate()]);
    expect(quiet()).toHaveLength(1);
    expect(b.active().map((x) => x.subject)).toContain('quiet-shop');
  });

  it('alarms while a 940 sent to an X12 partner has no 997 past its deadline, in the API and /metrics, and clears on the 997', async () => {
    const sent: { status: string; rule: string; subject: string; message: string }[] = [];
    const monitor = new AlertMonitor({
      store,
      clock,
      options: { unacknowledgedEdi: true, webhookUrl: 'http://alerts.example/hook' },
      notify: async (_url, body) => void sent.push(body as (typeof sent)[number]),
    });
    const t0 = clock.now();
    const group = (control: string, dueInMin: number) => ({
      partner: 'east-3pl',
      functionalId: 'OW',
      groupControl: control,
      interchangeControl: `00000${control}`,
      sets: [{ id: '940', controlNumber: '0001' }],
      sentAt: t0,
      ackDueAt: t0 + dueInMin * 60_000,
    });
    await store.interchanges.recordSentGroups([group('7001', 60), group('7002', 90)]);
    expect(await monitor.evaluate()).toEqual([]);

    clock.advance(61 * 60_000); // the first is overdue, the second not yet
    const [alert] = await monitor.evaluate();
    expect(alert).toMatchObject({ rule: 'edi_unacknowledged', subject: 'east-3pl' });
    expect(alert!.message).toBe(
      `1 X12 group(s) sent to east-3pl have no 997 past their deadline (oldest: interchange 000007001, due ${new Date(t0 + 60 * 60_000).toISOString()})`,
    );
    // (alerts of the tests above, on the same store, end now too: only this rule's notices count)
    const edi = () => sent.filter((s) => s.rule === 'edi_unacknowledged');
    expect(edi().map((s) => `${s.status}/${s.rule}`)).toEqual(['firing/edi_unacknowledged']);

    clock.advance(30 * 60_000); // both overdue now: still the same alert, no second notification
    expect((await monitor.evaluate())[0]!.message).toMatch(/^2 X12 group\(s\)/);
    expect(edi()).toHaveLength(1);

    const app = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1 << 20 });
    const services = adminServices({ store, clock, laneNames: ['intake'], alerts: () => monitor.active() });
    await registerAdmin(app, services);
    const metrics = new FerryMetrics(new EventBus(), { store, clock, alerts: () => monitor.active() });
    registerMetricsRoute(app, metrics);
    const token = (await services.tokens.create({ name: 'viewer', role: 'viewer' }, 'test')).token;
    const api = await app.inject({
      method: 'GET',
      url: '/api/alerts',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json()).toEqual([
      expect.objectContaining({ rule: 'edi_unacknowledged', subject: 'east-3pl' }),
    ]);
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('ferry_edi_unacknowledged_groups{partner="east-3pl"} 2');
    expect(text).toContain('ferry_alert_active{rule="edi_unacknowledged",subject="east-3pl"} 1');

    // The 997s arrive (late): the alert ends, and the webhook hears it.
    for (const c of ['7001', '7002'])
      await store.interchanges.markGroupAcked(
        { partner: 'east-3pl', functionalId: 'OW', groupControl: c },
        'A',
        clock.now(),
      );
    expect(await monitor.evaluate()).toEqual([]);
    expect(edi().map((s) => `${s.status}/${s.rule}`)).toEqual([
      'firing/edi_unacknowledged',
      'resolved/edi_unacknowledged',
    ]);
    metrics.stop();
    await app.close();
  });
});

describeStores('alerts: event endpoints', (fx) => {
  it('fires while Ferry keeps an event subscription disabled for failing, not when a person disabled one', async () => {
    const clock = new ManualClock();
    const store = await fx().open({ clock });
    try {
      const monitor = new AlertMonitor({ store, clock, options: {} });
      const now = clock.now();
      const base = { kind: 'webhook' as const, types: [], payload: 'full' as const, secretName: null, now };
      const failing = await store.events.insertSubscription({
        ...base,
        name: 'crm',
        url: 'https://crm.example/h',
      });
      const paused = await store.events.insertSubscription({
        ...base,
        name: 'dwh',
        url: 'https://dwh.example/h',
      });
      expect(await monitor.evaluate()).toEqual([]);
      await store.events.updateSubscription(
        failing.id,
        { enabled: false, disabledReason: 'failing since 2026-01-01T00:00:00.000Z: endpoint answered 503' },
        now,
      );
      await store.events.updateSubscription(
        paused.id,
        { enabled: false, disabledReason: 'disabled by alice' },
        now,
      );
      const active = await monitor.evaluate();
      expect(active.map((a) => [a.rule, a.subject])).toEqual([['events_endpoint_disabled', 'crm']]);
      expect(active[0]!.message).toContain('ferry events enable crm');
      await store.events.updateSubscription(failing.id, { enabled: true, disabledReason: null }, now);
      expect(await monitor.evaluate()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import {
  EventBus,
  InboxService,
  LaneRegistry,
  PartnerGuard,
  Queue,
  Worker,
  defineTask,
} from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { buildHttp } from '../../api/server.js';
import { seedOrder } from '../../test-helpers/adminFixtures.js';
import { FerryMetrics, instrumentGuard, registerMetricsRoute } from './index.js';

/** The value of one sample line, e.g. `ferry_jobs_total{lane="m",outcome="completed"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeStores('/metrics after a known sequence of events', (fx) => {
  let store: Store;
  let text = '';

  beforeAll(async () => {
    store = await fx().open();
    const events = new EventBus();
    const lanes = new LaneRegistry([
      { name: 'm', pollMs: 20, maxAttempts: 2, backoff: { baseMs: 1, capMs: 5 } },
      { name: 'idle' },
    ]);
    const queue = new Queue(store, lanes, systemClock);
    const odoo = new PartnerGuard({ name: 'odoo:main', ratePerSec: 10, failuresToOpen: 2 }, systemClock);
    const shop = new PartnerGuard({ name: 'shopify:eu', ratePerSec: 2 }, systemClock);
    const metrics = new FerryMetrics(events, {
      store,
      clock: systemClock,
      partners: () => [odoo, shop],
      alerts: () => [{ rule: 'breaker_open', subject: 'odoo:main' }],
    });
    const guarded = instrumentGuard(odoo, metrics, systemClock);
    let flaky = 0;
    const task = defineTask({
      name: 'work',
      lane: 'm',
      handle: async (ctx) => {
        const n = (ctx.payload as { n: number }).n;
        if (n === 2) throw new FerryError('mapping_missing', 'no SKU', { impact: 'finance' });
        if (n === 3 && flaky++ === 0) throw new FerryError('partner_timeout', 'slow');
      },
    });
    const inbox = new InboxService({ store, queue, clock: systemClock, events });
    const body = { headers: {}, body: Buffer.from('{}'), signature: 'valid' as const, kind: 'orders/create' };
    for (const n of [1, 2, 3])
      await inbox.accept({ ...body, source: 'shopify:eu', dedupeKey: `m-${n}` }, () => ({
        lane: 'm',
        task: 'work',
        payload: { n },
      }));
    await inbox.accept({ ...body, source: 'shopify:eu', dedupeKey: 'm-1' }, undefined);
    await inbox.reject({ ...body, source: 'shopify:eu', signature: 'invalid' }, 'bad signature');
    await inbox.accept({ ...body, source: 'shopify:us', dedupeKey: 'us-1' }, undefined);
    const worker = new Worker({ store, lanes, tasks: [task], events, only: ['m'] });
    worker.start();
    await waitFor(
      async () => (await store.jobs.listJobs({ lane: 'm', state: 'completed' })).length === 2,
      'two completed',
    );
    await waitFor(
      async () => (await store.jobs.listJobs({ lane: 'm', state: 'excepted' })).length === 1,
      'one excepted',
    );
    await worker.stop(1000);
    await queue.enqueue(
      [1, 2, 3].map((n) => ({ lane: 'idle', task: 'x', payload: { n }, runAt: Date.now() - 5000 })),
    );
    await guarded.call(async () => 'ok');
    await guarded.call(async () => 'ok');
    for (let i = 0; i < 2; i++)
      await guarded
        .call(() => Promise.reject(new FerryError('partner_unavailable', '503')))
        .catch(() => undefined);
    await seedOrder(store, Date.now(), '7001');
    await seedOrder(store, Date.now(), '7002');
    const app = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1 << 20 });
    registerMetricsRoute(app, metrics);
    const r = await app.inject({ method: 'GET', url: '/metrics' });
    expect(r.headers['content-type']).toContain('text/plain');
    text = r.body;
    await app.close();
    metrics.stop();
  });
  afterAll(() => store.close());

  it('counts webhooks per channel and outcome', () => {
    expect(sample(text, 'ferry_webhooks_total{channel="shopify:eu",outcome="received"}')).toBe(3);
    expect(sample(text, 'ferry_webhooks_total{channel="shopify:eu",outcome="duplicate"}')).toBe(1);
    expect(sample(text, 'ferry_webhooks_total{channel="shopify:eu",outcome="rejected"}')).toBe(1);
    expect(sample(text, 'ferry_webhooks_total{channel="shopify:us",outcome="received"}')).toBe(1);
  });

  it('counts jobs by lane and outcome, with latency histograms', () => {
    expect(sample(text, 'ferry_jobs_total{lane="m",outcome="completed"}')).toBe(2);
    expect(sample(text, 'ferry_jobs_total{lane="m",outcome="retried"}')).toBe(1);
    expect(sample(text, 'ferry_jobs_total{lane="m",outcome="excepted"}')).toBe(1);
    expect(sample(text, 'ferry_job_duration_seconds_count{lane="m"}')).toBe(2);
    expect(sample(text, 'ferry_job_latency_seconds_count{lane="m"}')).toBe(2);
    expect(sample(text, 'ferry_exceptions_total{impact="finance",code="mapping_missing"}')).toBe(1);
    expect(sample(text, 'ferry_exceptions_open{impact="finance"}')).toBe(1);
  });

  it('reads queue depth and oldest age per lane from the store when scraped', () => {
    expect(sample(text, 'ferry_queue_depth{lane="idle"}')).toBe(3);
    expect(sample(text, 'ferry_queue_oldest_age_seconds{lane="idle"}')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'ferry_queue_depth{lane="m"}')).toBe(0);
  });

  it('reports partner calls, errors, latency, breaker state and headroom', () => {
    expect(sample(text, 'ferry_partner_calls_total{partner="odoo:main"}')).toBe(4);
    expect(sample(text, 'ferry_partner_errors_total{partner="odoo:main",code="partner_unavailable"}')).toBe(
      2,
    );
    expect(sample(text, 'ferry_partner_call_duration_seconds_count{partner="odoo:main"}')).toBe(4);
    expect(sample(text, 'ferry_breaker_state{partner="odoo:main"}')).toBe(2);
    expect(sample(text, 'ferry_breaker_state{partner="shopify:eu"}')).toBe(0);
    expect(sample(text, 'ferry_partner_headroom{partner="shopify:eu"}')).toBe(2);
  });

  it('reports orders by lifecycle state and active alerts', () => {
    expect(sample(text, 'ferry_orders{state="confirmed"}')).toBe(2);
    expect(sample(text, 'ferry_alert_active{rule="breaker_open",subject="odoo:main"}')).toBe(1);
  });
});

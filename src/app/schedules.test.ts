import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EventBus, LaneRegistry, Queue, Scheduler, type ScheduleDefinition } from '../engine/index.js';
import { compileConfig, validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import type { Store } from '../store/index.js';
import { ManualClock, describeStores } from '../test-helpers/stores.js';
import { startFerry } from './ferry.js';
import { MAINTENANCE_LANE, PURGE_TASK, maintenanceSchedules } from './maintenance.js';
import { zonedSchedules } from './schedules.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const amsterdam = compileConfig({ schedules: { timeZone: 'Europe/Amsterdam' } }).scheduleTimeZone;
const utc = compileConfig({}).scheduleTimeZone;
const usShop = {
  id: 'us',
  kind: 'shopify' as const,
  shopDomain: 'us-store.myshopify.com',
  adminUrl: 'http://127.0.0.1:9', // a sandbox never reaches a real shop; nothing is called here
  webhookSecret: 'env:H',
  accessToken: 'env:T',
  tradingHours: { timeZone: 'America/New_York', from: '08:00', to: '20:00' },
};

/** A scheduler as `ferry serve` builds it, ticked by hand. */
async function started(store: Store, clock: ManualClock, defs: ScheduleDefinition[]): Promise<Scheduler> {
  const lanes = new LaneRegistry([{ name: MAINTENANCE_LANE }]);
  const s = new Scheduler(
    { store, queue: new Queue(store, lanes, clock), clock, events: new EventBus() },
    defs,
    3_600_000,
  );
  await s.start();
  cleanups.push(() => s.stop());
  return s;
}

/** The firings a schedule enqueued, as UTC instants (its jobs' idempotency keys end with them). */
async function firings(store: Store, name: string): Promise<string[]> {
  const jobs = await store.jobs.listJobs({ lane: MAINTENANCE_LANE });
  return jobs
    .filter((j) => j.idempotencyKey?.startsWith(`schedule:${name}:`))
    .map((j) => new Date(Number(j.idempotencyKey!.slice(`schedule:${name}:`.length))).toISOString())
    .sort();
}

it('reads schedules without a zone of their own in schedules.timeZone, and channel ones in its trading zone', () => {
  expect(zonedSchedules(utc, maintenanceSchedules)[0]).toMatchObject({ name: PURGE_TASK, timeZone: 'UTC' });
  expect(zonedSchedules(amsterdam, maintenanceSchedules)[0]).toMatchObject({
    name: PURGE_TASK,
    cron: '17 3 * * *',
    timeZone: 'Europe/Amsterdam',
  });
  const own = { name: 'x', cron: '0 2 * * *', lane: 'l', task: 't', timeZone: 'America/New_York' };
  expect(zonedSchedules(amsterdam, [own])[0]!.timeZone).toBe('America/New_York');
  const withShop = compileConfig({ schedules: { timeZone: 'Europe/Amsterdam' }, channels: [usShop] });
  expect(withShop.channels.find((c) => c.id === 'us')?.timeZone).toBe('America/New_York');
  const noHours = compileConfig({ channels: [{ ...usShop, tradingHours: undefined }] });
  expect(noHours.channels.find((c) => c.id === 'us')?.timeZone).toBeUndefined();
});

it('a running Ferry registers its purge at 03:17 in schedules.timeZone, a channel poll in its own zone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-schedules-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const app = await startFerry({
    db: join(dir, 'ferry.db'),
    config: validateConfig({
      schedules: { timeZone: 'Europe/Amsterdam' },
      channels: [usShop],
      // Intake (and so the channel poll) is wired only with an Odoo; nothing calls it here.
      odoo: { url: 'http://127.0.0.1:9', database: 'd', login: 'l', apiKey: 'env:K' },
    }),
    checkOdoo: false,
    mode: 'worker',
    env: { H: 'hook-secret', T: 'token', K: 'key' },
    clock: new ManualClock(Date.parse('2026-03-27T12:00:00Z')),
    logger: createLogger({ level: 'silent' }),
  });
  cleanups.push(() => app.stop(1000));
  const due = await app.store.schedules.dueSchedules(Date.parse('2026-03-28T02:17:00Z'));
  expect(due.find((r) => r.name === PURGE_TASK)?.nextRunAt).toBe(Date.parse('2026-03-28T02:17:00Z'));
  expect(app.flows.schedules.find((d) => d.name === 'shopify.poll:us')?.timeZone).toBe('America/New_York');
});

describeStores('a daily schedule in a time zone', (fx) => {
  it('fires the purge at 03:17 Amsterdam time, on both sides of the switch to summer time', async () => {
    // 29 March 2026: Amsterdam moves from CET (UTC+1) to CEST (UTC+2) at 02:00 local.
    const clock = new ManualClock(Date.parse('2026-03-27T12:00:00Z'));
    const store = await fx().open({ clock });
    cleanups.push(() => store.close());
    const scheduler = await started(store, clock, zonedSchedules(amsterdam, maintenanceSchedules));

    clock.advance(Date.parse('2026-03-28T02:16:59Z') - clock.now());
    expect(await scheduler.tick()).toBe(0);
    clock.advance(1000); // 03:17 CET
    expect(await scheduler.tick()).toBe(1);
    clock.advance(Date.parse('2026-03-29T01:16:59Z') - clock.now());
    expect(await scheduler.tick()).toBe(0);
    clock.advance(1000); // 03:17 CEST
    expect(await scheduler.tick()).toBe(1);
    expect(await firings(store, PURGE_TASK)).toEqual([
      '2026-03-28T02:17:00.000Z',
      '2026-03-29T01:17:00.000Z',
    ]);
  });

  it('moves a registered firing when the zone changes, the expression staying the same', async () => {
    const clock = new ManualClock(Date.parse('2026-07-01T12:00:00Z'));
    const store = await fx().open({ clock });
    cleanups.push(() => store.close());
    // The purge's definition under its own name, so that the test above leaves it no row.
    const purge = [{ ...maintenanceSchedules[0]!, name: 'purge-zone-change' }];
    // First registered in UTC (03:17Z), then Ferry restarts with Amsterdam (03:17 CEST = 01:17Z).
    (await started(store, clock, zonedSchedules(utc, purge))).stop();
    const scheduler = await started(store, clock, zonedSchedules(amsterdam, purge));
    clock.advance(Date.parse('2026-07-02T01:17:00Z') - clock.now());
    expect(await scheduler.tick()).toBe(1);
    expect(await firings(store, 'purge-zone-change')).toEqual(['2026-07-02T01:17:00.000Z']);
  });
});

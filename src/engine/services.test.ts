import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { ManualClock, describeStores, waitFor } from '../test-helpers/stores.js';
import {
  EventBus,
  ExceptionService,
  InboxService,
  LaneRegistry,
  Queue,
  Scheduler,
  Worker,
  defineTask,
} from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

let seq = 0;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describeStores('exception queue actions', (fx) => {
  /** Parks `n` jobs in the exception queue: codes alternate mapping_missing / rule_failed. */
  async function parked(n: number) {
    const store: Store = await fx().open();
    const lane = `ex${++seq}`;
    const lanes = new LaneRegistry([{ name: lane, pollMs: 20 }]);
    const seen: unknown[] = [];
    let failing = true;
    const task = defineTask({
      name: 'pick',
      lane,
      handle: async (ctx) => {
        if (failing) {
          const code = (ctx.payload as { n: number }).n % 2 === 0 ? 'mapping_missing' : 'rule_failed';
          throw new FerryError(code, `failed ${(ctx.payload as { n: number }).n}`, {
            partner: 'odoo',
            impact: 'blocks-shipment',
          });
        }
        seen.push(ctx.payload);
      },
    });
    const worker = new Worker({ store, lanes, tasks: [task] });
    const queue = new Queue(store, lanes, systemClock);
    await queue.enqueue([...Array(n).keys()].map((i) => ({ lane, task: 'pick', payload: { n: i } })));
    worker.start();
    cleanups.push(async () => {
      await worker.stop(1000);
      await store.close();
    });
    await waitFor(
      async () => (await store.exceptions.listExceptions({ lane })).length === n,
      `${n} exceptions`,
    );
    failing = false;
    return { store, lane, seen, svc: new ExceptionService(store, systemClock) };
  }

  it('replays a filtered set: only the matching open exceptions run again, once, and each replay is audited', async () => {
    const { store, lane, seen, svc } = await parked(6);
    const done = await svc.replayMatching({ lane, code: 'mapping_missing' }, 'alice');
    expect(done).toHaveLength(3);
    await waitFor(() => seen.length === 3, 'three replayed jobs ran');
    expect(seen.map((p) => (p as { n: number }).n).sort()).toEqual([0, 2, 4]);
    expect(await svc.replayMatching({ lane, code: 'mapping_missing' }, 'alice')).toEqual([]);
    const open = await store.exceptions.listExceptions({ lane, status: 'open' });
    expect(open.map((e) => e.code)).toEqual(['rule_failed', 'rule_failed', 'rule_failed']);
    const audit = await storeDb(store)
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'exception.replay')
      .where('target_id', 'in', done.map(String))
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actor === 'alice')).toBe(true);
  });

  it('edits the payload and replays: the job runs with the new payload, before and after are audited', async () => {
    const { store, lane, seen, svc } = await parked(1);
    const [exc] = await store.exceptions.listExceptions({ lane });
    await svc.editAndReplay(exc!.id, { n: 100 }, 'bob');
    await waitFor(() => seen.length === 1, 'replayed job ran');
    expect(seen).toEqual([{ n: 100 }]);
    const [audit] = await storeDb(store)
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'exception.edit_replay')
      .where('target_id', '=', String(exc!.id))
      .execute();
    expect(JSON.parse(audit!.before!)).toEqual({ payload: { n: 0 } });
    expect(JSON.parse(audit!.after!)).toEqual({
      payload: { n: 100 },
      diff: [{ path: 'n', op: 'change', from: 0, to: 100 }],
    });
    expect(audit!.actor).toBe('bob');
    await expect(svc.replay(exc!.id, 'bob')).rejects.toThrow(`exception ${exc!.id} is replayed, not open`);
  });

  it('skips with a reason: the job never runs again, and the reason and actor are kept', async () => {
    const { store, lane, seen, svc } = await parked(1);
    const [exc] = await store.exceptions.listExceptions({ lane });
    await expect(svc.skip(exc!.id, '  ', 'carol')).rejects.toThrow('a reason is required');
    await svc.skip(exc!.id, 'customer cancelled by phone', 'carol');
    const after = await svc.show(exc!.id);
    expect(after).toMatchObject({
      status: 'skipped',
      resolvedBy: 'carol',
      resolutionNote: 'customer cancelled by phone',
    });
    expect((await store.jobs.getJob(exc!.jobId))!.state).toBe('skipped');
    expect(await svc.replayMatching({ lane }, 'carol')).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]);
    await expect(svc.show(999_999)).rejects.toThrow('exception 999999 does not exist');
  });
});

describeStores('inbox', (fx) => {
  it('stores every message raw before acknowledging, counts duplicates, and keeps rejected ones unprocessed', async () => {
    const store = await fx().open();
    cleanups.push(() => store.close());
    const lane = `in${++seq}`;
    const lanes = new LaneRegistry([{ name: lane }]);
    const events = new EventBus();
    const dups: string[] = [];
    events.on('duplicate', (e) => dups.push(e.dedupeKey));
    const inbox = new InboxService({
      store,
      queue: new Queue(store, lanes, systemClock),
      clock: systemClock,
      events,
    });
    const msg = {
      source: 'shopify:eu',
      kind: 'orders/create',
      headers: { 'x-shopify-topic': 'orders/create' },
      body: Buffer.from('{"id":1}'),
      signature: 'valid' as const,
      dedupeKey: `evt-${lane}`,
    };
    const first = await inbox.accept(msg, (inboxId) => ({ lane, task: 'normalise', payload: { inboxId } }));
    const second = await inbox.accept({ ...msg, body: Buffer.from('{"id":1,"again":true}') }, (inboxId) => ({
      lane,
      task: 'normalise',
      payload: { inboxId },
    }));
    expect(first.status).toBe('accepted');
    expect(second).toEqual({ status: 'duplicate', inboxId: first.inboxId });
    expect(dups).toEqual([`evt-${lane}`]);
    const stored = await store.inbox.getInbox(first.inboxId);
    expect(stored).toMatchObject({
      source: 'shopify:eu',
      kind: 'orders/create',
      signature: 'valid',
      duplicateCount: 1,
      status: 'accepted',
    });
    expect(stored!.body.toString()).toBe('{"id":1}');
    const jobs = await store.jobs.listJobs({ lane });
    expect(jobs.map((j) => j.payload)).toEqual([{ inboxId: first.inboxId }]);
    expect(stored!.jobId).toBe(jobs[0]!.id);

    const rejected = await inbox.reject(
      {
        source: 'shopify:eu',
        kind: 'orders/create',
        headers: {},
        body: Buffer.from('forged'),
        signature: 'invalid',
      },
      'HMAC does not match',
    );
    const r = await store.inbox.getInbox(rejected.inboxId);
    expect(r).toMatchObject({
      status: 'rejected',
      reason: 'HMAC does not match',
      signature: 'invalid',
      dedupeKey: null,
    });
    expect(await store.jobs.listJobs({ lane })).toHaveLength(1);
  });

  it('writes nothing when the processing job cannot be enqueued (unknown lane): the partner gets an error and redelivers', async () => {
    const store = await fx().open();
    cleanups.push(() => store.close());
    const lanes = new LaneRegistry([{ name: 'known' }]);
    const inbox = new InboxService({
      store,
      queue: new Queue(store, lanes, systemClock),
      clock: systemClock,
      events: new EventBus(),
    });
    const key = `evt-unknown-${++seq}`;
    await expect(
      inbox.accept(
        {
          source: 's',
          kind: 'k',
          headers: {},
          body: Buffer.from('x'),
          signature: 'unsigned',
          dedupeKey: key,
        },
        () => ({ lane: 'nope', task: 't', payload: {} }),
      ),
    ).rejects.toThrow('unknown lane "nope"');
    const rows = await storeDb(store)
      .selectFrom('inbox')
      .select('id')
      .where('dedupe_key', '=', key)
      .execute();
    expect(rows).toEqual([]);
  });
});

describeStores('scheduler', (fx) => {
  it('fires each cron tick at most once across several processes', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 10, 0, 30));
    const a = await fx().open({ clock });
    // SQLite serves one process: there the second scheduler shares the process's store.
    const b = fx().kind === 'postgres' ? await fx().open({ clock }) : a;
    cleanups.push(async () => {
      await a.close();
      if (b !== a) await b.close();
    });
    const lane = `sch${++seq}`;
    const lanes = new LaneRegistry([{ name: lane }]);
    const def = [{ name: `resync-${lane}`, cron: '*/5 * * * *', lane, task: 'resync' }];
    const sa = new Scheduler(
      { store: a, queue: new Queue(a, lanes, clock), clock, events: new EventBus() },
      def,
      3_600_000,
    );
    const sb = new Scheduler(
      { store: b, queue: new Queue(b, lanes, clock), clock, events: new EventBus() },
      def,
      3_600_000,
    );
    await sa.start();
    await sb.start();
    cleanups.push(async () => {
      sa.stop();
      sb.stop();
    });
    expect(await sa.tick()).toBe(0); // 10:00:30, first firing is 10:05
    clock.advance(5 * 60_000);
    const created = (await Promise.all([sa.tick(), sb.tick(), sa.tick()])).reduce((x, y) => x + y, 0);
    expect(created).toBe(1);
    clock.advance(5 * 60_000);
    expect((await sb.tick()) + (await sa.tick())).toBe(1);
    const jobs = await a.jobs.listJobs({ lane });
    expect(jobs.map((j) => j.idempotencyKey).sort()).toEqual([
      `schedule:resync-${lane}:${Date.UTC(2026, 0, 1, 10, 5)}`,
      `schedule:resync-${lane}:${Date.UTC(2026, 0, 1, 10, 10)}`,
    ]);
    expect(
      () =>
        new Scheduler({ store: a, queue: new Queue(a, lanes, clock), clock, events: new EventBus() }, [
          { name: 'bad', cron: 'every day', lane, task: 't' },
        ]),
    ).toThrow('schedule "bad": invalid cron expression "every day"');
  });

  it('registers the same schedules from processes starting at once, keeping a next firing the expression did not change', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 10, 0, 30));
    // Four processes on PostgreSQL; SQLite serves one process, whose four schedulers share its store.
    const opened =
      fx().kind === 'postgres'
        ? await Promise.all([1, 2, 3, 4].map(() => fx().open({ clock })))
        : [await fx().open({ clock })];
    const a = opened[0]!;
    const all = [0, 1, 2, 3].map((i) => opened[i] ?? a);
    cleanups.push(async () => {
      for (const s of new Set(all)) await s.close();
    });
    const lane = `sch${++seq}`;
    const lanes = new LaneRegistry([{ name: lane }]);
    const def = (cron: string) => [
      { name: `a-${lane}`, cron, lane, task: 'a' },
      { name: `b-${lane}`, cron: '0 * * * *', lane, task: 'b' },
    ];
    const scheduler = (s: (typeof all)[number], cron: string) =>
      new Scheduler(
        { store: s, queue: new Queue(s, lanes, clock), clock, events: new EventBus() },
        def(cron),
        3_600_000,
      );
    const started = all.map((s) => scheduler(s, '*/5 * * * *'));
    await Promise.all(started.map((x) => x.start()));
    for (const x of started) x.stop();
    const next = async () =>
      Object.fromEntries(
        (
          await storeDb(a)
            .selectFrom('schedules')
            .select(['name', 'cron', 'next_run_at'])
            .where('lane', '=', lane)
            .execute()
        ).map((r) => [r.name, [r.cron, Number(r.next_run_at)]]),
      );
    expect(await next()).toEqual({
      [`a-${lane}`]: ['*/5 * * * *', Date.UTC(2026, 0, 1, 10, 5)],
      [`b-${lane}`]: ['0 * * * *', Date.UTC(2026, 0, 1, 11)],
    });
    // Later, one process restarts with a changed expression: only that schedule moves.
    clock.advance(2 * 60_000);
    const again = scheduler(a, '*/15 * * * *');
    await again.start();
    again.stop();
    expect(await next()).toEqual({
      [`a-${lane}`]: ['*/15 * * * *', Date.UTC(2026, 0, 1, 10, 15)],
      [`b-${lane}`]: ['0 * * * *', Date.UTC(2026, 0, 1, 11)],
    });
  });
});

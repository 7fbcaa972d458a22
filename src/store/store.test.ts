import { afterEach, expect, it } from 'vitest';
import { describeStores } from '../test-helpers/stores.js';
import type { Store } from './index.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describeStores('store', (fx) => {
  it('migrates once even when opened again, and reports its version', async () => {
    const a = await fx().open();
    open.push(a);
    expect((await a.migrate()).applied).toEqual([]);
    const v = await a.migrations.status();
    expect(v.current).toBe(v.latest);
    expect(v.latest).toBeGreaterThan(0);
  });

  it('retention removes old raw messages and finished jobs, never open work', async () => {
    const s = await fx().open();
    open.push(s);
    const day = 86_400_000;
    const old = Date.UTC(2025, 0, 1);
    const msg = (key: string, receivedAt: number) => ({
      source: 'retention',
      kind: 'k',
      headers: {},
      body: Buffer.from(key),
      signature: 'unsigned' as const,
      dedupeKey: key,
      status: 'accepted' as const,
      receivedAt,
    });
    const prep = (task: string) => ({
      lane: 'retention',
      task,
      payloadJson: '{}',
      priority: 0,
      runAt: old,
      maxAttempts: 3,
    });
    const [done, parked] = await s.jobs.enqueue([prep('done'), prep('parked')], old);
    const leased = await s.jobs.lease({
      lane: 'retention',
      limit: 2,
      leaseMs: 1000,
      workerId: 'w',
      now: old,
    });
    const byTask = new Map(leased.map((j) => [j.task, j]));
    await s.jobs.complete([{ id: done!.id, token: byTask.get('done')!.leaseToken! }], old);
    await s.jobs.except(
      { id: parked!.id, token: byTask.get('parked')!.leaseToken! },
      { code: 'rule_failed', message: 'x', impact: 'info', partner: null, entities: {} },
      [],
      old,
    );
    const oldDone = await s.inbox.receive(msg(`old-done-${fx().kind}`, old));
    await s.inbox.markInbox(oldDone.id, 'processed', old, { jobId: done!.id });
    const oldParked = await s.inbox.receive(msg(`old-parked-${fx().kind}`, old));
    await s.inbox.markInbox(oldParked.id, 'accepted', old, { jobId: parked!.id });
    const recent = await s.inbox.receive(msg(`recent-${fx().kind}`, old + 100 * day));
    const r = await s.retention.purgeBefore(old + 90 * day);
    expect(r).toEqual({ inbox: 1, jobs: 1 });
    expect(await s.inbox.getInbox(oldDone.id)).toBeNull();
    expect(await s.inbox.getInbox(oldParked.id)).not.toBeNull();
    expect(await s.inbox.getInbox(recent.id)).not.toBeNull();
    expect(await s.jobs.getJob(done!.id)).toBeNull();
    expect((await s.jobs.getJob(parked!.id))!.state).toBe('excepted');
  });
});

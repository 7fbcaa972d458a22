import { afterEach, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import type { IntakeItem, PreparedJob, Store } from '../index.js';
import { replayInbox } from './replayInbox.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const t0 = Date.UTC(2026, 11, 6, 8);

describeStores('inbox replay after a restore', (fx) => {
  const msg = (key: string, receivedAt: number, status: 'accepted' | 'rejected' = 'accepted') => ({
    source: 'shopify:shop-eu',
    kind: 'orders/create',
    headers: {},
    body: Buffer.from(`{"id":"${key}"}`),
    signature: 'valid' as const,
    dedupeKey: key,
    status,
    receivedAt,
  });
  const job = (inboxId: number): PreparedJob => ({
    lane: 'intake',
    task: 'intake.shopify',
    payloadJson: JSON.stringify({ inboxId, channel: 'shop-eu' }),
    priority: 0,
    runAt: t0,
    maxAttempts: 5,
    orderingKey: `order:${inboxId}`,
    trace: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  });

  it('queues a copy of each completed message job since T, in arrival order, and says why it left the others', async () => {
    const s = await fx().open();
    open.push(s);
    const items: IntakeItem[] = [
      { msg: msg('before', t0 - 60_000), job },
      { msg: msg('done-1', t0), job },
      { msg: msg('done-2', t0 + 1000), job },
      { msg: msg('waiting', t0 + 2000), job },
      { msg: msg('excepted', t0 + 3000), job },
      { msg: msg('skipped', t0 + 4000), job },
      { msg: msg('erased', t0 + 5000), job },
      { msg: msg('stored-only', t0 + 6000) },
      { msg: msg('bad-signature', t0 + 7000, 'rejected') },
    ];
    const r = await s.inbox.intake(items, t0);
    const id = (i: number) => r[i]!.inboxId;
    const jobOf = (i: number) => (r[i] as { jobId: number }).jobId;
    const setState = (i: number, state: string) =>
      storeDb(s).updateTable('jobs').set({ state }).where('id', '=', jobOf(i)).execute();
    for (const i of [0, 1, 2, 6]) await setState(i, 'completed');
    await setState(4, 'excepted');
    await setState(5, 'skipped');
    await storeDb(s).updateTable('inbox').set({ payload_erased_at: t0 }).where('id', '=', id(6)).execute();

    const dry = await replayInbox(s, t0, { actor: 'cli:ops', now: t0 + 10_000, dryRun: true });
    expect(dry.replayed.map((x) => x.inboxId)).toEqual([id(1), id(2)]);
    expect(await s.jobs.listJobs({ lane: 'intake', state: 'ready' })).toHaveLength(1); // only "waiting"

    const done = await replayInbox(s, t0, { actor: 'cli:ops', now: t0 + 10_000 });
    expect(done.replayed.map((x) => x.inboxId)).toEqual([id(1), id(2)]);
    expect(done.leftOut).toEqual([
      { inboxId: id(3), why: 'pending' },
      { inboxId: id(4), why: 'excepted' },
      { inboxId: id(5), why: 'skipped' },
      { inboxId: id(6), why: 'erased' },
      { inboxId: id(7), why: 'no job' },
    ]);
    for (const [n, { inboxId, jobId }] of done.replayed.entries()) {
      const copy = (await s.jobs.getJob(jobId))!;
      const original = (await s.jobs.getJob(jobOf(n + 1)))!;
      expect(copy).toMatchObject({
        state: 'ready',
        lane: 'intake',
        task: 'intake.shopify',
        payload: original.payload,
        orderingKey: original.orderingKey,
        runAt: t0 + 10_000,
        attempts: 0,
      });
      expect((await s.inbox.getInbox(inboxId))!.jobId).toBe(jobId);
    }
    const audit = await storeDb(s)
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target_id'])
      .where('action', '=', 'inbox.replay')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor: 'cli:ops', action: 'inbox.replay', target_id: String(id(1)) },
      { actor: 'cli:ops', action: 'inbox.replay', target_id: String(id(2)) },
    ]);
    // Run again at once: the copies have not run yet, so nothing is queued twice.
    const again = await replayInbox(s, t0, { actor: 'cli:ops', now: t0 + 11_000 });
    expect(again.replayed).toEqual([]);
    expect(again.leftOut.filter((l) => l.why === 'pending').map((l) => l.inboxId)).toEqual([
      id(1),
      id(2),
      id(3),
    ]);
  });
});

import { afterEach, expect, it } from 'vitest';
import { describeStores } from '../test-helpers/stores.js';
import type { IntakeItem, PreparedJob, Store } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

let seq = 0;
const now = Date.UTC(2026, 10, 27, 12);

describeStores('store intake (group commit of webhooks)', (fx) => {
  const lane = () => `intake-${fx().kind}-${++seq}`;
  const msg = (key: string | null, body = key ?? 'x') => ({
    source: 'shopify:test',
    kind: 'orders/create',
    headers: { 'x-shopify-topic': 'orders/create' },
    body: Buffer.from(body),
    signature: 'valid' as const,
    dedupeKey: key,
    status: 'accepted' as const,
    receivedAt: now,
  });
  const job =
    (l: string, idempotencyKey?: string) =>
    (inboxId: number): PreparedJob => ({
      lane: l,
      task: 'intake.test',
      payloadJson: JSON.stringify({ inboxId }),
      priority: 0,
      runAt: now,
      maxAttempts: 3,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });

  it('stores each message with its job, links both ways, and counts a repeat in the same batch on the first', async () => {
    const s = await fx().open();
    open.push(s);
    const l = lane();
    const items: IntakeItem[] = [
      { msg: msg(`${l}-a`), job: job(l) },
      { msg: msg(`${l}-b`), job: job(l) },
      { msg: msg(`${l}-a`, 'again'), job: job(l) },
      { msg: msg(`${l}-c`) },
    ];
    const [a, b, again, c] = await s.inbox.intake(items, now);
    expect(again).toEqual({ duplicate: true, inboxId: a!.inboxId });
    expect(c).toMatchObject({ duplicate: false, jobId: null });
    const jobs = await s.jobs.listJobs({ lane: l });
    expect(
      jobs
        .map((j) => j.payload)
        .sort((x, y) => (x as { inboxId: number }).inboxId - (y as { inboxId: number }).inboxId),
    ).toEqual([{ inboxId: a!.inboxId }, { inboxId: b!.inboxId }]);
    for (const r of [a, b]) {
      if (r?.duplicate !== false) throw new Error('expected stored');
      const row = await s.inbox.getInbox(r.inboxId);
      expect(row).toMatchObject({ jobId: r.jobId, status: 'accepted' });
      expect((await s.jobs.getJob(r.jobId!))!.payload).toEqual({ inboxId: r.inboxId });
    }
    expect(await s.inbox.getInbox(a!.inboxId)).toMatchObject({ body: Buffer.from(`${l}-a`) });
    expect((await s.inbox.getInbox(a!.inboxId))!.duplicateCount).toBe(1);
    expect((await s.inbox.getInbox(b!.inboxId))!.duplicateCount).toBe(0);
    const [later] = await s.inbox.intake([{ msg: msg(`${l}-a`), job: job(l) }], now);
    expect(later).toEqual({ duplicate: true, inboxId: a!.inboxId });
    expect((await s.inbox.getInbox(a!.inboxId))!.duplicateCount).toBe(2);
  });

  it('links a message to the job already queued under the same idempotency key', async () => {
    const s = await fx().open();
    open.push(s);
    const l = lane();
    const [first, second] = await s.inbox.intake(
      [
        { msg: msg(`${l}-1`), job: job(l, `${l}-key`) },
        { msg: msg(`${l}-2`), job: job(l, `${l}-key`) },
      ],
      now,
    );
    if (first?.duplicate !== false || second?.duplicate !== false) throw new Error('expected stored');
    expect(second.jobId).toBe(first.jobId);
    expect((await s.inbox.getInbox(second.inboxId))!.jobId).toBe(first.jobId);
    expect(await s.jobs.listJobs({ lane: l })).toHaveLength(1);
    // The next message's job gets a fresh id, not the one the conflict left unused.
    const [third] = await s.inbox.intake([{ msg: msg(`${l}-3`), job: job(l) }], now);
    if (third?.duplicate !== false) throw new Error('expected stored');
    expect(third.jobId).not.toBe(first.jobId);
    expect((await s.jobs.getJob(third.jobId!))!.payload).toEqual({ inboxId: third.inboxId });
    expect((await s.inbox.getInbox(third.inboxId))!.jobId).toBe(third.jobId);
  });

  it('never gives a new message or job the id of a purged one', async () => {
    const s = await fx().open();
    open.push(s);
    const l = lane();
    const [r] = await s.inbox.intake([{ msg: msg(`${l}-old`), job: job(l) }], now);
    if (r?.duplicate !== false) throw new Error('expected stored');
    await storeDb(s).deleteFrom('jobs').where('id', '=', r.jobId!).execute();
    await storeDb(s).deleteFrom('inbox').where('id', '=', r.inboxId).execute();
    const [next] = await s.inbox.intake([{ msg: msg(`${l}-new`), job: job(l) }], now);
    if (next?.duplicate !== false) throw new Error('expected stored');
    expect(next.jobId).toBeGreaterThan(r.jobId!);
    expect(next.inboxId).toBeGreaterThan(r.inboxId);
    expect((await s.inbox.getInbox(next.inboxId))!.jobId).toBe(next.jobId);
  });

  it('writes nothing of a batch whose job cannot be built', async () => {
    const s = await fx().open();
    open.push(s);
    const l = lane();
    await expect(
      s.inbox.intake(
        [
          { msg: msg(`${l}-ok`), job: job(l) },
          {
            msg: msg(`${l}-bad`),
            job: () => {
              throw new Error('no such task');
            },
          },
        ],
        now,
      ),
    ).rejects.toThrow('no such task');
    expect(
      await storeDb(s).selectFrom('inbox').select('id').where('dedupe_key', 'like', `${l}-%`).execute(),
    ).toEqual([]);
    expect(await s.jobs.listJobs({ lane: l })).toEqual([]);
  });
});

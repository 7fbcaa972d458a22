import { afterEach, expect, it } from 'vitest';
import type { TradingPartner } from '../../connectors/x12/index.js';
import { compilePartner, openFolderTransport } from '../../connectors/x12/index.js';
import { EventBus, InboxService, LaneRegistry, Queue, Worker, type AnyTask } from '../../engine/index.js';
import { X12ThreePl } from '../../sandbox/x12-3pl/index.js';
import type { Store } from '../../store/index.js';
import { JumpClock, describeStores, waitFor } from '../../test-helpers/stores.js';
import { ACK_LATE_TASK, ACK_OVERDUE_TASK, ackLateTask, ackOverdueTask } from './ackAlerts.js';
import { ACK_CHECK_TASK, ackCheckTask } from './ackCheckTask.js';
import { SHIPMENTS_LANE } from './deps.js';
import { inboundJob, inboundTask, problemTask } from './inboundTasks.js';
import { x12Warehouse } from '../../connectors/x12/x12Warehouse.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const HOUR = 3_600_000;
const ferry: TradingPartner = compilePartner({
  id: 'east-3pl',
  warehouse: 'east-3pl',
  ours: { qualifier: 'ZZ', id: 'DISTID', groupId: 'DISTID' },
  theirs: { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' },
  ackDeadlineMs: HOUR,
});
const request = (orderRef: string) => ({
  orderRef,
  warehouse: 'east-3pl',
  shipTo: { name: 'Jane Doe', street: '1 High St', city: 'Springfield', zip: '62701', countryCode: 'US' },
  lines: [{ lineId: 'L1', sku: 'WID-BLU-S', quantity: 2 }],
});

/** A promise the test resolves when it wants; `reached` resolves when a job waits on it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reachedP = new Promise<void>((r) => (reached = r));
  return { open, reached: reachedP, wait: () => (reached(), opened) };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

describeStores('a 997 landing while the deadline exception of its release is being raised', (fx) => {
  /**
   * Ferry's side of one X12 warehouse with the real adapter, a 3PL simulator holding its 997s
   * back, and a worker whose `ack-overdue` jobs wait at `before` (ahead of their check) or at
   * `raising` (after the check found the release unacknowledged, before the exception is kept).
   */
  async function start(
    ref: string,
    at: { before?: ReturnType<typeof gate>; raising?: ReturnType<typeof gate> },
  ) {
    const clock = new JumpClock();
    const store: Store = await fx().open();
    const sim = await X12ThreePl.start({ clock, knobs: { withholdAcks: true } });
    const lanes = new LaneRegistry([{ name: SHIPMENTS_LANE, pollMs: 20, concurrency: 4 }]);
    const events = new EventBus();
    const queue = new Queue(store, lanes, clock);
    const inbox = new InboxService({ store, queue, clock, events });
    const port = x12Warehouse({
      id: 'east-3pl',
      partner: ferry,
      openTransport: () => openFolderTransport(sim.endpoint.folder),
      store,
      clock,
      intake: async (m) => {
        const r = await inbox.accept({ source: 'wms:east-3pl', ...m }, (id) => inboundJob('east-3pl', id));
        return r.status === 'accepted' ? 'accepted' : 'duplicate';
      },
      locations: {},
      defaultLocation: 'WH01',
    });
    const gatedOverdue: AnyTask = {
      ...ackOverdueTask,
      handle: async (ctx) => {
        await at.before?.wait();
        try {
          await ackOverdueTask.handle!(ctx);
        } catch (e) {
          await at.raising?.wait();
          throw e;
        }
      },
    };
    const tasks = [
      ackCheckTask(new Map()),
      gatedOverdue,
      ackLateTask,
      inboundTask(new Map([['east-3pl', port]])),
      problemTask,
    ];
    const worker = new Worker({ store, lanes, tasks, events, clock, recoverEveryMs: 100 });
    stops.push(async () => {
      at.before?.open();
      at.raising?.open();
      await worker.stop(2000);
      await port.close();
      await sim.stop();
      await store.close();
    });

    // the 940 goes out for real and the 3PL takes it; its 997 is held back
    const sent = await port.release(request(ref));
    await sim.tick();
    await store.transaction(async (tx) => {
      await tx.releases.insertRelease({
        orderRef: ref,
        warehouse: 'east-3pl',
        request: request(ref),
        now: clock.now(),
      });
      const [r] = await tx.releases.listReleases(ref);
      await tx.releases.updateRelease(r!.id, {
        state: 'sent',
        externalRef: sent.externalRef,
        ackDueAt: sent.ackDueAtMs ?? null,
        now: clock.now(),
      });
    });
    worker.start();
    clock.jump(HOUR + 60_000);
    await queue.enqueue({ lane: SHIPMENTS_LANE, task: ACK_CHECK_TASK, payload: {} });

    // the store is shared by the tests of this file: look at this order's jobs and exceptions only
    const jobs = async (task: string) =>
      (
        await storeDb(store)
          .selectFrom('jobs')
          .select(['id', 'state', 'payload'])
          .where('task', '=', task)
          .orderBy('id')
          .execute()
      ).filter((j) => (JSON.parse(j.payload) as { orderRef?: string }).orderRef === ref);
    const timeouts = async () =>
      (await store.exceptions.listExceptions({ code: 'partner_timeout' })).filter(
        (e) => e.entities.orderRef === ref,
      );
    /** The 3PL's translator catches up; Ferry collects the 997 and processes it. */
    const deliverAck = async () => {
      expect(await sim.releaseWithheldAcks()).toBe(1);
      expect(await port.collect()).toBe(1);
      await waitFor(
        async () => (await store.releases.listReleases(ref))[0]?.state === 'acknowledged',
        'release acknowledged',
      );
    };
    return { store, jobs, timeouts, deliverAck };
  }

  it('the exception recorded just after the 997 was processed is closed, not left open', async () => {
    const raising = gate();
    const t = await start('SO-71', { raising });
    await raising.reached; // the deadline job found no acknowledgement and is about to raise
    await t.deliverAck();
    // the closing job waits for the raising one: same release, enqueued after it
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.jobs(ACK_LATE_TASK)).map((j) => j.state)).toEqual(['ready']);
    expect(await t.timeouts()).toEqual([]);

    raising.open();
    await waitFor(async () => (await t.timeouts())[0]?.status === 'skipped', 'exception closed');
    const [exc, ...more] = await t.timeouts();
    expect(more).toEqual([]);
    expect(exc).toMatchObject({
      task: ACK_OVERDUE_TASK,
      resolvedBy: 'ferry',
      entities: { orderRef: 'SO-71' },
    });
    expect(exc!.resolutionNote).toContain('acknowledged');
    expect((await t.jobs(ACK_LATE_TASK)).map((j) => j.state)).toEqual(['completed']);
  }, 30_000);

  it('a deadline job that runs after the 997 was processed raises nothing', async () => {
    const before = gate();
    const t = await start('SO-72', { before });
    await before.reached; // queued and leased, its check not yet made
    await t.deliverAck();
    before.open();
    const states = async () => [
      ...(await t.jobs(ACK_OVERDUE_TASK)).map((j) => j.state),
      ...(await t.jobs(ACK_LATE_TASK)).map((j) => j.state),
    ];
    await waitFor(async () => (await states()).join() === 'completed,completed', 'both jobs done');
    expect(await t.timeouts()).toEqual([]);
    expect((await t.store.releases.listReleases('SO-72'))[0]).toMatchObject({
      state: 'acknowledged',
      alertedAt: expect.any(Number),
    });
  }, 30_000);

  it('without a 997 the deadline exception stays open', async () => {
    const t = await start('SO-73', {});
    await waitFor(async () => (await t.timeouts()).length > 0, 'deadline exception');
    await new Promise((r) => setTimeout(r, 300));
    const [exc, ...more] = await t.timeouts();
    expect(more).toEqual([]);
    expect(exc).toMatchObject({ status: 'open', task: ACK_OVERDUE_TASK, impact: 'blocks-shipment' });
    expect(exc!.message).toContain('has not acknowledged the release of order SO-73');
  }, 30_000);
});

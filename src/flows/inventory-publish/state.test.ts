import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { LaneRegistry, Queue } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { describeStores } from '../../test-helpers/stores.js';
import { INVENTORY_LANE, InventoryTask } from './deps.js';
import { InventoryState } from './state.js';

const config = {
  locations: [{ location: 'WH/Stock', owner: 'odoo' }],
  channels: [{ channel: 'shop', version: 'v1', locations: ['WH/Stock'] }],
};

describe('inventory state', () => {
  it('owes one publish per burst of changes, and a new one after a publish starts', () => {
    const s = new InventoryState(config);
    expect(s.publishJob()).toBeUndefined();
    s.hold('o1', 1000);
    const first = s.publishJob();
    expect(first).toMatchObject({
      lane: INVENTORY_LANE,
      task: InventoryTask.publish,
      orderingKey: 'inventory:publish',
    });
    s.hold('o2', 1001);
    expect(s.publishJob()).toEqual(first); // same key: the queue keeps one job for the burst
    s.publishStarted();
    expect(s.publishJob()).toBeUndefined();
    expect(s.release('o1')).toBe(true);
    const second = s.publishJob();
    expect(second?.idempotencyKey).toBeDefined();
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
    // Releasing an order that holds nothing changes nothing.
    s.publishStarted();
    expect(s.release('never-held')).toBe(false);
    expect(s.publishJob()).toBeUndefined();
  });

  it('gives each process its own keys, so a restarted one is never mistaken for an old publish', () => {
    const a = new InventoryState(config);
    const b = new InventoryState(config);
    a.publishChanged();
    b.publishChanged();
    expect(a.publishJob()!.idempotencyKey).not.toBe(b.publishJob()!.idempotencyKey);
  });

  it('keeps holds, the cursor and the shadow set in one place', () => {
    const s = new InventoryState(config);
    s.hold('early', 100);
    s.hold('late', 300);
    s.hold('early', 500); // a repeated hold keeps its first time
    expect(s.heldOrders).toBe(2);
    expect(s.heldBefore(200)).toEqual([['early', 100]]);
    expect(s.cursor).toBeNull();
    s.advanceCursor({ writeDate: '2026-01-01 00:00:00', id: 7 });
    expect(s.cursor).toEqual({ writeDate: '2026-01-01 00:00:00', id: 7 });
    expect(s.shadowTransition('shop', true)).toEqual({ goingLive: false });
    expect(s.shadowedChannels()).toEqual(['shop']);
    expect(s.shadowTransition('shop', false)).toEqual({ goingLive: true });
    expect(s.shadowTransition('shop', false)).toEqual({ goingLive: false });
    expect(s.shadowedChannels()).toEqual([]);
  });
});

describeStores('the publish trigger goes through the outbox', (fx) => {
  let store: Store;
  let queue: Queue;

  beforeAll(async () => {
    store = await fx().open();
    queue = new Queue(store, new LaneRegistry([{ name: INVENTORY_LANE, pollMs: 50 }]), systemClock);
  });
  afterAll(() => store.close());

  const publishJobs = async () =>
    (await store.jobs.listJobs({ lane: INVENTORY_LANE })).filter((j) => j.task === InventoryTask.publish);

  it('commits with the transaction that enqueues it, once per burst', async () => {
    const s = new InventoryState(config);
    s.hold('o1', 1);
    await expect(
      store.transaction(async (tx) => {
        await queue.enqueue(s.publishJob()!, tx);
        throw new Error('the order write failed');
      }),
    ).rejects.toThrow('the order write failed');
    expect(await publishJobs()).toHaveLength(0);
    // The change is still owed: the next transaction that records one enqueues it.
    s.hold('o2', 2);
    await store.transaction((tx) => queue.enqueue(s.publishJob()!, tx));
    await store.transaction((tx) => queue.enqueue(s.publishJob()!, tx));
    expect(await publishJobs()).toHaveLength(1);
    s.publishStarted();
    s.release('o1');
    await store.transaction((tx) => queue.enqueue(s.publishJob()!, tx));
    expect(await publishJobs()).toHaveLength(2);
  });
});

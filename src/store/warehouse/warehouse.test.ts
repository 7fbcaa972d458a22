import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../index.js';

describeStores('warehouse store', (fx) => {
  let store: Store;
  beforeAll(async () => {
    store = await fx().open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('issues control numbers atomically, per partner and kind, and wraps after the maximum', async () => {
    const got = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.interchanges.issueControlNumber('p1', 'interchange', 999_999_999),
      ),
    );
    expect(new Set(got).size).toBe(20);
    expect(Math.max(...got)).toBe(20);
    expect(await store.interchanges.issueControlNumber('p2', 'interchange', 999_999_999)).toBe(1);
    expect(await store.interchanges.issueControlNumber('p1', 'group', 3)).toBe(1);
    await store.interchanges.issueControlNumber('p1', 'group', 3);
    await store.interchanges.issueControlNumber('p1', 'group', 3);
    expect(await store.interchanges.issueControlNumber('p1', 'group', 3)).toBe(1);
    // a second connection (a restart, another process) continues from what was issued
    const other = await fx().open();
    expect(await other.interchanges.issueControlNumber('p1', 'interchange', 999_999_999)).toBe(21);
    await other.close();
    expect(await store.interchanges.lastControlNumbers('p1')).toEqual({ interchange: 21, group: 1 });
  });

  it('finds sent releases past their acknowledgement deadline once', async () => {
    await store.releases.insertRelease({ orderRef: 'o1', warehouse: 'w', request: {}, now: 0 });
    await store.releases.insertRelease({ orderRef: 'o1', warehouse: 'w', request: { again: true }, now: 1 });
    const [r] = await store.releases.listReleases('o1');
    expect(r!.request).toEqual({});
    await store.releases.updateRelease(r!.id, {
      state: 'sent',
      externalRef: '000000001',
      ackDueAt: 100,
      now: 2,
    });
    expect(await store.releases.overdueReleases(99)).toHaveLength(0);
    expect((await store.releases.overdueReleases(100)).map((x) => x.orderRef)).toEqual(['o1']);
    await store.releases.updateRelease(r!.id, { alertedAt: 100, now: 100 });
    expect(await store.releases.overdueReleases(200)).toHaveLength(0);
  });

  it('cancels the releases of one order, which the deadline check and a late 997 then leave alone', async () => {
    for (const [orderRef, warehouse] of [
      ['c1', 'w1'],
      ['c1', 'w2'],
      ['c2', 'w1'],
    ] as const)
      await store.releases.insertRelease({ orderRef, warehouse, request: {}, now: 0 });
    for (const r of [
      ...(await store.releases.listReleases('c1')),
      ...(await store.releases.listReleases('c2')),
    ])
      await store.releases.updateRelease(r.id, {
        state: 'sent',
        externalRef: `X-${r.id}`,
        ackDueAt: 100,
        now: 1,
      });
    expect(await store.releases.cancelReleases('c1', 50)).toBe(2);
    expect(await store.releases.cancelReleases('c1', 60)).toBe(0);
    expect((await store.releases.listReleases('c1')).map((r) => [r.state, r.updatedAt])).toEqual([
      ['cancelled', 50],
      ['cancelled', 50],
    ]);
    expect((await store.releases.overdueReleases(200)).map((r) => r.orderRef)).toEqual(['c2']);
    const refs = (await store.releases.listReleases('c1')).map((r) => r.externalRef!);
    expect(await store.releases.acknowledgeReleases('w1', refs, 300)).toBe(0);
    expect((await store.releases.listReleases('c1')).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
  });
});

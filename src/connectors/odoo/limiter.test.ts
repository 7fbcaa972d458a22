/**
 * The adaptive write limit decides from what Odoo's answers show, never from the wall clock: each
 * case drives it with an injected clock and finished batches, and checks the limit and batch size
 * an operator would see.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../core/clock.js';
import { OdooConnection } from './connection.js';
import { AdaptiveLimit, type WriteSample, type WriteSignal } from './limiter.js';
import { compileOptions } from './options.js';

function clock(start = 1_000_000): Clock & { set(t: number): void } {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

/** A finished batch of 20 orders started at `at`, taking `ms`, beside `concurrent` batches. */
function batch(at: number, ms: number, concurrent: number, signal: WriteSignal = 'ok'): WriteSample {
  return { records: 20, startedAt: at, ms, concurrent, signal };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every settled promise run its continuations (nothing here waits on timers or I/O). */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('AdaptiveLimit', () => {
  it('starts with one batch in flight and grows while batches see no queue in Odoo', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, max: 4 });
    expect(l.limit).toBe(1);
    l.observe(batch(0, 2000, 1)); // the first batch is the baseline: no queue
    expect(l.limit).toBe(2);
    // two at once, each as fast per order as one alone: Odoo had room for both
    l.observe(batch(10, 2000, 2));
    expect(l.limit).toBe(2);
    l.observe(batch(20, 2000, 2));
    expect(l.limit).toBe(3);
  });

  it('holds where batches in flight take turns in a saturated Odoo and shrinks when they queue', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, max: 4, initial: 3 });
    l.observe(batch(0, 2000, 1)); // the baseline: 2000 ms for 20 orders alone
    const at3 = l.limit;
    // three at once took three times as long each: two of them waited inside Odoo
    c.set(1_100_000);
    l.observe(batch(1_050_000, 6000, 3));
    expect(l.limit).toBe(at3 - 1);
    // two at once took twice as long: one waiting, inside the band, so the limit holds
    c.set(1_200_000);
    l.observe(batch(1_150_000, 4000, 2));
    expect(l.limit).toBe(at3 - 1);
  });

  it('halves on a lock conflict, once for all the batches that were in flight when it happened', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, max: 8, initial: 8 });
    c.set(2_000_000);
    l.observe(batch(1_990_000, 9000, 8, 'conflict'));
    expect(l.limit).toBe(4);
    // the other batches of that round end with conflicts too: no further halving
    l.observe(batch(1_991_000, 9000, 8, 'conflict'));
    l.observe(batch(1_995_000, 9000, 8, 'conflict'));
    expect(l.limit).toBe(4);
    // a batch sent after the decrease that conflicts again halves again, down to the minimum
    c.set(2_100_000);
    l.observe(batch(2_050_000, 9000, 4, 'conflict'));
    expect(l.limit).toBe(2);
    c.set(2_200_000);
    l.observe(batch(2_150_000, 9000, 2, 'conflict'));
    c.set(2_300_000);
    l.observe(batch(2_250_000, 9000, 1, 'conflict'));
    expect(l.limit).toBe(1);
  });

  it('a timeout halves the batch size down to the minimum; batches that succeed grow it back one by one', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, maxBatch: 24, minBatch: 5 });
    expect(l.batchSize).toBe(24);
    c.set(2_000_000);
    l.observe(batch(1_999_000, 60_000, 1, 'timeout'));
    expect(l.batchSize).toBe(12);
    c.set(2_100_000);
    l.observe(batch(2_050_000, 60_000, 1, 'timeout'));
    c.set(2_200_000);
    l.observe(batch(2_150_000, 60_000, 1, 'timeout'));
    expect(l.batchSize).toBe(5);
    l.observe(batch(2_200_000, 1000, 1));
    l.observe(batch(2_201_000, 1000, 1));
    expect(l.batchSize).toBe(7);
  });

  it('does not grow a limit that is not used: alone-running batches say nothing about more at once', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, max: 4, initial: 3 });
    for (let i = 0; i < 10; i++) l.observe(batch(i * 10, 1000, 1));
    expect(l.limit).toBe(3);
  });

  it('a failure that is not about load (a refused record) changes nothing', () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, initial: 2 });
    l.observe(batch(0, 500, 2, 'other'));
    expect([l.limit, l.batchSize]).toEqual([2, 25]);
  });

  it('run() lets no more batches in flight than the limit, and the next one in when one ends', async () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, initial: 1, max: 1 });
    const first = deferred();
    const second = deferred();
    const started: string[] = [];
    const a = l.run(
      20,
      async () => (started.push('a'), first.promise),
      () => 'other',
    );
    const b = l.run(
      20,
      async () => (started.push('b'), second.promise),
      () => 'other',
    );
    await settle();
    expect(started).toEqual(['a']);
    expect(l.inFlight).toBe(1);
    first.resolve();
    await a;
    await settle();
    expect(started).toEqual(['a', 'b']);
    second.resolve();
    await b;
    expect(l.inFlight).toBe(0);
  });

  it('run() counts the batches beside each one and classifies failures with the given function', async () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, initial: 2, max: 2 });
    const seen: WriteSample[] = [];
    const observe = l.observe.bind(l);
    l.observe = (s) => (seen.push(s), observe(s));
    const first = deferred();
    const second = deferred();
    const a = l.run(
      10,
      () => first.promise,
      () => 'other',
    );
    const b = l.run(
      20,
      () => second.promise,
      (e) => (e === 'lock' ? 'conflict' : 'other'),
    );
    await settle();
    c.set(1_004_000);
    first.resolve();
    second.reject('lock');
    await a;
    await expect(b).rejects.toBe('lock');
    expect(seen.map((s) => [s.records, s.ms, s.concurrent, s.signal])).toEqual([
      [10, 4000, 2, 'ok'],
      [20, 4000, 2, 'conflict'],
    ]);
    expect(l.limit).toBe(1);
  });

  it('run() counts a timeout the batch noted and recovered from (answer lost, read back) as a timeout', async () => {
    const c = clock();
    const l = new AdaptiveLimit({ clock: c, maxBatch: 20 });
    c.set(1_001_000);
    await l.run(
      20,
      async (note) => {
        note('timeout');
        return 'read back';
      },
      () => 'other',
    );
    expect(l.batchSize).toBe(10);
  });
});

describe('call timeouts', () => {
  it('a call that creates or confirms n orders may take the base timeout plus the per-order allowance', async () => {
    const defaults = new OdooConnection(
      compileOptions({ url: 'http://odoo.test', db: 'd', login: 'l', apiKey: 'k' }),
    );
    expect([defaults.timeoutFor(0), defaults.timeoutFor(20)]).toEqual([30_000, 50_000]);
    const tuned = new OdooConnection(
      compileOptions({
        url: 'http://odoo.test',
        db: 'd',
        login: 'l',
        apiKey: 'k',
        timeoutMs: 10_000,
        timeoutPerRecordMs: 500,
      }),
    );
    expect(tuned.timeoutFor(25)).toBe(22_500);
    await Promise.all([defaults.close(), tuned.close()]);
  });
});

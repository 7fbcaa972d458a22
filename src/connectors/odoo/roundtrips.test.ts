import { describe, expect, it } from 'vitest';
import { RoundTrips } from './roundtrips.js';

const pause = () => new Promise((r) => setTimeout(r, 1));

describe('RoundTrips', () => {
  it('counts each request in every enclosing scope, keeping concurrent operations apart', async () => {
    const trips = new RoundTrips();
    const request = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await pause();
        trips.tick();
      }
    };
    const [a, b] = await Promise.all([
      trips.operation('a', async () => {
        await request(2);
        const inner = await trips.measure(() => request(3));
        expect(inner.roundTrips).toBe(3);
      }),
      trips.measure(() => request(4)),
    ]);
    expect(a).toBeUndefined();
    expect(b.roundTrips).toBe(4);
    expect(trips.byOperation()).toEqual({ a: { calls: 1, roundTrips: 5 } });
    // Scopes started after every earlier one ended count as before.
    expect((await trips.measure(() => request(2))).roundTrips).toBe(2);
    await trips.operation('a', () => request(1)).catch(() => undefined);
    expect(trips.byOperation()).toEqual({ a: { calls: 2, roundTrips: 6 } });
    expect(trips.total).toBe(12);
  });

  it('counts a failed operation as a call', async () => {
    const trips = new RoundTrips();
    await expect(
      trips.operation('bad', async () => {
        trips.tick();
        await pause();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(trips.byOperation()).toEqual({ bad: { calls: 1, roundTrips: 0 } });
  });
});

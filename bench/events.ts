/**
 * `npm run bench -- events [N]`: events out to a webhook subscriber on 127.0.0.1, on SQLite.
 * N events (default 10,000) are committed in transactions of 100 (as state changes would write
 * them) while the relay and the delivery lane run with their production settings; the subscriber
 * verifies every signature. Prints delivered events/s (first commit to last delivery) and the delay
 * from each event's commit to its arrival (p50, p99). Target: ≥ 2,000 events/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { EventType } from '../src/core/events/index.js';
import { addSubscription } from '../src/flows/events-out/index.js';
import { openStore } from '../src/store/index.js';
import { Receiver, startEventsRig } from '../src/test-helpers/eventsRig.js';

const total = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-events-'));
const store = await openStore(join(dir, 'ferry.db'));
// The production lane (app/events.ts eventsLane) and relay period (events.relayEveryMs default).
const rig = startEventsRig(store, { lane: { concurrency: 2, batchSize: 100 }, relayEveryMs: 200 });
const receiver = new Receiver();
receiver.keepBodies = false;
await receiver.start();
const { secret } = await addSubscription(
  store,
  rig.secrets,
  { name: 'bench', url: receiver.url, types: [], payload: 'full' },
  'bench',
  systemClock,
);
receiver.secrets.push(secret);

const committedAt = new Map<string, number>();
const data = { ref: 'R', state: 'shipped', order: { lines: [{ sku: 'SKU-1', quantity: 2 }] } };
const started = Date.now();
for (let i = 0; i < total; i += 100) {
  const ids = await store.transaction(async (tx) => {
    const out: string[] = [];
    for (let j = i; j < Math.min(i + 100, total); j++)
      out.push(
        await tx.events.appendEvent({
          type: EventType.orderShipped,
          subject: `order/R${j}`,
          data,
          now: Date.now(),
        }),
      );
    return out;
  });
  const at = Date.now();
  for (const id of ids) committedAt.set(id, at);
}
while (receiver.firstAt.size < total) {
  if (Date.now() - started > 600_000) break;
  await new Promise((r) => setTimeout(r, 20));
}
const delays = [...committedAt]
  .map(([id, at]) => (receiver.firstAt.get(id) ?? Infinity) - at)
  .sort((a, b) => a - b);
const last = Math.max(...receiver.firstAt.values());
const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;
console.log(
  JSON.stringify({
    bench: 'events',
    store: 'sqlite',
    events: total,
    delivered: receiver.firstAt.size,
    deliveredPerSec: Math.round(receiver.firstAt.size / ((last - started) / 1000)),
    p50DelayMs: pct(50),
    p99DelayMs: pct(99),
    duplicates: receiver.duplicates,
    badSignatures: receiver.badSignatures,
    targetPerSec: 2000,
  }),
);
await rig.stop();
await receiver.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

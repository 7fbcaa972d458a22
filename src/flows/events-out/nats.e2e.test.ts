import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { openStore, type Store } from '../../store/index.js';
import { ROOT } from '../../test-helpers/processes.js';
import { makeOrders, natsPublisher, startEventsRig } from '../../test-helpers/eventsRig.js';
import { waitFor } from '../../test-helpers/stores.js';
import { syncNatsSubscription } from '../../app/events.js';
import { validateConfig } from '../../ops/config/index.js';

const NATS_URL = process.env.FERRY_TEST_NATS ?? 'nats://127.0.0.1:4222';
const run = `${process.pid}_${Date.now()}`;
let nc: NatsConnection;
let jsm: JetStreamManager;
const streams: string[] = [];
const dirs: string[] = [];

/**
 * Without a reachable nats-server these tests are skipped, saying why, as PostgreSQL's are; CI
 * (FERRY_REQUIRE_PG=1, which .ci/run sets after starting NATS) fails instead.
 */
const natsReachable = await connect({ servers: NATS_URL, timeout: 2000 }).then(
  (c) => c.close().then(() => true),
  () => false,
);
if (!natsReachable && process.env.FERRY_REQUIRE_PG !== '1')
  console.warn(
    `[ferry] NATS JetStream tests are not run: no nats-server -js at ${NATS_URL} (FERRY_TEST_NATS)`,
  );

beforeAll(async () => {
  if (!natsReachable && process.env.FERRY_REQUIRE_PG !== '1') return;
  nc = await connect({ servers: NATS_URL, timeout: 3000 });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  for (const s of streams) await jsm.streams.delete(s).catch(() => undefined);
  await nc?.drain();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every message of a stream: its Nats-Msg-Id and subject, in stream order. */
async function streamMessages(stream: string): Promise<{ id: string; subject: string }[]> {
  const info = await jsm.streams.info(stream);
  const out: { id: string; subject: string }[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m) out.push({ id: m.header.get('Nats-Msg-Id'), subject: m.subject });
  }
  return out;
}

/** Messages in a stream; 0 before the publisher has created it. */
async function count(stream: string): Promise<number> {
  return jsm.streams.info(stream).then(
    (i) => i.state.messages,
    () => 0,
  );
}

function names(tag: string) {
  const stream = `FERRY_T_${tag}_${run}`;
  streams.push(stream);
  return { stream, prefix: `ferrytest.${tag}.${run}` };
}

async function sqliteStore(): Promise<{ path: string; store: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-nats-'));
  dirs.push(dir);
  const path = join(dir, 'ferry.db');
  return { path, store: await openStore(path) };
}

describe.skipIf(!natsReachable && process.env.FERRY_REQUIRE_PG !== '1')('events out: NATS JetStream', () => {
  it('publishes each event on its type subject with the event id as Nats-Msg-Id; a second publish is a server-side duplicate', async () => {
    const { stream, prefix } = names('pub');
    const pub = natsPublisher({
      url: NATS_URL,
      stream,
      subjectPrefix: prefix,
      duplicateWindowMs: 7_200_000,
      timeoutMs: 3000,
    });
    const { store } = await sqliteStore();
    await syncNatsSubscription(
      store,
      validateConfig({ events: { nats: { url: NATS_URL, stream, subjectPrefix: prefix } } }),
      Date.now(),
    );
    const rig = startEventsRig(store, { nats: pub });
    try {
      await makeOrders(store, 5, 'N');
      const outbox = await store.events.listEvents({ limit: 100 });
      await waitFor(async () => (await count(stream)) === outbox.length, 'all published');
      const msgs = await streamMessages(stream);
      expect(msgs.map((m) => m.id).sort()).toEqual(outbox.map((e) => e.id).sort());
      expect(msgs.filter((m) => m.subject === `${prefix}.order.accepted`)).toHaveLength(5);
      expect((await jsm.streams.info(stream)).config.duplicate_window).toBe(7_200_000 * 1_000_000);
      const again = await pub.publish(outbox[0]!.type, outbox[0]!.id, '{}');
      expect(again.duplicate).toBe(true);
      expect((await jsm.streams.info(stream)).state.messages).toBe(outbox.length);
      expect((await store.events.listDeliveries({ limit: 100 })).every((d) => d.ok)).toBe(true);
    } finally {
      await rig.stop();
      await pub.close();
      await store.close();
    }
  });

  it('across a kill -9 of the publishing process, the stream holds every event exactly once', async () => {
    const { stream, prefix } = names('kill');
    const { path, store } = await sqliteStore();
    await makeOrders(store, 200, 'K'); // 400 events waiting in the outbox
    const outbox = await store.events.listEvents({ limit: 10_000 });
    await store.close();
    const start = () => startProcess(path, stream, prefix);
    let child = await start();
    await waitFor(async () => (await count(stream)) >= 100, 'a quarter published', 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const atKill = (await jsm.streams.info(stream)).state.messages;
    expect(atKill).toBeLessThan(outbox.length);
    child = await start(); // recovers the killed process's leases after they expire, and publishes again
    try {
      await waitFor(
        async () => (await jsm.streams.info(stream)).state.messages >= outbox.length,
        'all published',
        60_000,
      );
      const check = await openStore(path);
      try {
        await waitFor(
          async () =>
            (await check.jobs.listJobs({ lane: 'events', state: 'ready' } as never)).length === 0 &&
            (await check.jobs.listJobs({ lane: 'events', state: 'running' } as never)).length === 0,
          'no delivery left',
          30_000,
        );
        const msgs = await streamMessages(stream);
        expect(msgs).toHaveLength(outbox.length);
        expect(new Set(msgs.map((m) => m.id))).toEqual(new Set(outbox.map((e) => e.id)));
        const log = await check.events.listDeliveries({ limit: 100_000 });
        // Deliveries the kill cut short were published again; the server dropped them as duplicates.
        const dups = log.filter((d) => d.error?.startsWith('duplicate'));
        console.log(
          `kill -9 at ${atKill}/${outbox.length} in the stream; ${dups.length} republished after the restart, dropped by JetStream`,
        );
      } finally {
        await check.close();
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 120_000);
});

function startProcess(db: string, stream: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src', 'test-helpers', 'events-process.ts'), db, NATS_URL, stream, prefix],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`events process exited with ${code}: ${err}`)));
  });
}

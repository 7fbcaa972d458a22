import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFerry, type FerryApp } from '../app/index.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { openStore, type Store } from '../store/index.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { JumpClock, describeStores, waitFor } from '../test-helpers/stores.js';
import { buildHttp } from './server.js';

interface Ready {
  status: string;
  checks: Record<string, string>;
}

async function readyz(http: FastifyInstance): Promise<{ statusCode: number; body: Ready }> {
  const r = await http.inject({ method: 'GET', url: '/readyz' });
  return { statusCode: r.statusCode, body: r.json<Ready>() };
}

const serve = (db: string, clock?: JumpClock): Promise<FerryApp> =>
  startFerry({
    db,
    config: validateConfig({}),
    mode: 'serve',
    port: 0,
    ...(clock ? { clock } : {}),
    logger: createLogger({ level: 'silent' }),
  });

/** An empty database of the fixture's kind, and its removal. */
async function emptyDatabase(
  kind: 'sqlite' | 'postgres',
): Promise<{ location: string; drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const db = await createTestDatabase();
    return { location: db.url, drop: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ferry-readyz-'));
  return { location: join(dir, 'ferry.db'), drop: () => Promise.resolve(rmSync(dir, { recursive: true })) };
}

/** Refuses (or again allows) every connection to a PostgreSQL database, as a server going away would. */
async function cutPostgres(url: string, cut: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: pgServerUrl() });
  await admin.connect();
  try {
    await admin.query(`alter database ${name} allow_connections ${cut ? 'false' : 'true'}`);
    if (cut)
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
  } finally {
    await admin.end();
  }
}

describeStores('/readyz', (fx) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('is ready with the store reachable, every migration applied and the workers serving; not once the workers stop', async () => {
    const app = await serve(fx().location);
    cleanups.push(() => app.stop(1000));
    const ready = await readyz(app.http!);
    expect(ready).toEqual({
      statusCode: 200,
      body: { status: 'ready', checks: { store: 'ok', migrations: 'ok', workers: 'ok' }, partners: [] },
    });
    // The workers stop while HTTP still answers (a shutdown under way): traffic must go elsewhere.
    await app.worker.stop(1000);
    const stopped = await readyz(app.http!);
    expect(stopped.statusCode).toBe(503);
    expect(stopped.body.checks).toMatchObject({ store: 'ok', migrations: 'ok', workers: 'stopping' });
  });

  it('is not ready on a database whose migrations were never applied, and says which version it is at', async () => {
    const db = await emptyDatabase(fx().kind);
    cleanups.push(() => db.drop());
    const store = await openStore(db.location, { migrate: false });
    cleanups.push(() => store.close());
    const http = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1024 });
    const r = await readyz(http);
    const { latest } = await store.migrations.status();
    expect(latest).toBeGreaterThan(0);
    expect(r.statusCode).toBe(503);
    expect(r.body).toEqual({
      status: 'not ready',
      checks: { store: 'ok', migrations: `at 0, expected ${latest}`, workers: 'ok' },
      partners: [],
    });
    await store.migrate();
    expect((await readyz(http)).statusCode).toBe(200);
  });

  it('is not ready when the store cannot be reached, and does not pass that off as missing migrations', async () => {
    const db = await emptyDatabase(fx().kind);
    cleanups.push(() => db.drop());
    const store: Store = await openStore(db.location);
    const http = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1024 });
    expect((await readyz(http)).statusCode).toBe(200);
    if (fx().kind === 'postgres') {
      cleanups.push(() => store.close());
      await cutPostgres(db.location, true);
      cleanups.push(() => cutPostgres(db.location, false));
    } else {
      // The embedded store has no server to lose: its handle closing is what cuts it off.
      await store.close();
    }
    const r = await readyz(http);
    expect(r.statusCode).toBe(503);
    expect(r.body.status).toBe('not ready');
    expect(r.body.checks.store).toMatch(/^unreachable: ./);
    expect(r.body.checks.migrations).toBeUndefined();
    if (fx().kind === 'postgres') {
      await cutPostgres(db.location, false);
      await waitFor(
        async () => (await readyz(http)).statusCode === 200,
        'ready again once PostgreSQL answers',
      );
    }
  });
});

describe.skipIf(!pgServerUrl())('/readyz with a worker stuck on PostgreSQL', () => {
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await dropDb?.();
  });

  it('reports a lane whose lease query has hung for 30 s, and ready again once it returns', async () => {
    const db = await createTestDatabase();
    dropDb = db.drop;
    const clock = new JumpClock();
    const app = await serve(db.url, clock);
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      expect((await readyz(app.http!)).statusCode).toBe(200);
      // Another session holds the jobs table: every lease query waits on it, as on a hung connection.
      await locker.query('begin');
      await locker.query('lock table jobs in access exclusive mode');
      await new Promise((r) => setTimeout(r, 1500)); // every lane polls at least once a second
      expect((await readyz(app.http!)).statusCode).toBe(200); // a slow query is not yet a stuck one
      clock.jump(31_000);
      const stuck = await readyz(app.http!);
      expect(stuck.statusCode).toBe(503);
      expect(stuck.body.checks.store).toBe('ok');
      expect(stuck.body.checks.workers).toMatch(/^stuck in a store call: .*\borders \(3\d s\)/);
      await locker.query('rollback');
      await waitFor(async () => (await readyz(app.http!)).statusCode === 200, 'ready once the lock goes');
    } finally {
      await locker.end();
      await app.stop(2000);
    }
  }, 30_000);
});

describe('a 5xx answer', () => {
  it('is logged once with its request id, the route and the scrubbed cause; the caller gets the same id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
    });
    const dir = mkdtempSync(join(tmpdir(), 'ferry-5xx-'));
    const store = await openStore(join(dir, 'ferry.db'));
    try {
      const http = buildHttp({ store, workersRunning: () => true, bodyLimitBytes: 1024, logger });
      http.get('/boom', () => {
        throw new Error('connect failed: password=hunter2 for jane@example.com');
      });
      http.get('/fine', () => ({ ok: true }));
      const r = await http.inject({
        method: 'GET',
        url: '/boom?token=qs-secret-1',
        headers: { authorization: 'Bearer abcdefghijklmnop', 'x-request-id': 'lb-7f3a' },
      });
      expect(r.statusCode).toBe(500);
      expect(r.headers['x-request-id']).toBe('lb-7f3a');
      expect(r.json()).toEqual({ error: 'internal', message: 'internal error', requestId: 'lb-7f3a' });
      const generated = await http.inject({ method: 'GET', url: '/boom' });
      expect(generated.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.headers['x-request-id']).toBe(generated.json().requestId);
      // An id a caller makes up is not trusted to be safe to log verbatim.
      const junk = await http.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'a b\nc' } });
      expect(junk.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
      await http.inject({ method: 'GET', url: '/fine' });
      const errors = lines.filter((l) => Number(l.status) >= 500);
      expect(errors).toHaveLength(3);
      expect(errors[0]).toMatchObject({
        level: 50,
        requestId: 'lb-7f3a',
        method: 'GET',
        path: '/boom',
        status: 500,
      });
      expect(JSON.stringify(errors[0])).toContain('connect failed');
      const all = JSON.stringify(lines);
      for (const leak of ['hunter2', 'jane@example.com', 'abcdefghijklmnop', 'qs-secret-1'])
        expect(all).not.toContain(leak);
      expect(lines.some((l) => l.path === '/fine')).toBe(false);
      await http.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

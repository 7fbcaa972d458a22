import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl } from '../../test-helpers/pg.js';
import { runCli } from '../../test-helpers/processes.js';
import { LATEST_VERSION, MIGRATIONS } from '../migrations/index.js';
import { openStore } from '../index.js';

type Kind = 'sqlite' | 'postgres';
const dir = mkdtempSync(join(tmpdir(), 'ferry-migrate-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops.splice(0)) await d();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A new, empty database of this kind for one test. */
async function freshDatabase(kind: Kind): Promise<string> {
  if (kind === 'sqlite') return join(dir, `ferry-${++files}.db`);
  const db = await createTestDatabase();
  drops.push(db.drop);
  return db.url;
}

/** Plain SQL on the database, below Ferry's store: `?` placeholders on both dialects. */
interface Raw {
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function rawClient(kind: Kind, location: string): Promise<Raw> {
  if (kind === 'sqlite') {
    const db = new Database(location);
    return {
      query: (text, params = []) => {
        const stmt = db.prepare(text);
        if (stmt.reader) return Promise.resolve(stmt.all(...params) as Record<string, unknown>[]);
        stmt.run(...params);
        return Promise.resolve([]);
      },
      close: () => Promise.resolve(void db.close()),
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  return {
    query: async (text, params = []) => {
      let n = 0;
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    },
    close: () => client.end(),
  };
}

const LEGACY_APPLIED_AT = Date.UTC(2026, 2, 1, 9, 30);

/**
 * Migrates the way Ferry did before Kysely's Migrator ran its migrations (src/store/common/migrate.ts
 * `applyMigrations`, as released): one transaction, PostgreSQL's advisory lock 730340101, each
 * migration's statements, then its row in `ferry_migrations` (version, name, applied_at).
 */
async function migrateTheOldWay(kind: Kind, location: string, upTo: number): Promise<void> {
  const raw = await rawClient(kind, location);
  try {
    await raw.query('begin');
    if (kind === 'postgres') await raw.query('select pg_advisory_xact_lock(730340101)');
    await raw.query(
      `create table if not exists ferry_migrations (version integer primary key, name text not null, applied_at ${kind === 'postgres' ? 'bigint' : 'integer'} not null)`,
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= upTo)) {
      for (const stmt of m[kind]) await raw.query(stmt);
      await raw.query('insert into ferry_migrations (version, name, applied_at) values (?, ?, ?)', [
        m.version,
        m.name,
        LEGACY_APPLIED_AT,
      ]);
    }
    await raw.query('commit');
  } finally {
    await raw.close();
  }
}

/** An order and a job, as a running Ferry leaves them. */
async function writeSomeWork(kind: Kind, location: string): Promise<void> {
  const raw = await rawClient(kind, location);
  try {
    await raw.query(
      `insert into orders (ref, channel, channel_order_id, state, channel_updated_at, canonical, odoo_id, odoo_name, created_at, updated_at)
       values ('shop-eu:940001', 'shop-eu', '940001', 'accepted', '2026-03-01T09:00:00Z', '{"lines":[]}', 17, 'S00017', ?, ?)`,
      [LEGACY_APPLIED_AT, LEGACY_APPLIED_AT],
    );
    await raw.query(
      `insert into jobs (lane, task, payload, run_at, max_attempts, created_at, updated_at)
       values ('intake', 'order-intake.normalise', '{"ref":"shop-eu:940001"}', ?, 5, ?, ?)`,
      [LEGACY_APPLIED_AT, LEGACY_APPLIED_AT, LEGACY_APPLIED_AT],
    );
  } finally {
    await raw.close();
  }
}

async function rows(kind: Kind, location: string, text: string): Promise<Record<string, unknown>[]> {
  const raw = await rawClient(kind, location);
  try {
    return await raw.query(text);
  } finally {
    await raw.close();
  }
}

const PREVIOUS = LATEST_VERSION - 1;
const latest = MIGRATIONS.find((m) => m.version === LATEST_VERSION)!;
const pad = (v: number) => String(v).padStart(4, '0');
/** The tables the latest migration creates: the first is made to fail, the others must not be left. */
const latestTables = latest.sqlite.flatMap((sql) =>
  [...sql.matchAll(/create table (\w+)/g)].map((m) => m[1]!),
);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && !pgServerUrl())(
    `migrations through Kysely's Migrator [${kind}]`,
    () => {
      it('upgrades a database the previous mechanism migrated: its data kept, only the missing migration applied, reported by `ferry migrate`', async () => {
        const location = await freshDatabase(kind);
        await migrateTheOldWay(kind, location, PREVIOUS);
        await writeSomeWork(kind, location);

        const first = await runCli(['migrate', '--db', location]);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        expect(first.stdout).toContain(`ferry: applied migration ${LATEST_VERSION}: ${latest.name}\n`);
        expect(first.stdout).toMatch(
          new RegExp(`applied migrations ${LATEST_VERSION}; .* is at version ${LATEST_VERSION}\\n`),
        );
        expect(first.stdout).not.toContain(`applied migration ${PREVIOUS}:`);

        const orders = await rows(kind, location, 'select ref, state, odoo_name, canonical from orders');
        expect(orders).toEqual([
          { ref: 'shop-eu:940001', state: 'accepted', odoo_name: 'S00017', canonical: '{"lines":[]}' },
        ]);
        const jobs = await rows(kind, location, 'select lane, task, payload, state from jobs');
        expect(jobs).toEqual([
          {
            lane: 'intake',
            task: 'order-intake.normalise',
            payload: '{"ref":"shop-eu:940001"}',
            state: 'ready',
          },
        ]);
        // The latest migration's tables exist (empty: nothing wrote to them yet).
        expect(latestTables.length).toBeGreaterThan(0);
        for (const table of latestTables)
          expect(await rows(kind, location, `select count(*) as n from ${table}`)).toEqual([
            { n: kind === 'postgres' ? '0' : 0 },
          ]);
        // Kysely's table records every version; the adopted ones keep the time they were applied.
        const recorded = await rows(
          kind,
          location,
          'select name, timestamp from kysely_migration order by name',
        );
        expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => pad(m.version)));
        expect(
          recorded.slice(0, PREVIOUS).every((r) => r.timestamp === new Date(LEGACY_APPLIED_AT).toISOString()),
        ).toBe(true);
        expect(recorded[PREVIOUS]!.timestamp).not.toBe(new Date(LEGACY_APPLIED_AT).toISOString());

        const again = await runCli(['migrate', '--db', location]);
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(new RegExp(`is up to date \\(version ${LATEST_VERSION}\\)`));
        expect(again.stdout).not.toContain('applied');
      });

      it('recognises a database the previous mechanism brought to the latest version: nothing applied', async () => {
        const location = await freshDatabase(kind);
        await migrateTheOldWay(kind, location, LATEST_VERSION);
        await writeSomeWork(kind, location);
        const store = await openStore(location, { migrate: false });
        try {
          expect(await store.migrations.status()).toEqual({
            current: LATEST_VERSION,
            latest: LATEST_VERSION,
          });
          expect((await store.migrate()).applied).toEqual([]);
          expect(await store.migrations.status()).toEqual({
            current: LATEST_VERSION,
            latest: LATEST_VERSION,
          });
        } finally {
          await store.close();
        }
        expect(await rows(kind, location, 'select ref from orders')).toEqual([{ ref: 'shop-eu:940001' }]);
      });

      it('migrates a new database through every migration, in order, once', async () => {
        const location = await freshDatabase(kind);
        const store = await openStore(location, { migrate: false });
        try {
          expect(await store.migrations.status()).toEqual({ current: 0, latest: LATEST_VERSION });
          expect((await store.migrate()).applied).toEqual(MIGRATIONS.map((m) => m.version));
          expect((await store.migrate()).applied).toEqual([]);
          expect(await store.migrations.status()).toEqual({
            current: LATEST_VERSION,
            latest: LATEST_VERSION,
          });
        } finally {
          await store.close();
        }
        // No table of the previous mechanism on a database that never had it.
        const legacy =
          kind === 'postgres'
            ? await rows(
                kind,
                location,
                `select table_name from information_schema.tables where table_name = 'ferry_migrations'`,
              )
            : await rows(kind, location, `select name from sqlite_master where name = 'ferry_migrations'`);
        expect(legacy).toEqual([]);
      });

      it('a failing migration names itself and leaves the database at the version it had', async () => {
        const location = await freshDatabase(kind);
        await migrateTheOldWay(kind, location, PREVIOUS);
        await writeSomeWork(kind, location);
        // Something already holds the name the latest migration creates.
        const [blocked, ...others] = latestTables;
        await rows(kind, location, `create table ${blocked} (mine text)`);
        const store = await openStore(location, { migrate: false });
        try {
          await expect(store.migrate()).rejects.toThrow(
            new RegExp(
              `migration ${pad(LATEST_VERSION)} \\(${latest.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) failed: .*${blocked}`,
            ),
          );
          expect(await store.migrations.status()).toEqual({ current: PREVIOUS, latest: LATEST_VERSION });
          expect(await rows(kind, location, 'select max(version) as v from ferry_migrations')).toEqual([
            { v: PREVIOUS },
          ]);
          // None of the latest migration's other tables was left behind.
          for (const table of others)
            await expect(rows(kind, location, `select count(*) from ${table}`)).rejects.toThrow(table);
          await rows(kind, location, `drop table ${blocked}`);
          expect((await store.migrate()).applied).toEqual([LATEST_VERSION]);
        } finally {
          await store.close();
        }
        expect(await rows(kind, location, 'select ref from orders')).toEqual([{ ref: 'shop-eu:940001' }]);
      });

      it('refuses a database a newer Ferry migrated, naming the version it does not know', async () => {
        const location = await freshDatabase(kind);
        await migrateTheOldWay(kind, location, LATEST_VERSION);
        await rows(
          kind,
          location,
          `insert into ferry_migrations (version, name, applied_at) values (${LATEST_VERSION + 1}, 'from the future', 0)`,
        );
        const store = await openStore(location, { migrate: false });
        try {
          await expect(store.migrate()).rejects.toThrow(
            `ferry_migrations records migration ${LATEST_VERSION + 1}, which this Ferry does not have`,
          );
        } finally {
          await store.close();
        }
      });

      if (kind === 'postgres')
        it('two processes upgrading the same database at once apply the missing migration once', async () => {
          const location = await freshDatabase(kind);
          await migrateTheOldWay(kind, location, PREVIOUS);
          const [a, b] = await Promise.all([
            openStore(location, { migrate: false }),
            openStore(location, { migrate: false }),
          ]);
          try {
            const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
            expect([...ra.applied, ...rb.applied]).toEqual([LATEST_VERSION]);
          } finally {
            await a.close();
            await b.close();
          }
          const recorded = await rows(kind, location, 'select name from kysely_migration order by name');
          expect(recorded.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => pad(m.version)));
        });
    },
  );
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFerryError } from '../core/errors.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { waitForLockWait } from '../test-helpers/locks.js';
import { classifyStoreError, openStore, type Store } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

describe('store lock conflicts are classified', () => {
  it('SQLITE_BUSY from a second writer is the retryable store_conflict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-busy-'));
    const a = new Database(join(dir, 'f.db'));
    const b = new Database(join(dir, 'f.db'), { timeout: 0 });
    try {
      a.exec('create table t (x integer)');
      a.exec('begin immediate');
      let thrown: unknown;
      try {
        b.exec('begin immediate');
      } catch (e) {
        thrown = e;
      }
      const c = classifyStoreError(thrown);
      expect(isFerryError(c) && [c.code, c.retryable]).toEqual(['store_conflict', true]);
      expect(classifyStoreError(new Error('no such table: t'))).toBeInstanceOf(Error);
      expect(isFerryError(classifyStoreError(new Error('no such table: t')))).toBe(false);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!pgServerUrl())('store lock conflicts [postgres]', () => {
  let url = '';
  let drop: (() => Promise<void>) | undefined;
  let store: Store;
  beforeAll(async () => {
    const db = await createTestDatabase();
    url = db.url;
    drop = db.drop;
    store = await openStore(url, { poolSize: 4 });
    await sql`create table pair (k text primary key, v integer not null)`.execute(storeDb(store));
    await sql`insert into pair values ('A', 0), ('B', 0)`.execute(storeDb(store));
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('a transaction aborted as a deadlock victim runs again and commits once', async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    let runs = 0;
    try {
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`);
      await other.query(`update pair set v = v + 10 where k = 'A'`);
      const tx = store.transaction(async (s) => {
        runs++;
        await sql`update pair set v = v + 1 where k = 'B'`.execute(storeDb(s));
        await sql`update pair set v = v + 1 where k = 'A'`.execute(storeDb(s));
      });
      await waitForLockWait(storeDb(store), 'the transaction waiting for row A');
      // Completes once PostgreSQL has aborted the store's transaction, the deadlock's other side.
      await other.query(`update pair set v = v + 10 where k = 'B'`);
      await other.query('commit');
      await tx;
      expect(runs).toBe(2);
      const rows = await sql<{ k: string; v: number }>`select k, v from pair order by k`.execute(
        storeDb(store),
      );
      expect(rows.rows).toEqual([
        { k: 'A', v: 11 },
        { k: 'B', v: 11 },
      ]);
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
    }
  });
});

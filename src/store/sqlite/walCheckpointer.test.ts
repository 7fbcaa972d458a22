import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCheckpointer, WRITER_CHECKPOINT_PAGES } from './walCheckpointer.js';

const PAGE = 4096;
const BURST_ROWS = 1500; // ~1,600 pages of WAL per burst, far below the writer's own threshold

describe('WalCheckpointer', () => {
  let dir: string;
  let path: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-wal-'));
    path = join(dir, 'w.db');
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    db.exec('create table t (b blob)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const burst = () => {
    const ins = db.prepare('insert into t values (?)');
    db.transaction(() => {
      for (let i = 0; i < BURST_ROWS; i++) ins.run(Buffer.alloc(4000, i % 251));
    })();
  };
  const walPages = () => statSync(`${path}-wal`).size / PAGE;
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('keeps the WAL at one burst between pauses without the writer checkpointing', async () => {
    const c = new WalCheckpointer(path, 20);
    try {
      for (let i = 0; i < 5; i++) {
        burst();
        await settle();
      }
      // Each pause lets the thread copy the burst into the database file, so the next burst
      // rewinds the WAL instead of appending: five bursts, one burst's worth of file.
      expect(walPages()).toBeLessThan(BURST_ROWS * 2);
      expect(db.prepare('select count(*) n from t').get()).toEqual({ n: 5 * BURST_ROWS });
    } finally {
      await c.stop();
    }
  });

  it('without it, the same bursts pile up in the WAL (the writer waits for its own threshold)', async () => {
    for (let i = 0; i < 5; i++) {
      burst();
      await settle();
    }
    expect(walPages()).toBeGreaterThan(BURST_ROWS * 4);
  });

  it('stops cleanly, after which closing the writer removes the WAL', async () => {
    const c = new WalCheckpointer(path, 20);
    burst();
    await c.stop();
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = new Database(path, { readonly: true });
    expect(again.prepare('select count(*) n from t').get()).toEqual({ n: BURST_ROWS });
    again.close();
  });

  it('stops without hanging when its thread could not open the database', async () => {
    const c = new WalCheckpointer(join(dir, 'missing.db'), 20);
    await new Promise((r) => setTimeout(r, 200));
    await c.stop();
  });
});

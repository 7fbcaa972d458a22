import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { FerryError } from '../../core/errors.js';

/** What a backup wrote. */
export interface SqliteBackup {
  /** Database pages copied. */
  pages: number;
  /** Result of SQLite's `quick_check` on the copy: 'ok' or the first problem found. */
  check: string;
}

/**
 * Copies a SQLite store to `dest` with SQLite's online backup API, while Ferry keeps writing to it
 * (a second, read-only connection: the runtime lock is not needed and not taken). The copy is a
 * consistent snapshot of one moment, WAL included, unlike a file copy of a database in WAL mode,
 * which can miss committed transactions still in the -wal file. An existing `dest` is refused, never
 * overwritten: it may be the only good backup. The copy carries no runtime claim (see below).
 */
export async function backupSqlite(path: string, dest: string): Promise<SqliteBackup> {
  if (existsSync(dest))
    throw new FerryError('bad_request', `${dest} already exists; choose a new file for the backup`);
  if (!existsSync(path)) throw new FerryError('bad_request', `no SQLite store at ${path}`);
  const source = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(dest);
    const copy = new Database(dest, { fileMustExist: true });
    try {
      // The copy holds the running process's claim on the store, heartbeat and all: restored on
      // the same host while that pid lives (pid 1 in every container), it would refuse to start.
      const claimed = copy
        .prepare(`select 1 from sqlite_master where type = 'table' and name = 'runtime_lock'`)
        .get();
      if (claimed) copy.prepare('delete from runtime_lock').run();
      const check = copy.pragma('quick_check', { simple: true }) as string;
      return { pages: progress.totalPages, check };
    } finally {
      copy.close();
    }
  } finally {
    source.close();
  }
}

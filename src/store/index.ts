/**
 * The store: `openStore(FERRY_DB)` picks the adapter from the location — a file path or `sqlite:`
 * URL (embedded, one process) or a `postgres://` URL (scale-out).
 */
import { resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { openSqlite } from './sqlite/openSqlite.js';
import { openPostgres } from './postgres/openPostgres.js';
import type { Store } from './port.js';

export type {
  Store,
  StoreSession,
  PreparedJob,
  Dialect,
  MigrationStatus,
  IntakeItem,
  IntakeResult,
} from './port.js';
export type { DB } from './schema.js';
export * from './types.js';
export type { JobFilter } from './common/listJobs.js';
export type { LaneStats } from './common/jobStats.js';
export type { RecoverOptions } from './common/recoverExpired.js';
export { redactUrl } from './redactUrl.js';
export { classifyStoreError, storeConflictCode } from './conflict.js';
export { processAlive } from './sqlite/processAlive.js';
export type { ScheduleRow } from './common/dueSchedules.js';
export { PostgresStore } from './postgres/openPostgres.js';
export { SqliteStore } from './sqlite/openSqlite.js';

export interface OpenStoreOptions {
  clock?: Clock;
  /** Apply pending migrations on open. Default true. */
  migrate?: boolean;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
}

/** Parses FERRY_DB into an adapter choice. */
export function parseStoreLocation(
  location: string,
): { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//.test(location)) return { kind: 'postgres', url: location };
  const path = location.startsWith('sqlite:')
    ? location.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    : location;
  return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const clock = opts.clock ?? systemClock;
  const loc = parseStoreLocation(location);
  const store =
    loc.kind === 'postgres'
      ? await openPostgres({ url: loc.url, clock, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) })
      : openSqlite({ path: loc.path, clock });
  if (opts.migrate !== false) {
    try {
      await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}
export { backupSqlite, type SqliteBackup } from './sqlite/backupSqlite.js';

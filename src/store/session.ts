import { sql } from 'kysely';
import type { Dialect, StoreRoles, StoreSession } from './port.js';
import { bindRoles, type Conn } from './role.js';
import { ROLES } from './roles.js';
import { keepHandle } from './handle.js';

/**
 * A StoreSession over one Kysely executor: the pool (PostgreSQL, autocommit), or one held
 * connection (inside a transaction, or SQLite's single connection). Multi-statement operations
 * expect the caller to have opened a transaction; the Store classes make sure of it.
 */
// Each role is a property the constructor binds from the role table (see port.ts); the interface
// gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Session extends StoreRoles {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Session implements StoreSession {
  /** Lanes that received jobs through this session, woken after commit. */
  readonly enqueuedLanes = new Set<string>();
  readonly dialect: Dialect;
  readonly #conn: Conn;
  private savepoints = 0;

  constructor(conn: Conn) {
    this.#conn = conn;
    this.dialect = conn.dialect;
    keepHandle(this, conn.db);
    bindRoles(this, ROLES, {
      ...conn,
      woke: (lanes) => {
        for (const l of lanes) this.enqueuedLanes.add(l);
      },
    });
  }

  async savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    const db = this.#conn.db;
    // Names are unique within the session, so savepoints may nest.
    const sp = sql.raw(`ferry_sp_${++this.savepoints}`);
    await sql`savepoint ${sp}`.execute(db);
    try {
      const out = await fn(this);
      await sql`release savepoint ${sp}`.execute(db);
      return out;
    } catch (e) {
      await sql`rollback to savepoint ${sp}`.execute(db);
      await sql`release savepoint ${sp}`.execute(db);
      throw e;
    }
  }
}

/**
 * The store port: everything the engine and the services persist goes through these role
 * interfaces. Two adapters implement them with identical behaviour: SQLite (embedded default,
 * one process) and PostgreSQL (any number of processes).
 *
 * How to add storage (one way, for every role):
 * 1. Write the operation once, in its own file named by its verb, beside its role's other
 *    operations (`store/orders/getOrderByRef.ts`): an exported function whose first parameter is
 *    the connection, `(db: Kysely<DB>, ...args) => Promise<R>`. Its SQL lives there and nowhere
 *    else; where the SQL differs per dialect, one file per dialect (`store/sqlite/`, `store/postgres/`).
 *    Row types and mappers several operations share go in a file beside them that runs no
 *    statement (`store/orders/orderRows.ts`); `operations.test.ts` holds every file to this.
 *    An operation of several statements is wrapped in `atomic(...)` where its role lists it: called
 *    on the store outside a transaction it then gets one of its own.
 * 2. List it in its role, the object its folder's `index.ts` exports (`export const orders = {...}`);
 *    a new role goes into `ROLES` in `roles.ts`.
 * 3. That is all: `StoreSession` derives each role's type from the functions (`Bound` strips the
 *    `db` parameter), and both adapters bind the same table to their connection or transaction, so
 *    callers write `session.orders.getOrderByRef(ref)`. No caller ever sees a Kysely handle.
 * An operation that needs the dialect or what each adapter supplies itself (`AdapterOps` in
 * role.ts) is written over the whole connection and wrapped in `withConn(...)`; one after which jobs
 * are ready in some lanes in `wakes(...)` (see common/index.ts, the engine's roles).
 */
import type { BoundRoles } from './role.js';
import type { Roles } from './roles.js';
import type { InboxMessage, NewJob } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** A job ready to insert: defaults applied, payload serialised. */
export interface PreparedJob extends Omit<NewJob, 'payload' | 'maxAttempts' | 'runAt' | 'priority'> {
  payloadJson: string;
  maxAttempts: number;
  runAt: number;
  priority: number;
}

/** One message for `inbox.intake`: stored, and (when `job` is given) its processing job enqueued. */
export interface IntakeItem {
  msg: InboxMessage;
  /** The job for the stored message's id; not called for a duplicate. */
  job?: (inboxId: number) => PreparedJob;
}

export type IntakeResult =
  { duplicate: false; inboxId: number; jobId: number | null } | { duplicate: true; inboxId: number };

/** Every role of the store, bound to a connection: `session.mappings.currentMappings(...)`. */
export type StoreRoles = BoundRoles<Roles>;

/** Operations available both inside and outside a transaction. */
export interface StoreSession extends StoreRoles {
  readonly dialect: Dialect;
  /**
   * Runs fn as one unit inside the current transaction: when fn throws, its writes (and the jobs
   * it enqueued) are rolled back and the error rethrown, while the transaction's other work stays.
   * Outside a transaction, fn gets a transaction of its own.
   */
  savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T>;
}

export interface MigrationStatus {
  current: number;
  latest: number;
}

export interface Store extends StoreSession {
  /** Runs fn in one transaction: its writes and the jobs it enqueues commit together or not at all. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /** Called with a lane name when jobs may have become ready there (after commit). */
  onWake(listener: (lane: string) => void): () => void;
  /**
   * Applies pending migrations (`migrations.status()` reads the version). Not a role: Kysely's
   * Migrator takes its own connection, lock and transaction, so it cannot run inside a session's.
   */
  migrate(): Promise<{ applied: number[] }>;
  /** Where the store is, with any password removed. */
  readonly location: string;
  close(): Promise<void>;
}

import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Dialect, IntakeItem, IntakeResult, PreparedJob } from './port.js';
import type {
  EnqueueResult,
  InboxMessage,
  InboxStatus,
  JobRecord,
  LeaseHandle,
  LeaseRequest,
} from './types.js';

/**
 * One storage operation: SQL over the connection it is given (the pool, or the transaction a
 * session holds), then the caller's arguments. Written once, in its own file; a role lists it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument list; Bound keeps each op's own types
export type Op = (db: Kysely<DB>, ...args: any[]) => Promise<unknown>;

/** A role: the operations of one domain (orders, releases, jobs...), by name. */
export type Ops = Readonly<Record<string, Op>>;

/** A role as its users see it: each operation bound to a connection, so without its `db` argument. */
export type Bound<O extends Ops> = {
  readonly [K in keyof O]: O[K] extends (db: Kysely<DB>, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

/** Every role of a store, by the name the session shows it under. */
export type RoleTable = Readonly<Record<string, Ops>>;

/** The roles of a table, bound. */
export type BoundRoles<T extends RoleTable> = { readonly [R in keyof T]: Bound<T[R]> };

/**
 * The operations each adapter supplies itself: those whose SQL differs (SQLite runs the queue's
 * and the inbox's as prepared statements on its raw connection) and the runtime lock (SQLite
 * claims its file for one process; PostgreSQL serves any number and claims nothing). The roles
 * call them through {@link withConn}.
 */
export interface AdapterOps {
  enqueue(db: Kysely<DB>, jobs: PreparedJob[], now: number): Promise<EnqueueResult[]>;
  lease(db: Kysely<DB>, req: LeaseRequest, token: string): Promise<JobRecord[]>;
  complete(db: Kysely<DB>, handles: LeaseHandle[], now: number): Promise<number[]>;
  receive(db: Kysely<DB>, msg: InboxMessage): Promise<{ id: number; duplicate: boolean }>;
  markInbox(
    db: Kysely<DB>,
    id: number,
    status: InboxStatus,
    now: number,
    details?: { jobId?: number; reason?: string },
  ): Promise<void>;
  /** Stores messages and enqueues their jobs; adds the lane of each job to `lanes`. */
  intake(
    db: Kysely<DB>,
    items: readonly IntakeItem[],
    now: number,
    lanes: Set<string>,
  ): Promise<IntakeResult[]>;
  acquireRuntimeLock(db: Kysely<DB>, holder: string, now: number): Promise<void>;
  heartbeatRuntimeLock(db: Kysely<DB>, holder: string, now: number): Promise<void>;
  releaseRuntimeLock(db: Kysely<DB>, holder: string): Promise<void>;
}

/** What a role is bound to: one connection (or transaction) of one adapter. */
export interface Conn {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  readonly adapter: AdapterOps;
}

/** A bound connection, and who hears of lanes that received jobs through it. */
export interface Binding extends Conn {
  woke?(lanes: Iterable<string>): void;
}

interface Meta {
  atomic?: boolean;
  /** The operation over the whole connection (dialect, adapter's fast paths), see withConn. */
  conn?: (c: Binding, ...args: unknown[]) => Promise<unknown>;
  /** Lanes that may have ready jobs once the operation commits. */
  wakes?: (args: unknown[], result: unknown) => Iterable<string>;
}

const META = Symbol('ferry.store.op');

function metaOf(op: Op): Meta {
  return (op as unknown as Record<symbol, Meta | undefined>)[META] ?? {};
}

/** The same operation with more metadata; calling it directly still runs it on a plain connection. */
function withMeta<F extends Op>(op: F, add: Meta): F {
  const meta = { ...metaOf(op), ...add };
  const wrapped = ((db: Kysely<DB>, ...args: unknown[]) => op(db, ...args)) as F;
  Object.defineProperty(wrapped, META, { value: meta });
  Object.defineProperty(wrapped, 'name', { value: op.name });
  return wrapped;
}

/**
 * Marks an operation of several statements: called on the store outside a transaction, it gets a
 * transaction of its own (inside one, it joins the caller's), so it never half-applies.
 */
export function atomic<F extends Op>(op: F): F {
  return withMeta(op, { atomic: true });
}

/** Whether {@link atomic} marked this operation. */
export function isAtomic(op: Op): boolean {
  return metaOf(op).atomic === true;
}

/**
 * An operation that needs more than the Kysely handle: the dialect (SQL that differs per database),
 * the adapter's own operations, or the lanes to wake after commit. It is bound like any other; its
 * users see `(...args) => R`.
 */
export function withConn<A extends unknown[], R>(
  op: (c: Binding, ...args: A) => Promise<R>,
): (db: Kysely<DB>, ...args: A) => Promise<R> {
  const plain = () => Promise.reject(new Error(`${op.name || 'operation'} needs a bound connection`));
  Object.defineProperty(plain, META, { value: { conn: op as Meta['conn'] } satisfies Meta });
  Object.defineProperty(plain, 'name', { value: op.name });
  return plain;
}

/** Marks an operation after which jobs may be ready in these lanes (woken once its transaction commits). */
export function wakes<A extends unknown[], R>(
  op: (db: Kysely<DB>, ...args: A) => Promise<R>,
  lanes: (args: A, result: R) => Iterable<string>,
): (db: Kysely<DB>, ...args: A) => Promise<R> {
  return withMeta(op, { wakes: (args, result) => lanes(args as A, result as R) });
}

/** One operation bound to a connection. */
function bindOp(op: Op, b: Binding): (...args: unknown[]) => Promise<unknown> {
  const { conn, wakes: lanes } = metaOf(op);
  const run = conn ? (args: unknown[]) => conn(b, ...args) : (args: unknown[]) => op(b.db, ...args);
  if (!lanes) return (...args) => run(args);
  return async (...args) => {
    const out = await run(args);
    b.woke?.(lanes(args, out));
    return out;
  };
}

/** Binds one role's operations to a connection: `bind(conn, { getOrder, listOrders })`. */
export function bind<O extends Ops>(b: Binding, ops: O): Bound<O> {
  const out: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(ops)) out[name] = bindOp(op, b);
  return Object.freeze(out) as Bound<O>;
}

/**
 * Gives `target` every role of a table, bound to one connection. Each role is bound when first
 * used: a session made for one call (PostgreSQL outside a transaction) binds only what it runs.
 */
export function bindRoles<T extends RoleTable>(target: object, table: T, b: Binding): void {
  for (const [role, ops] of Object.entries(table))
    Object.defineProperty(target, role, {
      configurable: true,
      enumerable: true,
      get() {
        const bound = bind(b, ops);
        Object.defineProperty(target, role, { value: bound, enumerable: true });
        return bound;
      },
    });
}

/**
 * Builds each role's bound operations from a function of the operation and its role and name:
 * the session binds to its connection, the store routes each call through a session.
 */
export function mapRoles<T extends RoleTable>(
  table: T,
  make: (op: Op, role: string, name: string) => (...args: unknown[]) => Promise<unknown>,
): BoundRoles<T> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [role, ops] of Object.entries(table)) {
    const bound: Record<string, unknown> = {};
    for (const [name, op] of Object.entries(ops)) bound[name] = make(op, role, name);
    out[role] = Object.freeze(bound);
  }
  return out as BoundRoles<T>;
}

import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

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

const ATOMIC = Symbol('ferry.store.atomic');

/**
 * Marks an operation of several statements: called on the store outside a transaction, it gets a
 * transaction of its own (inside one, it joins the caller's), so it never half-applies.
 */
export function atomic<F extends Op>(op: F): F {
  const wrapped = ((db: Kysely<DB>, ...args: unknown[]) => op(db, ...args)) as F;
  Object.defineProperty(wrapped, ATOMIC, { value: true });
  Object.defineProperty(wrapped, 'name', { value: op.name });
  return wrapped;
}

/** Whether {@link atomic} marked this operation. */
export function isAtomic(op: Op): boolean {
  return (op as unknown as Record<symbol, unknown>)[ATOMIC] === true;
}

/** Binds every role of a table to one connection. */
export function bindRoles<T extends RoleTable>(table: T, db: Kysely<DB>): BoundRoles<T> {
  return mapRoles(
    table,
    (op) =>
      (...args: unknown[]) =>
        op(db, ...args),
  );
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

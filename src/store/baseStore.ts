import type { Dialect, Store, StoreSession } from './port.js';
import { isAtomic, mapRoles } from './role.js';
import { ROLES } from './roles.js';
import type { StoreRoles } from './port.js';

/**
 * Store operations outside a transaction. Single-statement operations run through `direct`;
 * operations of several statements always get their own transaction.
 */
// Each role is a property the constructor builds from the role table (see port.ts); the interface
// gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface BaseStore extends StoreRoles {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class BaseStore implements Store {
  abstract readonly dialect: Dialect;
  abstract readonly location: string;
  private readonly listeners = new Set<(lane: string) => void>();

  constructor() {
    // Outside a transaction, each call runs on a session of its own; an atomic operation (several
    // statements) gets a transaction.
    const roles = mapRoles(ROLES, (op, role, name) => (...args: unknown[]) => {
      const call = (s: StoreSession) =>
        (s as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[role]![name]!(
          ...args,
        );
      return isAtomic(op) ? this.transaction(call) : this.direct(call);
    });
    Object.assign(this, roles);
  }

  abstract transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }
  protected abstract direct<T>(fn: (s: StoreSession) => Promise<T>): Promise<T>;
  abstract migrate(): Promise<{ applied: number[] }>;
  abstract close(): Promise<void>;

  onWake(listener: (lane: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  protected wake(lanes: Iterable<string>): void {
    for (const lane of lanes) for (const l of this.listeners) l(lane);
  }
}

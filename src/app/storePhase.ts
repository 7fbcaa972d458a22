/**
 * Phase one of a Ferry process: the store opened (migrated), claimed for this process, and what
 * every later phase registers to be closed, in order, on stop or on a failed start.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { openStore, type Store } from '../store/index.js';

/** The store of this process and what is to be closed with it. */
export interface StorePhase {
  store: Store;
  /** This process's name on the runtime lock (and the inventory lease). */
  holder: string;
  /** Registers `close` to run on stop, after the workers, in registration order. */
  onClose(close: () => Promise<void>): void;
  /**
   * Closes what was registered, releases the lock and closes the store; `bounded` times each step
   * (a peer that never closes its connection must not hold shutdown).
   */
  close(bounded?: (what: string, p: Promise<unknown>) => Promise<void>): Promise<void>;
}

/** How often the runtime lock is refreshed; another process takes it over when it goes stale. */
const HEARTBEAT_MS = 5000;

/** Opens the store and takes the runtime lock (a second process on one SQLite file is refused). */
export async function openStorePhase(db: string, clock: Clock): Promise<StorePhase> {
  const store = await openStore(db, { clock });
  const holder = `ferry:${randomUUID()}`;
  const closers: Array<() => Promise<void>> = [];
  let heartbeat: NodeJS.Timeout | undefined;
  const close = async (
    bounded: (what: string, p: Promise<unknown>) => Promise<void> = (_w, p) => p.then(() => undefined),
  ): Promise<void> => {
    clearInterval(heartbeat);
    for (const c of closers)
      await bounded(
        'closing connections',
        c().catch(() => undefined),
      );
    await bounded(
      'releasing the store',
      store.runtimeLock.release(holder).catch(() => undefined),
    );
    await bounded('closing the store', store.close());
  };
  try {
    await store.runtimeLock.acquire(holder, clock.now());
    heartbeat = setInterval(
      () => void store.runtimeLock.heartbeat(holder, clock.now()).catch(() => undefined),
      HEARTBEAT_MS,
    );
    if ('listen' in store && typeof store.listen === 'function')
      await (store.listen as () => Promise<void>)();
  } catch (e) {
    await close();
    throw e;
  }
  return { store, holder, onClose: (c) => void closers.push(c), close };
}

/**
 * Who owns available-to-promise when several Ferry processes share a PostgreSQL database. The
 * oversell guard's in-flight holds live in one process's memory, so the lanes that use them —
 * `orders` (intake's acceptance asks the guard) and `inventory` (publishing subtracts them) —
 * must run in the process that holds the inventory lease; a second one is refused at start.
 * Other lanes scale out freely: releases, shipments and warehouse positions reach the owner as
 * inventory jobs.
 */
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import { processAlive, type Store } from '../store/index.js';

/** Lanes that need the in-flight holds of the process they run in. */
export const LANES_NEEDING_INVENTORY = ['orders', 'inventory'] as const;

/** A lease older than this belonged to a process that died. */
const STALE_MS = 15_000;
const HEARTBEAT_MS = 5_000;

/** Whether a process serving `lanes` must own inventory. */
export function needsInventoryLease(lanes: readonly string[]): boolean {
  return lanes.some((l) => (LANES_NEEDING_INVENTORY as readonly string[]).includes(l));
}

/** Takes the lease (throws `store_locked` naming the holder) and keeps it fresh until released. */
export async function claimInventory(
  store: Store,
  clock: Clock,
  holder: string,
): Promise<{ release(): Promise<void> }> {
  await store.transaction((tx) =>
    tx.inventory.acquireInventoryLease({ holder, pid: process.pid, host: hostname() }, clock.now(), {
      staleMs: STALE_MS,
      isAlive: processAlive,
      location: store.location,
    }),
  );
  const timer = setInterval(
    () => void store.inventory.heartbeatInventoryLease(holder, clock.now()).catch(() => undefined),
    HEARTBEAT_MS,
  );
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await store.inventory.releaseInventoryLease(holder).catch(() => undefined);
    },
  };
}

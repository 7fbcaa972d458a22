import type { Kysely } from 'kysely';
import { FerryError } from '../../core/errors.js';
import type { DB } from '../schema.js';
import { LEASE_ID } from './leaseId.js';

export interface LeaseOwner {
  holder: string;
  pid: number;
  host: string;
}

/**
 * Takes the lease, or throws `store_locked` naming the holder while its heartbeat is fresh and, on
 * this host, its process is alive. A crashed holder's lease is taken over. Run inside a transaction;
 * two processes racing for a free lease meet on the primary key, and the loser's transaction fails.
 */
export async function acquireInventoryLease(
  db: Kysely<DB>,
  me: LeaseOwner,
  now: number,
  opts: { staleMs: number; isAlive: (pid: number) => boolean; location: string },
): Promise<void> {
  const row = await db.selectFrom('runtime_lock').selectAll().where('id', '=', LEASE_ID).executeTakeFirst();
  if (row && row.holder !== me.holder) {
    const fresh = now - Number(row.heartbeat_at) < opts.staleMs;
    const alive = row.host !== me.host || opts.isAlive(Number(row.pid));
    if (fresh && alive) throw leaseHeld(row, opts.location);
  }
  await db.deleteFrom('runtime_lock').where('id', '=', LEASE_ID).execute();
  try {
    await db
      .insertInto('runtime_lock')
      .values({ id: LEASE_ID, holder: me.holder, pid: me.pid, host: me.host, heartbeat_at: now })
      .execute();
  } catch (e) {
    // Another process inserted the row between our delete and insert: it won.
    throw new FerryError(
      'store_locked',
      `another Ferry process took the inventory lease on ${opts.location} at the same moment`,
      {
        cause: e,
      },
    );
  }
}

function leaseHeld(row: { pid: number | bigint; host: string }, location: string): FerryError {
  return new FerryError(
    'store_locked',
    `another Ferry process (pid ${Number(row.pid)} on ${row.host}) owns inventory on ${location}: the ` +
      `orders it accepted are held in flight in its memory, and a second owner could sell the same ` +
      `units again. Start this process without the orders and inventory lanes ` +
      `(ferry worker --lanes intake,fulfilment,shipments,batch), or stop the other one first.`,
    { details: { holderPid: Number(row.pid), holderHost: row.host } },
  );
}

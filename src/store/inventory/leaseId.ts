/**
 * The inventory lease: which Ferry process owns available-to-promise. The oversell guard holds
 * accepted orders in flight in that process's memory, so intake's acceptance, the inventory lane
 * and an operator's resync must run in the one process that holds it; a second process that would
 * run them on the same database is refused at start instead of overselling.
 *
 * It is row 2 of `runtime_lock` (row 1 is the SQLite store's claim; PostgreSQL leaves the table
 * otherwise empty), so no migration is needed.
 */
export const LEASE_ID = 2;

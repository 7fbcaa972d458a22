/** Warehouse persistence (issue 5): releases, shipments, X12 control numbers, outbound interchanges, 997 ledger, events. */
export * from './releases.js';
export * from './cancelReleases.js';
export * from './shipments.js';
export * from './controlNumbers.js';
export * from './outbound.js';
export * from './ackLedger.js';
export * from './events.js';

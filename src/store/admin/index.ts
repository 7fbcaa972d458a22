/**
 * Persistence of the admin surface: API tokens, encrypted secrets, lane pause and shadow settings,
 * audit queries, inbox listing and order search. Functions take any StoreSession's `db`, so they
 * run inside a caller's transaction when given one.
 */
export * from './tokens.js';
export * from './secrets.js';
export * from './settings.js';
export * from './audit.js';
export * from './inbox.js';
export * from './orders.js';
export * from './lanePause.js';
export * from './shadowCheck.js';
export * from './interchanges.js';
export * from './alerts.js';
export * from './replayInbox.js';

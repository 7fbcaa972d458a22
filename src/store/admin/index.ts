/**
 * Persistence of the admin surface: API tokens, encrypted secrets, lane pause and shadow settings,
 * audit queries, inbox listing and order search. Each operation takes the connection first; the
 * roles table (roles.ts) lists it, and callers reach it as `session.tokens.getToken(...)`, inside
 * their transaction when they hold one.
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

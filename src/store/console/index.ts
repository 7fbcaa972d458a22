/**
 * Persistence of the console: users, sessions, sign-in links, the exception queue's pages and
 * assignments, bulk batches. One operation per file; each role below lists its operations, and
 * sessions show them as `session.users.findUser(...)` (see port.ts).
 */
import { atomic } from '../role.js';
import { insertUser } from './insertUser.js';
import { findUser } from './findUser.js';
import { listUsers } from './listUsers.js';
import { changedUsers } from './changedUsers.js';
import { updateUser } from './updateUser.js';
import { findTokenPrincipal } from './findTokenPrincipal.js';
import { insertSession } from './insertSession.js';
import { findSession } from './findSession.js';
import { touchSession } from './touchSession.js';
import { revokeSession } from './revokeSession.js';
import { insertLoginLink } from './insertLoginLink.js';
import { consumeLoginLink } from './consumeLoginLink.js';
import { exceptionPage } from './exceptionPage.js';
import { exceptionIds } from './exceptionIds.js';
import { assignException } from './assignException.js';
import { previousException } from './previousException.js';
import { resolveSuperseded } from './resolveSuperseded.js';
import { findSupersededJobs } from './findSupersededJobs.js';
import { insertBatch } from './insertBatch.js';
import { getBatch } from './getBatch.js';
import { runningBatches } from './runningBatches.js';
import { advanceBatch } from './advanceBatch.js';
import { searchOrders } from './searchOrders.js';
import { actOnExceptions } from './actOnExceptions.js';
import { appendAuditEntries } from './appendAuditEntries.js';

export type { UserRow } from './users.js';
export type { TokenPrincipalRow } from './findTokenPrincipal.js';
export type { SessionRow } from './findSession.js';
export type { ExceptionPageFilter, ExceptionItemRow } from './exceptionPage.js';
export type { BatchRow } from './batches.js';
export type { OrderHit } from './searchOrders.js';
export { searchTerm } from './searchOrders.js';

/** Named users, and the user and token a bearer token stands for. */
export const users = { insertUser, findUser, listUsers, changedUsers, updateUser, findTokenPrincipal };

/** Console sessions (cookie hashes with their CSRF token) and one-time sign-in links. */
export const consoleSessions = {
  insertSession,
  findSession,
  touchSession,
  revokeSession,
  insertLoginLink,
  consumeLoginLink,
};

/** The console's exception queue: keyset pages, bulk sets, assignment, previous attempts, superseded ones. */
export const exceptionQueue = {
  exceptionPage,
  exceptionIds,
  assignException: atomic(assignException),
  previousException,
  findSupersededJobs,
  resolveSuperseded: atomic(resolveSuperseded),
};

/** Bulk actions on exceptions and their progress. */
export const batches = {
  insertBatch,
  getBatch,
  runningBatches,
  advanceBatch,
  actOnExceptions: atomic(actOnExceptions),
  appendAuditEntries,
};

/** Orders by any system's id, exact or by prefix. */
export const orderSearch = { searchOrders };

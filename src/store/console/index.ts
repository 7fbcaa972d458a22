/**
 * Persistence of the console: users, sessions, sign-in links. One operation per file; each takes
 * any session's `db`, so it runs inside a caller's transaction when given one.
 */
export type { UserRow } from './users.js';
export { insertUser } from './insertUser.js';
export { findUser } from './findUser.js';
export { listUsers } from './listUsers.js';
export { updateUser } from './updateUser.js';
export { findTokenPrincipal, type TokenPrincipalRow } from './findTokenPrincipal.js';
export { insertSession } from './insertSession.js';
export { findSession, type SessionRow } from './findSession.js';
export { touchSession } from './touchSession.js';
export { revokeSession } from './revokeSession.js';
export { insertLoginLink } from './insertLoginLink.js';
export { consumeLoginLink } from './consumeLoginLink.js';
export {
  exceptionPage,
  whereExceptions,
  type ExceptionPageFilter,
  type ExceptionItemRow,
} from './exceptionPage.js';
export { exceptionIds } from './exceptionIds.js';
export { assignException } from './assignException.js';
export { previousException } from './previousException.js';
export { resolveSuperseded } from './resolveSuperseded.js';
export { findSupersededJobs } from './findSupersededJobs.js';
export type { BatchRow } from './batches.js';
export { insertBatch } from './insertBatch.js';
export { getBatch } from './getBatch.js';
export { runningBatches } from './runningBatches.js';
export { advanceBatch } from './advanceBatch.js';

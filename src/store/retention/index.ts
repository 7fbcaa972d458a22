/**
 * Retention of stored data and privacy requests (issue 16, item 24). One operation per file, named
 * by its verb; sessions show them as `session.retention.purgeRetention(...)`.
 */
import { atomic } from '../role.js';
import { purgeBefore } from '../common/purgeBefore.js';
import { purgeRetention } from './purgeRetention.js';
import { handlePrivacyRequest } from './handlePrivacyRequest.js';
import { listPrivacyRequests } from './listPrivacyRequests.js';

export { FINISHED_ORDER_STATES } from './retentionRules.js';
export type { PurgeCounts, RetentionPolicy } from './purgeRetention.js';
export type { PrivacyRequestRecord } from './listPrivacyRequests.js';
export type { PrivacyRequest, PrivacySubject } from '../../core/privacy.js';
export { eraseOrderPersonalData, ERASED } from './erase.js';

/**
 * Deletes what retention no longer keeps (`purgeBefore`: raw messages and finished jobs older than
 * a time, open work kept); answers privacy requests.
 */
export const retention = {
  purgeBefore: atomic(purgeBefore),
  purgeRetention: atomic(purgeRetention),
  handlePrivacyRequest: atomic(handlePrivacyRequest),
  listPrivacyRequests,
};

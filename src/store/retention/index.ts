/** Retention of stored data and privacy requests (issue 16, item 24). */
export { purgeRetention } from './purgeRetention.js';
export { FINISHED_ORDER_STATES } from './retentionRules.js';
export type { PurgeCounts, RetentionPolicy } from './purgeRetention.js';
export { handlePrivacyRequest } from './handlePrivacyRequest.js';
export { listPrivacyRequests } from './listPrivacyRequests.js';
export type { PrivacyRequestRecord } from './listPrivacyRequests.js';
export type { PrivacyRequest, PrivacySubject } from '../../core/privacy.js';
export { eraseOrderPersonalData, ERASED } from './erase.js';

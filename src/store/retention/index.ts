/** Retention of stored data and privacy requests (issue 16, item 24). */
export { purgeRetention, FINISHED_ORDER_STATES } from './purge.js';
export type { PurgeCounts, RetentionPolicy } from './purge.js';
export { handlePrivacyRequest, listPrivacyRequests } from './privacy.js';
export type { PrivacyRequestRecord } from './privacy.js';
export type { PrivacyRequest, PrivacySubject } from '../../core/privacy.js';
export { eraseOrderPersonalData, ERASED } from './erase.js';

/** Persistence of the inventory-publish flow: publications with their inputs, last values, pushed positions. */
export { recordPublications } from './recordPublications.js';
export type { PublicationInput } from './recordPublications.js';
export { loadPublished } from './loadPublished.js';
export { listPublications } from './listPublications.js';
export type { PublicationRecord } from './listPublications.js';
export { loadPositions } from './loadPositions.js';
export { savePositions } from './savePositions.js';
export { acquireInventoryLease } from './acquireInventoryLease.js';
export { heartbeatInventoryLease } from './heartbeatInventoryLease.js';
export { releaseInventoryLease } from './releaseInventoryLease.js';
export type { LeaseOwner } from './acquireInventoryLease.js';

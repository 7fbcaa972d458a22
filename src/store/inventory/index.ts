/** Persistence of the inventory-publish flow: publications with their inputs, last values, pushed positions. */
export { recordPublications } from './recordPublications.js';
export type { PublicationInput } from './recordPublications.js';
export { loadPublished } from './loadPublished.js';
export { listPublications } from './listPublications.js';
export type { PublicationRecord } from './listPublications.js';
export { loadPositions, savePositions } from './positions.js';
export { acquireInventoryLease, heartbeatInventoryLease, releaseInventoryLease } from './inventoryLease.js';
export type { LeaseOwner } from './inventoryLease.js';

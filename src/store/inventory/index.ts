/**
 * Storage of the inventory-publish flow: publications with their inputs, last values, pushed
 * positions, and the publisher's lease. One operation per file, named by its verb; sessions show
 * them as `session.inventory.loadPublished(...)`.
 */
import { atomic } from '../role.js';
import { recordPublications } from './recordPublications.js';
import { loadPublished } from './loadPublished.js';
import { listPublications } from './listPublications.js';
import { loadPositions } from './loadPositions.js';
import { savePositions } from './savePositions.js';
import { acquireInventoryLease } from './acquireInventoryLease.js';
import { heartbeatInventoryLease } from './heartbeatInventoryLease.js';
import { releaseInventoryLease } from './releaseInventoryLease.js';

export type { PublicationInput } from './recordPublications.js';
export type { PublicationRecord } from './listPublications.js';
export type { LeaseOwner } from './acquireInventoryLease.js';

/** Inventory publishing: what each channel was told, positions pushed, the publisher's lease. */
export const inventory = {
  recordPublications: atomic(recordPublications),
  loadPublished,
  listPublications,
  loadPositions,
  savePositions: atomic(savePositions),
  acquireInventoryLease: atomic(acquireInventoryLease),
  heartbeatInventoryLease,
  releaseInventoryLease,
};

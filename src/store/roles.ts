/**
 * Every role of the store, by the name sessions show it under (`session.orders`, ...). Both
 * adapters bind this table; see port.ts for how to add a role or an operation.
 */
import type { RoleTable } from './role.js';
import { cursors, mappings } from './orders/index.js';
import { events } from './events/index.js';
import { approvals, mappingSets } from './approvals/index.js';
import { batches, consoleSessions, exceptionQueue, orderSearch, users } from './console/index.js';
import { savedViews } from './views/index.js';
import { auditTrail, health } from './health/index.js';

export const ROLES = {
  mappings,
  cursors,
  users,
  consoleSessions,
  exceptionQueue,
  batches,
  orderSearch,
  events,
  approvals,
  mappingSets,
  savedViews,
  health,
  auditTrail,
} as const satisfies RoleTable;

export type Roles = typeof ROLES;

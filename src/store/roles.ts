/**
 * Every role of the store, by the name sessions show it under (`session.orders`, ...). Each role
 * is assembled in its folder's `index.ts` from one file per operation; both adapters bind this
 * table. See port.ts for how to add a role or an operation.
 */
import type { RoleTable } from './role.js';
import {
  audit,
  exceptions,
  inbox,
  jobs,
  migrations,
  runtimeLock,
  schedules,
  shadow,
} from './common/index.js';
import { cursors, mappings, orders } from './orders/index.js';
import { events } from './events/index.js';
import { approvals, mappingSets } from './approvals/index.js';
import { batches, consoleSessions, exceptionQueue, orderSearch, users } from './console/index.js';
import { alerts, secrets, settings, tokens } from './admin/index.js';
import { interchanges, releases, shipments, warehouseEvents } from './warehouse/index.js';
import { inventory } from './inventory/index.js';
import { retention } from './retention/index.js';
import { savedViews } from './views/index.js';
import { auditTrail, health } from './health/index.js';

export const ROLES = {
  jobs,
  inbox,
  exceptions,
  audit,
  shadow,
  schedules,
  runtimeLock,
  migrations,
  retention,
  orders,
  mappings,
  cursors,
  settings,
  tokens,
  secrets,
  alerts,
  releases,
  shipments,
  warehouseEvents,
  interchanges,
  inventory,
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

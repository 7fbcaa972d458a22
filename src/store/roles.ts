/**
 * Every role of the store, by the name sessions show it under (`session.orders`, ...). Both
 * adapters bind this table; see port.ts for how to add a role or an operation.
 */
import type { RoleTable } from './role.js';
import { cursors, mappings } from './orders/index.js';

export const ROLES = { mappings, cursors } as const satisfies RoleTable;

export type Roles = typeof ROLES;

import type { Selectable } from 'kysely';
import type { UsersTable } from '../schema.js';

/** A console user: a name, a role and (elsewhere) tokens. */
export interface UserRow {
  id: number;
  name: string;
  role: string;
  createdAt: number;
  createdBy: string;
  disabledAt: number | null;
}

/** Row → record; drivers that do not parse bigint hand back strings. */
export function toUser(r: Selectable<UsersTable>): UserRow {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
  };
}

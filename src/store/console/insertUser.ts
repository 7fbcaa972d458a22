import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/** Adds a user; the unique name makes a second one with the same name fail. */
export async function insertUser(
  db: Kysely<DB>,
  u: { name: string; role: string; actor: string; now: number },
): Promise<UserRow> {
  const r = await db
    .insertInto('users')
    .values({ name: u.name, role: u.role, created_at: u.now, created_by: u.actor })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(r);
}

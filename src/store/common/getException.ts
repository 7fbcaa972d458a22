import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionRecord } from '../types.js';
import { toExceptionRecord } from './rows.js';

export async function getException(db: Kysely<DB>, id: number): Promise<ExceptionRecord | null> {
  const r = await db.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toExceptionRecord(r) : null;
}

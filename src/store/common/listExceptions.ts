import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionFilter, ExceptionRecord } from '../types.js';
import { toExceptionRecord } from './rows.js';

export async function listExceptions(db: Kysely<DB>, f: ExceptionFilter): Promise<ExceptionRecord[]> {
  let q = db.selectFrom('exceptions').selectAll();
  if (f.ids?.length) q = q.where('id', 'in', f.ids);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.code) q = q.where('code', '=', f.code);
  if (f.lane) q = q.where('lane', '=', f.lane);
  if (f.task) q = q.where('task', '=', f.task);
  if (f.partner) q = q.where('partner', '=', f.partner);
  if (f.impact) q = q.where('impact', '=', f.impact);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 1000)
    .execute();
  return rows.map(toExceptionRecord);
}

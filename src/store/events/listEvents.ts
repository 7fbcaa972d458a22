import type { Kysely } from 'kysely';
import type { StoredEvent } from '../../core/events/index.js';
import { EVENT_COLUMNS, toStoredEvent } from './eventRows.js';
import type { DB } from '../schema.js';

/** Events of the outbox in order, after `afterSeq`, for `ferry events ls` and recovery. */
export async function listEvents(
  db: Kysely<DB>,
  f: { since?: number; types?: readonly string[]; limit: number },
): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').select(EVENT_COLUMNS).orderBy('seq');
  if (f.since !== undefined) q = q.where('time', '>=', f.since);
  if (f.types?.length) q = q.where('type', 'in', [...f.types]);
  const rows = await q.limit(f.limit).execute();
  return rows.map(toStoredEvent);
}

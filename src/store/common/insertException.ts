import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AttemptRecord, NewException } from '../types.js';
import { publishExceptionEvent } from '../events/publishExceptionEvent.js';

export async function insertException(
  db: Kysely<DB>,
  job: { id: number; lane: string; task: string; payload: string; partner: string | null },
  exc: NewException,
  errors: AttemptRecord[],
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('exceptions')
    .values({
      job_id: job.id,
      lane: job.lane,
      task: job.task,
      code: exc.code,
      message: exc.message,
      impact: exc.impact,
      partner: exc.partner ?? job.partner,
      payload: job.payload,
      history: JSON.stringify(errors),
      entities: JSON.stringify(exc.entities),
      status: 'open',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishExceptionEvent(db, Number(row.id), 'opened', now);
  return Number(row.id);
}

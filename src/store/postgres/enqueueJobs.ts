import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { PreparedJob } from '../port.js';
import type { DB } from '../schema.js';
import type { EnqueueResult } from '../types.js';

/**
 * Inserts jobs in one statement and wakes the lanes' listeners. NOTIFY is delivered on commit, so
 * a worker never wakes for a job it cannot see yet.
 */
export async function enqueueJobs(
  db: Kysely<DB>,
  jobs: PreparedJob[],
  now: number,
): Promise<EnqueueResult[]> {
  if (jobs.length === 0) return [];
  const inserted = await db
    .insertInto('jobs')
    .values(
      jobs.map((j) => ({
        lane: j.lane,
        task: j.task,
        payload: j.payloadJson,
        priority: j.priority,
        run_at: j.runAt,
        max_attempts: j.maxAttempts,
        ordering_key: j.orderingKey ?? null,
        idempotency_key: j.idempotencyKey ?? null,
        partner: j.partner ?? null,
        trace: j.trace ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'idempotency_key'])
    .execute();
  const byKey = new Map<string, number>();
  const unkeyed: number[] = [];
  for (const r of inserted) {
    if (r.idempotency_key === null) unkeyed.push(Number(r.id));
    else byKey.set(r.idempotency_key, Number(r.id));
  }
  const missing = jobs
    .filter((j) => j.idempotencyKey && !byKey.has(j.idempotencyKey))
    .map((j) => j.idempotencyKey!);
  const existing = missing.length
    ? await db
        .selectFrom('jobs')
        .select(['id', 'idempotency_key'])
        .where('idempotency_key', 'in', missing)
        .execute()
    : [];
  const existingByKey = new Map(existing.map((r) => [r.idempotency_key!, Number(r.id)]));
  const lanes = [...new Set(jobs.map((j) => j.lane))];
  await sql`select pg_notify('ferry_jobs', lane) from unnest(${lanes}::text[]) as lane`.execute(db);
  let u = 0;
  return jobs.map((j) => {
    if (!j.idempotencyKey) return { id: unkeyed[u++]!, created: true };
    const created = byKey.get(j.idempotencyKey);
    if (created !== undefined) {
      byKey.delete(j.idempotencyKey);
      return { id: created, created: true };
    }
    return { id: existingByKey.get(j.idempotencyKey) ?? -1, created: false };
  });
}

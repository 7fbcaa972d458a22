import { sql } from 'kysely';
import type { PreparedJob, StoreSession } from '../store/index.js';
import type { BufferedEffects } from './context.js';
import { hasEffects } from './context.js';
import { handle } from './handle.js';
import type { JobRecord } from '../store/index.js';

export interface Completion {
  job: JobRecord;
  effects: BufferedEffects;
  lane: string;
  /** Jobs the handler enqueued, already validated (lane known, payload serialisable). */
  prepared: PreparedJob[];
}

export type CompletionOutcome = { kind: 'done' } | { kind: 'leaseLost' } | { kind: 'failed'; error: unknown };

/**
 * Commits many completions in one transaction (group commit). Completions without effects are
 * one statement for all; each completion with effects runs inside its own savepoint, so its writes,
 * the jobs it enqueues and its completion commit together, and one that fails is rolled back alone
 * while the others commit.
 */
export async function commitCompletions(
  tx: StoreSession,
  items: Completion[],
  now: number,
): Promise<CompletionOutcome[]> {
  const out: CompletionOutcome[] = items.map(() => ({ kind: 'done' }));
  // The completions below lock their jobs in item order; taking all the locks first, in id order,
  // keeps this transaction from deadlocking with a heartbeat over the same jobs (the soak
  // benchmark counted such deadlocks until it did).
  await tx.lockJobs(items.map((c) => c.job.id));
  const plain = items.map((c, i) => ({ c, i })).filter(({ c }) => !hasEffects(c.effects));
  if (plain.length) {
    const done = new Set(
      await tx.complete(
        plain.map(({ c }) => handle(c.job)),
        now,
      ),
    );
    for (const { c, i } of plain) if (!done.has(c.job.id)) out[i] = { kind: 'leaseLost' };
  }
  for (const [i, c] of items.entries()) {
    if (!hasEffects(c.effects)) continue;
    const sp = sql.raw(`ferry_sp_${i}`);
    await sql`savepoint ${sp}`.execute(tx.db);
    try {
      const done = await tx.complete([handle(c.job)], now);
      if (done.length !== 1) {
        out[i] = { kind: 'leaseLost' };
        await sql`rollback to savepoint ${sp}`.execute(tx.db);
        continue;
      }
      for (const w of c.effects.writes) await w(tx);
      if (c.prepared.length) await tx.enqueue(c.prepared, now);
      for (const s of c.effects.shadow)
        await tx.recordShadowWrite({ lane: c.lane, jobId: c.job.id, at: now, ...s });
      await sql`release savepoint ${sp}`.execute(tx.db);
    } catch (error) {
      await sql`rollback to savepoint ${sp}`.execute(tx.db);
      await sql`release savepoint ${sp}`.execute(tx.db);
      out[i] = { kind: 'failed', error };
    }
  }
  return out;
}

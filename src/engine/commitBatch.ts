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

/** Thrown inside a completion's savepoint to roll it back when its lease was lost. */
class LeaseLost extends Error {}
/** Carries a completion's own failure out of its savepoint, apart from a failure of the savepoint itself. */
class ItemFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('completion failed');
  }
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
  await tx.jobs.lockJobs(items.map((c) => c.job.id));
  const plain = items.map((c, i) => ({ c, i })).filter(({ c }) => !hasEffects(c.effects));
  if (plain.length) {
    const done = new Set(
      await tx.jobs.complete(
        plain.map(({ c }) => handle(c.job)),
        now,
      ),
    );
    for (const { c, i } of plain) if (!done.has(c.job.id)) out[i] = { kind: 'leaseLost' };
  }
  for (const [i, c] of items.entries()) {
    if (!hasEffects(c.effects)) continue;
    try {
      await tx.savepoint(async (sp) => {
        try {
          const done = await sp.jobs.complete([handle(c.job)], now);
          if (done.length !== 1) throw new LeaseLost();
          for (const w of c.effects.writes) await w(sp);
          if (c.prepared.length) await sp.jobs.enqueue(c.prepared, now);
          for (const s of c.effects.shadow)
            await sp.shadow.recordShadowWrite({ lane: c.lane, jobId: c.job.id, at: now, ...s });
        } catch (error) {
          throw error instanceof LeaseLost ? error : new ItemFailed(error);
        }
      });
    } catch (e) {
      // Only this completion's own failure is its outcome; a failure to roll back breaks the
      // whole transaction and is thrown.
      if (e instanceof LeaseLost) out[i] = { kind: 'leaseLost' };
      else if (e instanceof ItemFailed) out[i] = { kind: 'failed', error: e.cause };
      else throw e;
    }
  }
  return out;
}

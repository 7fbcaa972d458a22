import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { Store, StoreSession } from '../../../store/index.js';
import type { BatchRow, ExceptionPageFilter } from '../../../store/console/index.js';

export const BULK_ACTIONS = ['replay', 'skip'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The largest set one bulk action takes: the queue's own scale target (100,000 exceptions). */
export const BULK_MAX = 100_000;
/**
 * Exceptions per transaction: small enough that a chunk holds the store's write lock for
 * milliseconds (webhook intake keeps going between chunks), large enough that 500 finish in a
 * few round trips.
 */
export const BULK_CHUNK = 100;

/** A batch as the console shows its progress. */
export interface BatchView {
  id: number;
  action: string;
  reason: string;
  actor: string;
  total: number;
  done: number;
  failed: number;
  status: string;
  failures: { id: number; reason: string }[];
  createdAt: number;
  finishedAt: number | null;
}

const view = (b: BatchRow): BatchView => ({
  id: b.id,
  action: b.action,
  reason: b.reason,
  actor: b.actor,
  total: b.total,
  done: b.done,
  failed: b.failed,
  status: b.status,
  failures: b.failures,
  createdAt: b.createdAt,
  finishedAt: b.finishedAt,
});

/**
 * Bulk replay and skip, by selection or by "all N matching this filter", run server-side: the set
 * is fixed when asked for, then worked through in chunks of {@link BULK_CHUNK}, each chunk's
 * actions, audit entries and progress committed together. A restart resumes unfinished batches.
 */
export class BulkActions {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Starts a batch over `ids`, or over every open exception matching `filter`. */
  async start(
    input: {
      action: BulkAction;
      reason: string;
      ids?: number[] | undefined;
      filter?: ExceptionPageFilter | undefined;
    },
    actor: string,
  ): Promise<{ batchId: number; total: number }> {
    if (!input.reason.trim()) throw new FerryError('bad_request', 'a bulk action needs a reason');
    if (!input.ids === !input.filter)
      throw new FerryError('bad_request', 'give either ids (a selection) or filter (all matching), not both');
    const ids = input.ids
      ? [...new Set(input.ids)]
      : await this.store.exceptionQueue.exceptionIds({ ...input.filter!, statuses: ['open'] }, BULK_MAX + 1);
    if (ids.length > BULK_MAX)
      throw new FerryError(
        'bad_request',
        `at most ${BULK_MAX} exceptions per bulk action; narrow the filter`,
      );
    const now = this.clock.now();
    const batchId = await this.store.transaction(async (tx) => {
      const id = await tx.batches.insertBatch({
        action: input.action,
        reason: input.reason,
        actor,
        ids,
        now,
      });
      await tx.audit.appendAudit({
        at: now,
        actor,
        action: `exception.bulk_${input.action}`,
        targetKind: 'batch',
        targetId: String(id),
        before: null,
        after: {
          total: ids.length,
          reason: input.reason,
          ...(input.filter ? { filter: input.filter } : { ids }),
        },
      });
      return id;
    });
    this.kick();
    return { batchId, total: ids.length };
  }

  async get(id: number): Promise<BatchView> {
    const b = await this.store.batches.getBatch(id);
    if (!b) throw new FerryError('not_found', `batch ${id} does not exist`);
    return view(b);
  }

  /** Works through unfinished batches in the background (idempotent; one loop per process). */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
      });
  }

  /** Stops after the chunk in hand; unfinished batches resume on the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    for (
      let ids = await this.store.batches.runningBatches();
      ids.length && !this.stopped;
      ids = await this.store.batches.runningBatches()
    )
      for (const id of ids) {
        while (!this.stopped && (await this.chunk(id))) await new Promise((r) => setImmediate(r));
      }
  }

  /** Runs the next chunk of one batch; false when it is finished. */
  private async chunk(batchId: number): Promise<boolean> {
    const b = await this.store.batches.getBatch(batchId);
    if (!b || b.status !== 'running') return false;
    const slice = b.ids.slice(b.position, b.position + BULK_CHUNK);
    const now = this.clock.now();
    await this.store
      .transaction(async (tx) => {
        // A replay's last exception goes through the port's replay, which wakes this process's
        // workers for the lanes the chunk's jobs wait in; the rest go in a few set statements.
        const viaPort = b.action === 'replay' ? slice.slice(-1) : [];
        const acted = [
          ...(await tx.batches.actOnExceptions(slice.slice(0, slice.length - viaPort.length), {
            action: b.action as BulkAction,
            actor: b.actor,
            reason: b.reason,
            now,
          })),
          ...(await tx.exceptions.replayExceptions(viaPort, { actor: b.actor, now })),
        ];
        const failures = await whyNot(tx, slice, new Set(acted));
        await tx.batches.appendAuditEntries(
          acted.map((id) => ({
            at: now,
            actor: b.actor,
            action: b.action === 'replay' ? 'exception.replay' : 'exception.skip',
            targetKind: 'exception',
            targetId: String(id),
            before: { status: 'open' },
            after: { status: b.action === 'replay' ? 'replayed' : 'skipped', reason: b.reason, batch: b.id },
          })),
        );
        const moved = await tx.batches.advanceBatch({
          id: b.id,
          from: b.position,
          to: b.position + slice.length,
          done: acted.length,
          failures,
          keptFailures: b.failures,
          total: b.total,
          now,
        });
        // Another process took this chunk first: undo ours.
        if (!moved) throw new FerryError('conflict', `batch ${b.id} moved on`);
      })
      .catch((e: unknown) => {
        if ((e as FerryError).code !== 'conflict') throw e;
      });
    return b.position + slice.length < b.total;
  }
}

/** Why each id of a chunk that was not acted on was left: gone, or no longer open. */
async function whyNot(
  tx: StoreSession,
  slice: readonly number[],
  acted: ReadonlySet<number>,
): Promise<{ id: number; reason: string }[]> {
  const rest = slice.filter((id) => !acted.has(id));
  if (rest.length === 0) return [];
  const found = new Map(
    (await tx.exceptions.listExceptions({ ids: rest, limit: rest.length })).map((e) => [e.id, e.status]),
  );
  return rest.map((id) => {
    const status = found.get(id);
    return {
      id,
      reason:
        status === undefined
          ? 'does not exist'
          : status === 'open'
            ? 'changed while the batch ran'
            : `is ${status}, not open`,
    };
  });
}

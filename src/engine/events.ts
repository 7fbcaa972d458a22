/**
 * The engine's typed events. Logging, metrics and tracing subscribe; the engine imports none of them.
 */
import type { FerryError } from '../core/errors.js';
import type { JobRecord } from '../store/index.js';

export interface EngineEvents {
  leased: { lane: string; jobs: JobRecord[] };
  completed: { job: JobRecord; durationMs: number; latencyMs: number };
  failed: { job: JobRecord; error: FerryError };
  retried: { job: JobRecord; error: FerryError; runAt: number };
  deferred: { job: JobRecord; error: FerryError; runAt: number };
  excepted: { job: JobRecord; error: FerryError; exceptionId: number };
  leaseLost: { job: JobRecord };
  /** The worker stopped a running job whose lease it could no longer prove it holds. */
  leaseAbandoned: { job: JobRecord; reason: string };
  duplicate: { source: string; kind: string; inboxId: number; dedupeKey: string };
  received: { source: string; kind: string; inboxId: number };
  rejected: { source: string; kind: string; inboxId: number; reason: string };
  recovered: { requeued: number; excepted: number };
  workerError: { error: unknown; where: string };
}

export type EventName = keyof EngineEvents;
type Listener<K extends EventName> = (e: EngineEvents[K]) => void;

/** A minimal typed emitter; a throwing listener never breaks the engine. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<K extends EventName>(name: K, fn: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as Listener<EventName>);
    return () => set.delete(fn as Listener<EventName>);
  }

  emit<K extends EventName>(name: K, e: EngineEvents[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const fn of set) {
      try {
        fn(e);
      } catch {
        // Observers must not change the outcome of a job.
      }
    }
  }
}

import type { JobRecord } from '../store/index.js';

/**
 * Hooks around job execution for observers that need more than events: tracing has to make the
 * job's span the active one while the handler runs (so partner calls made inside become its
 * children) and to hand the job's context to the jobs it enqueues. The engine calls these and
 * knows nothing of what they do (STYLE rule 14); like temporal's activity interceptors.
 */
export interface JobInterceptor {
  /** Wraps one handler invocation (one job, or one batch); must call `next` once and return its promise. */
  run?(jobs: readonly JobRecord[], next: () => Promise<void>): Promise<void>;
  /**
   * Trace context for a job that `parent`'s handler enqueues. `named` is the context the handler
   * gave the job (to continue another trace: a shipment joins its order's), undefined when it gave
   * none. Without an interceptor the child carries `named`, else the parent's stored context, so
   * one trace still spans the hops.
   */
  childTrace?(parent: JobRecord, named?: string): string | null | undefined;
}

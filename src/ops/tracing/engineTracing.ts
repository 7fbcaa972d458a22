import type { EventBus } from '../../engine/index.js';
import type { Span, Tracer } from './tracer.js';

/** Spans of the jobs running in this process, by job id. */
export interface JobSpans {
  /** The running job's span as a traceparent, for its partner calls' spans; falls back to the job's own. */
  parentFor(job: { id: number; trace: string | null }): string | null;
  stop(): void;
}

/**
 * One span per job attempt, child of the traceparent stored on the job (set at intake), so a
 * trace follows an order from its webhook through every queue hop. Subscribes to engine events:
 * the engine knows nothing of tracing.
 */
export function traceEngineEvents(events: EventBus, tracer: Tracer): JobSpans {
  const spans = new Map<number, Span>();
  const end = (id: number, error?: unknown): void => {
    spans.get(id)?.end(error);
    spans.delete(id);
  };
  const offs = [
    events.on('leased', (e) => {
      for (const job of e.jobs)
        spans.set(
          job.id,
          tracer.startSpan(`job ${job.task}`, {
            parent: job.trace,
            attributes: { 'ferry.job.id': job.id, 'ferry.lane': job.lane, 'ferry.attempt': job.attempts },
          }),
        );
    }),
    events.on('completed', (e) => end(e.job.id)),
    events.on('retried', (e) => end(e.job.id, e.error)),
    events.on('deferred', (e) => end(e.job.id, e.error)),
    events.on('excepted', (e) => end(e.job.id, e.error)),
    events.on('leaseLost', (e) => end(e.job.id, new Error('lease lost'))),
  ];
  return {
    parentFor: (job) => spans.get(job.id)?.traceparent ?? job.trace,
    stop: () => {
      for (const off of offs) off();
      for (const id of [...spans.keys()]) end(id, new Error('tracing stopped'));
    },
  };
}

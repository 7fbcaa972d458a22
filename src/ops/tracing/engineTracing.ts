import type { EventBus, JobInterceptor } from '../../engine/index.js';
import type { JobRecord } from '../../store/index.js';
import { formatJobTrace, parseJobTrace, parseTraceparent } from './traceparent.js';
import type { Span, Tracer } from './tracer.js';

/** Spans of the jobs running in this process, and the interceptor that makes them active. */
export interface JobSpans {
  /** For the worker: runs handlers inside their job's span and passes that span on to enqueued jobs. */
  readonly interceptor: JobInterceptor;
  /** The running job's span as a traceparent; falls back to the job's stored one. */
  parentFor(job: { id: number; trace: string | null }): string | null;
  stop(): void;
}

/**
 * One span per job attempt, child of the traceparent stored on the job (set at intake), so a trace
 * follows an order from its webhook through every queue hop. Subscribes to engine events and
 * plugs in as the worker's interceptor: the engine knows nothing of tracing.
 */
export function traceEngineEvents(events: EventBus, tracer: Tracer): JobSpans {
  const spans = new Map<number, Span>();
  const end = (id: number, error?: unknown): void => {
    spans.get(id)?.end(error);
    spans.delete(id);
  };
  const offs = [
    events.on('leased', (e) => {
      for (const job of e.jobs) {
        const stored = parseJobTrace(job.trace);
        spans.set(
          job.id,
          tracer.startSpan(`job ${job.task}`, {
            parent: stored.parent,
            links: stored.links,
            role: 'consumer',
            attributes: {
              'ferry.job.id': job.id,
              'ferry.lane': job.lane,
              'ferry.attempt': job.attempts,
              ...(job.orderingKey ? { 'ferry.ordering_key': job.orderingKey } : {}),
            },
          }),
        );
      }
    }),
    events.on('completed', (e) => end(e.job.id)),
    events.on('retried', (e) => end(e.job.id, e.error)),
    events.on('deferred', (e) => end(e.job.id, e.error)),
    events.on('excepted', (e) => end(e.job.id, e.error)),
    events.on('leaseLost', (e) => end(e.job.id, new Error('lease lost'))),
  ];
  const parentFor = (job: { id: number; trace: string | null }): string | null =>
    spans.get(job.id)?.traceparent ?? parseJobTrace(job.trace).parent;
  const interceptor: JobInterceptor = {
    run: (jobs, next) => runInSpan(tracer, spans, jobs, next),
    childTrace: (parent, named) => joinedTrace(parentFor(parent), named),
  };
  return {
    interceptor,
    parentFor,
    stop: () => {
      for (const off of offs) off();
      for (const id of [...spans.keys()]) end(id, new Error('tracing stopped'));
    },
  };
}

/**
 * One job: its span is active while the handler runs. A batch (many orders in one Odoo call): a
 * batch span, child of the first job's span and linked to the others', is active, so the one
 * partner call it makes appears once, in the first order's trace, and the other traces link to it.
 */
async function runInSpan(
  tracer: Tracer,
  spans: ReadonlyMap<number, Span>,
  jobs: readonly JobRecord[],
  next: () => Promise<void>,
): Promise<void> {
  const first = spans.get(jobs[0]!.id);
  if (!first) return next();
  if (jobs.length === 1) return tracer.withSpan(first, next);
  const others = jobs.slice(1).flatMap((j) => {
    const s = spans.get(j.id);
    return s ? [s.traceparent] : [];
  });
  const batch = tracer.startSpan(`batch ${jobs[0]!.task}`, {
    parent: first.traceparent,
    links: others,
    attributes: { 'ferry.batch.size': jobs.length },
  });
  try {
    await tracer.withSpan(batch, next);
    batch.end();
  } catch (e) {
    batch.end(e);
    throw e;
  }
}

/**
 * The stored context of a job enqueued by a running one: its span's child, or, when the handler
 * named another trace to continue (a shipment joining its order's), a child there with a link back
 * to the enqueuing span. A context naming the enqueuer's own trace is a plain child of it.
 */
function joinedTrace(running: string | null, named: string | undefined): string | null {
  if (named === undefined) return running;
  const join = parseJobTrace(named);
  if (join.parent === null) return running;
  const sameTrace =
    running !== null && parseTraceparent(running)?.traceId === parseTraceparent(join.parent)?.traceId;
  const links = running === null || sameTrace ? join.links : [...join.links, running];
  return formatJobTrace({ parent: join.parent, links });
}

import type { Logger } from 'pino';
import type { JobRecord } from '../../store/index.js';
import { parseTraceparent } from '../tracing/index.js';

/** The ids that tie a log line to an order, a job, a raw message and a trace. */
export interface Correlation {
  jobId?: number;
  lane?: string;
  task?: string;
  /** Ferry's order reference, e.g. `eu-1001`. */
  orderRef?: string;
  inboxId?: number;
  traceId?: string;
}

/**
 * Correlation ids of a job: flows key an order's jobs `order:<ref>` and name the raw message they
 * process `inboxId` in the payload; the trace id comes from the job's stored traceparent.
 */
export function correlationOf(job: JobRecord): Correlation {
  const c: Correlation = { jobId: job.id, lane: job.lane, task: job.task };
  if (job.orderingKey?.startsWith('order:')) c.orderRef = job.orderingKey.slice('order:'.length);
  const p = job.payload as { ref?: unknown; inboxId?: unknown } | null;
  if (!c.orderRef && typeof p?.ref === 'string') c.orderRef = p.ref;
  if (typeof p?.inboxId === 'number') c.inboxId = p.inboxId;
  const tp = job.trace ? parseTraceparent(job.trace) : null;
  if (tp) c.traceId = tp.traceId;
  return c;
}

/** A child logger whose every line carries these ids. */
export function withCorrelation(log: Logger, c: Correlation): Logger {
  return log.child(c);
}

import type { EventBus } from '../../engine/index.js';
import type { Logger } from './logger.js';
import { correlationOf } from './correlation.js';

/** Logs the engine's events with correlation ids (job id, lane, task, order reference, inbox id, trace id). */
export function logEngineEvents(events: EventBus, log: Logger): () => void {
  const offs = [
    events.on('retried', (e) =>
      log.warn(
        {
          ...correlationOf(e.job),
          code: e.error.code,
          attempt: e.job.attempts,
          runAt: new Date(e.runAt).toISOString(),
        },
        `retrying: ${e.error.message}`,
      ),
    ),
    events.on('deferred', (e) =>
      log.info({ ...correlationOf(e.job), code: e.error.code }, `deferred: ${e.error.message}`),
    ),
    events.on('excepted', (e) =>
      log.error(
        {
          ...correlationOf(e.job),
          code: e.error.code,
          exceptionId: e.exceptionId,
          impact: e.error.impact,
        },
        `exception: ${e.error.message}`,
      ),
    ),
    events.on('leaseLost', (e) =>
      log.warn(correlationOf(e.job), 'lease lost before completion; another worker owns the job'),
    ),
    events.on('leaseAbandoned', (e) =>
      log.warn(correlationOf(e.job), `job stopped: ${e.reason}; it runs again under a new lease`),
    ),
    events.on('duplicate', (e) =>
      log.info({ inboxId: e.inboxId, source: e.source, kind: e.kind }, 'duplicate message ignored'),
    ),
    events.on('rejected', (e) =>
      log.warn({ inboxId: e.inboxId, source: e.source, kind: e.kind }, `message rejected: ${e.reason}`),
    ),
    events.on('recovered', (e) => log.warn(e, 'expired leases recovered')),
    events.on('workerError', (e) =>
      log.error(
        {
          where: e.where,
          err: e.error instanceof Error ? { message: e.error.message, name: e.error.name } : String(e.error),
        },
        'worker error',
      ),
    ),
  ];
  return () => offs.forEach((off) => off());
}

/** The engine: durable jobs in lanes, retries, exception queue, inbox, scheduler, partner guards. */
export { EventBus } from './events.js';
export type { EngineEvents, EventName } from './events.js';
export { backoffDelayMs, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { LaneRegistry, compileLane } from './lanes.js';
export type { LaneOptions, LaneInput } from './lanes.js';
export { Queue } from './queue.js';
export { Worker } from './worker.js';
export type { WorkerOptions } from './worker.js';
export type { JobInterceptor } from './interceptor.js';
export { defineTask } from './tasks.js';
export type { JobContext, TaskDefinition, AnyTask } from './tasks.js';
export { ExceptionService, applyEditReplay } from './exceptions.js';
export { InboxService } from './inbox.js';
export type { InboxOutcome } from './inbox.js';
export { Scheduler, cronEvery, nextCronRun } from './scheduler.js';
export type { ScheduleDefinition } from './scheduler.js';
export { PartnerGuard } from './guard/partnerGuard.js';
export type {
  PartnerGuardOptions,
  BreakerState,
  PartnerHealth,
  PartnerStatus,
} from './guard/partnerGuard.js';
export { TokenBucket } from './guard/tokenBucket.js';

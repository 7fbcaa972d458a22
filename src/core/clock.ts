import { randomUUID } from 'node:crypto';

/** Time source, injected so that leases, backoff and schedules are testable with fake timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Id source, injected for the same reason. */
export interface IdGenerator {
  next(): string;
}

export const uuidIds: IdGenerator = { next: () => randomUUID() };

/** UTC ISO-8601 for a millisecond timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

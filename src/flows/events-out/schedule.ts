/**
 * When a failed webhook delivery is tried again, in ms after the failed attempt: the schedule
 * Standard Webhooks recommends (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), about 28 hours
 * in all, so an endpoint down for a night still gets every event without anyone replaying.
 */
export const WEBHOOK_RETRY_MS: readonly number[] = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/**
 * JetStream retries are short (about 40 minutes in all): the broker is ours and local. The stream's
 * duplicate window (default 2 h) must outlast them, so that a publish retried after a crash is
 * dropped by the server instead of stored twice.
 */
export const NATS_RETRY_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 300_000, 600_000, 1_200_000];

/** The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
export function retryDelayMs(schedule: readonly number[], attempt: number): number {
  return schedule[Math.min(attempt - 1, schedule.length - 1)] ?? 0;
}

/** Attempts a delivery gets: the first and one per step of its schedule. */
export function attemptsFor(schedule: readonly number[]): number {
  return schedule.length + 1;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^(attempt−1))],
 * never shorter than a partner's Retry-After. Full jitter spreads retries of many jobs that failed
 * together (one partner outage) instead of bringing them back in a wave.
 */
export interface BackoffOptions {
  /** First attempt's ceiling. Default 1000 ms. */
  baseMs: number;
  /** Largest delay drawn. Default 600000 ms (10 min). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 600_000 };

export function backoffDelayMs(
  attempt: number,
  opts: BackoffOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const drawn = Math.floor(random() * ceiling);
  return Math.max(drawn, retryAfterMs ?? 0);
}

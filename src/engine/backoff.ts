/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^(attempt−1))),
 * never shorter than a partner's Retry-After. Full jitter spreads retries of many jobs that failed
 * together (one partner outage) instead of bringing them back in a wave. The draw is cockatiel's
 * `fullJitterGenerator`, the one its `ExponentialBackoff` uses: the queue keeps the attempt count
 * durably, so the generator is asked for that attempt directly rather than stepped through in memory.
 */
import { fullJitterGenerator, type IExponentialBackoffOptions } from 'cockatiel';

export interface BackoffOptions {
  /** First attempt's ceiling. Default 1000 ms. */
  baseMs: number;
  /** Largest delay drawn. Default 600000 ms (10 min). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 600_000 };

/**
 * The delay before retrying after failed attempt `attempt` (1 = the first), in ms.
 * @param retryAfterMs a partner's Retry-After: the delay is never shorter, even beyond the cap.
 */
export function backoffDelayMs(
  attempt: number,
  opts: BackoffOptions,
  retryAfterMs: number | undefined,
): number {
  const generatorOptions: IExponentialBackoffOptions<number> = {
    generator: fullJitterGenerator,
    initialDelay: opts.baseMs,
    maxDelay: opts.capMs,
    exponent: 2,
  };
  // The generator's state is the number of delays drawn before this one.
  const [drawn] = fullJitterGenerator(Math.max(0, attempt - 1), generatorOptions);
  return Math.max(drawn, retryAfterMs ?? 0);
}

import type { Clock } from '../../core/clock.js';
import type { Store } from '../port.js';

/** Whether a lane is paused right now (one query). */
export async function isLanePaused(store: Pick<Store, 'settings'>, lane: string): Promise<boolean> {
  return (await store.settings.pausedLanes()).has(lane);
}

/**
 * A pause check for the worker's lease loop: reads the lanes table at most once per `ttlMs`
 * (default 1000 ms) for all lanes together, so a loop that asks before every lease costs no extra
 * query per lease. A pause takes effect within ttlMs in every process sharing the store. A failed
 * read keeps the last known answer: a store hiccup must not pause or unpause anything.
 */
export function createLanePauseCheck(
  store: Pick<Store, 'settings'>,
  opts: { clock: Clock; ttlMs?: number },
): (lane: string) => Promise<boolean> {
  const ttlMs = opts.ttlMs ?? 1000;
  let paused = new Set<string>();
  let readAt = -Infinity;
  let inFlight: Promise<void> | undefined;
  const refresh = async (): Promise<void> => {
    try {
      paused = await store.settings.pausedLanes();
      readAt = opts.clock.now();
    } catch {
      // keep the last known set
    } finally {
      inFlight = undefined;
    }
  };
  return async (lane) => {
    if (opts.clock.now() - readAt >= ttlMs) await (inFlight ??= refresh());
    return paused.has(lane);
  };
}

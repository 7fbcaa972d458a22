import type { Clock } from '../../core/clock.js';
import type { Store } from '../port.js';
import type { ShadowSetting } from './listShadowSettings.js';

/**
 * Whether shadow mode applies to a flow and channel according to the operators' settings: the
 * channel's own setting, else the flow's `*` setting; undefined when neither exists.
 */
export function shadowSetting(
  settings: readonly ShadowSetting[],
  flow: string,
  channel: string,
): boolean | undefined {
  const own = settings.find((s) => s.flow === flow && s.channel === channel);
  if (own) return own.enabled;
  return settings.find((s) => s.flow === flow && s.channel === '*')?.enabled;
}

/** Asks whether a flow runs in shadow mode for a channel: process everything, write nothing to partners. */
export type ShadowCheck = (flow: string, channel: string) => Promise<boolean>;

/**
 * The flows' shadow check. An operator's setting (admin API, audited) decides; without one, the
 * configuration's default (`flows.<flow>.shadow`, `channels[].shadow`). Settings are read at most
 * once per `ttlMs` (default 1000 ms) for all flows together, so a batch of orders costs one query,
 * and a change takes effect within ttlMs in every process. A failed read keeps the last known
 * settings: a store hiccup must not switch a channel from shadow to live.
 */
export function createShadowCheck(
  store: Pick<Store, 'settings'>,
  opts: { clock: Clock; ttlMs?: number; configured?: (flow: string, channel: string) => boolean },
): ShadowCheck {
  const ttlMs = opts.ttlMs ?? 1000;
  let settings: ShadowSetting[] = [];
  let readAt = -Infinity;
  let inFlight: Promise<void> | undefined;
  const refresh = async (): Promise<void> => {
    try {
      settings = await store.settings.listShadowSettings();
      readAt = opts.clock.now();
    } catch {
      // keep the last known settings
    } finally {
      inFlight = undefined;
    }
  };
  return async (flow, channel) => {
    if (opts.clock.now() - readAt >= ttlMs) await (inFlight ??= refresh());
    return shadowSetting(settings, flow, channel) ?? opts.configured?.(flow, channel) ?? false;
  };
}

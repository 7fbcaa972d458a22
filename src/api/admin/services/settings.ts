import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { LaneStats, Store } from '../../../store/index.js';
import { shadowSetting, type ShadowSetting } from '../../../store/admin/index.js';
import { withAudit } from '../../../ops/audit/index.js';

export interface LaneView extends LaneStats {
  paused: boolean;
}

/**
 * The flows that consult shadow mode (order-intake's accept and cancel, fulfilment's release,
 * shipment's apply, inventory-publish): a setting for any other name would never be read.
 */
export const SHADOW_FLOWS = ['order-intake', 'fulfilment', 'shipment', 'inventory-publish'] as const;

/** Lane pause/resume and shadow mode: operational switches, each audited with before and after. */
export class SettingsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Configured lane names; pausing another name is refused. */
    private readonly laneNames: readonly string[],
    /** Configured channel ids; shadow mode for another channel is refused. Default: any id. */
    private readonly channelIds?: readonly string[],
  ) {}

  /** Every configured lane (and any lane with jobs) with depth, oldest age, throughput and pause. */
  async lanes(): Promise<LaneView[]> {
    const now = this.clock.now();
    const [stats, paused] = await Promise.all([
      this.store.jobs.jobStats(now),
      this.store.settings.pausedLanes(),
    ]);
    const byLane = new Map(stats.map((s) => [s.lane, s]));
    const names = [...new Set([...this.laneNames, ...byLane.keys()])].sort();
    return names.map((lane) => ({
      ...(byLane.get(lane) ?? {
        lane,
        ready: 0,
        due: 0,
        running: 0,
        excepted: 0,
        completedLastHour: 0,
        oldestDueAgeMs: 0,
      }),
      paused: paused.has(lane),
    }));
  }

  /** Pauses or resumes a lane; returns whether anything changed. */
  async setPaused(lane: string, paused: boolean, actor: string): Promise<boolean> {
    if (!this.laneNames.includes(lane))
      throw new FerryError(
        'not_found',
        `unknown lane "${lane}"; configured lanes: ${this.laneNames.join(', ')}`,
      );
    const now = this.clock.now();
    const changed = await withAudit(
      this.store,
      { actor, action: paused ? 'lane.pause' : 'lane.resume', targetKind: 'lane', targetId: lane },
      now,
      async (tx) => {
        const was = await tx.settings.setLanePaused(lane, paused, now);
        return was === paused ? null : { before: { paused: was }, after: { paused }, result: true };
      },
    );
    return changed === true;
  }

  shadow(): Promise<ShadowSetting[]> {
    return this.store.settings.listShadowSettings();
  }

  /** Sets shadow mode for a flow and channel (`*`: every channel of the flow). */
  async setShadow(flow: string, channel: string, enabled: boolean, actor: string): Promise<void> {
    if (!(SHADOW_FLOWS as readonly string[]).includes(flow))
      throw new FerryError('not_found', `unknown flow "${flow}"; flows: ${SHADOW_FLOWS.join(', ')}`);
    if (channel !== '*' && !(this.channelIds ?? [channel]).includes(channel))
      throw new FerryError(
        'not_found',
        `unknown channel "${channel}"; channels: ${[...(this.channelIds ?? []), '*'].join(', ')}`,
      );
    const now = this.clock.now();
    await withAudit(
      this.store,
      { actor, action: 'shadow.set', targetKind: 'shadow', targetId: `${flow}/${channel}` },
      now,
      async (tx) => {
        const was = await tx.settings.setShadowSetting({ flow, channel, enabled, actor, now });
        return was === enabled ? null : { before: { enabled: was }, after: { enabled }, result: true };
      },
    );
  }
}

/**
 * Whether shadow mode applies to a flow and channel: the channel's own setting, else the flow's
 * `*` setting, else off. The flows ask through createShadowCheck, which adds the config defaults.
 */
export function shadowApplies(settings: ShadowSetting[], flow: string, channel: string): boolean {
  return shadowSetting(settings, flow, channel) ?? false;
}

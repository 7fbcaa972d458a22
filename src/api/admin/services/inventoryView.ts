/**
 * A SKU's availability per channel, as `ferry inventory explain` gives it, for the console: what
 * each channel was last told and why (the inputs recorded with the value), what Ferry would
 * publish now where this process holds the inventory state, and whether publishing it is failing.
 */
import type { AtpExplanation } from '../../../core/inventory/index.js';
import { FerryError } from '../../../core/errors.js';
import { describeExplanation, explainPublished } from '../../../flows/inventory-publish/index.js';
import type { Store } from '../../../store/index.js';
import type { Figure } from './overview.js';

/** Where the inventory flow runs: its channels, and the live state when this process owns it. */
export interface InventorySource {
  /** Channels inventory is published to. */
  channels: readonly string[];
  /**
   * Available-to-promise now, with its inputs; undefined when this process does not hold the
   * inventory state (another process owns it) or the SKU is unknown to it.
   */
  explain?: (sku: string, channel: string) => AtpExplanation | undefined;
}

export interface ChannelAvailability {
  channel: string;
  /** What the channel shows as far as Ferry knows: the last value it confirmed; null if never told. */
  shown: number | null;
  /** Computed now in this process; null where the state lives in another process. */
  now: { value: number; decidedBy: string; lines: string[] } | null;
  lastPublication: {
    at: number;
    value: number;
    was: number | null;
    ruleVersion: string;
    key: string;
    /** Recorded only once the channel applied it. */
    result: 'applied';
    lines: string[];
  } | null;
  /** Earlier publications, newest first. */
  history: { at: number; value: number; was: number | null; ruleVersion: string }[];
  /** Open inventory exceptions naming this SKU: a publication that keeps failing. */
  failing: Figure;
}

export interface InventoryAnswer {
  sku: string;
  channels: ChannelAvailability[];
}

export class InventoryView {
  constructor(
    private readonly store: Store,
    private readonly source: () => InventorySource | undefined,
  ) {}

  async sku(sku: string, history = 5): Promise<InventoryAnswer> {
    const src = this.source();
    if (!src || src.channels.length === 0)
      throw new FerryError('not_found', 'inventory publishing is not configured (inventory.channels)');
    const failing = await this.store.exceptionQueue.exceptionPage(
      { statuses: ['open'], lane: 'inventory', q: sku },
      { limit: 1 },
    );
    const failingFig: Figure = {
      value: failing.total,
      href: `/console/exceptions?status=open&lane=inventory&q=${encodeURIComponent(sku)}`,
    };
    const channels = await Promise.all(
      src.channels.map(async (channel): Promise<ChannelAvailability> => {
        const e = await explainPublished(this.store, sku, channel, history + 1);
        const live = src.explain?.(sku, channel);
        return {
          channel,
          shown: live?.published ?? e.latest?.value ?? null,
          now: live ? { value: live.value, decidedBy: live.decidedBy, lines: liveLines(live) } : null,
          lastPublication: e.latest
            ? {
                at: e.latest.publishedAt,
                value: e.latest.value,
                was: e.latest.changeFrom,
                ruleVersion: e.latest.ruleVersion,
                key: e.latest.idempotencyKey,
                result: 'applied',
                lines: describeExplanation(e.latest),
              }
            : null,
          history: e.history.map((p) => ({
            at: p.publishedAt,
            value: p.value,
            was: p.changeFrom,
            ruleVersion: p.ruleVersion,
          })),
          failing: failingFig,
        };
      }),
    );
    if (channels.every((c) => c.now === null && c.lastPublication === null))
      throw new FerryError(
        'not_found',
        `no channel was ever told a quantity for SKU ${sku}, and this process holds no stock for it`,
        { entities: { sku } },
      );
    return { sku, channels };
  }
}

/** The explanation's steps as `ferry inventory explain` words them, for the value computed now. */
function liveLines(x: AtpExplanation): string[] {
  const { published, ...inputs } = x;
  const [, ...steps] = describeExplanation({
    id: 0,
    channel: x.channel,
    sku: x.sku,
    value: x.value,
    changeFrom: published,
    ruleVersion: x.ruleVersion,
    inputs,
    idempotencyKey: '',
    publishedAt: 0,
  });
  return [
    `${x.channel} would be told ${x.value} for ${x.sku} now (rule version ${x.ruleVersion}; it shows ${published ?? 'unknown'})`,
    ...steps,
  ];
}

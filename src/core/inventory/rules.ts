/**
 * Channel allocation rules (issue 6): which locations feed a channel, the safety buffer and the
 * allocation rule (percentage, maximum, zero below a threshold), overridable per category and
 * per SKU, each channel's rule set carrying a version id that every explanation names.
 */
import { z } from 'zod';

/** One layer of an allocation rule; a field left out is inherited from the layer below. */
export const RuleFields = z.strictObject({
  /** Units held back from the pool before allocation (safety buffer). Default 0. */
  bufferUnits: z.number().int().nonnegative().optional(),
  /** Share of the buffered pool listed on the channel, percent 0–100 (≤ 2 decimals), floored. Default 100. */
  percent: z
    .number()
    .min(0)
    .max(100)
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'at most 2 decimals')
    .optional(),
  /** Most units ever listed on the channel. Default: no maximum. */
  maxUnits: z.number().int().nonnegative().optional(),
  /** The channel lists 0 while the buffered pool is below this many units. Default 0 (off). */
  zeroBelowUnits: z.number().int().nonnegative().optional(),
});
export type RuleFields = z.infer<typeof RuleFields>;

/** A channel's rule set. */
export const ChannelRules = z.strictObject({
  channel: z.string().min(1),
  /** Version id of this rule set, named in every explanation (DESIGN.md §7: rules are versioned). */
  version: z.string().min(1),
  /** Locations whose stock this channel may sell. */
  locations: z.array(z.string().min(1)).min(1),
  /** The channel's default rule. */
  rule: RuleFields.default({}),
  /** Overrides per product category (over the channel default). */
  categories: z.record(z.string(), RuleFields).default({}),
  /** Overrides per SKU (over the category and the channel default). */
  skus: z.record(z.string(), RuleFields).default({}),
  /**
   * An increase smaller than this many units is not published (decreases always are, so the
   * channel never shows more than can ship). Default 0: every change is published.
   */
  publishDeltaUnits: z.number().int().nonnegative().default(0),
});
export type ChannelRules = z.infer<typeof ChannelRules>;
export type ChannelRulesInput = z.input<typeof ChannelRules>;

/** A stock location and the one system that owns its positions (DESIGN.md §2). */
export const LocationOwner = z.strictObject({
  location: z.string().min(1),
  /** `odoo` or `wms:<id>`; compared with InventoryPosition.source. */
  owner: z.string().min(1),
});
export type LocationOwner = z.infer<typeof LocationOwner>;

/** Everything the inventory engine is configured with. */
export const InventoryConfig = z
  .strictObject({
    locations: z.array(LocationOwner).min(1),
    channels: z.array(ChannelRules).min(1),
  })
  .superRefine((cfg, ctx) => {
    const locs = new Set<string>();
    for (const l of cfg.locations) {
      if (locs.has(l.location)) ctx.addIssue({ code: 'custom', message: `duplicate location ${l.location}` });
      locs.add(l.location);
    }
    const chans = new Set<string>();
    for (const c of cfg.channels) {
      if (chans.has(c.channel)) ctx.addIssue({ code: 'custom', message: `duplicate channel ${c.channel}` });
      chans.add(c.channel);
      for (const l of c.locations) {
        if (!locs.has(l)) {
          ctx.addIssue({ code: 'custom', message: `channel ${c.channel} names unknown location ${l}` });
        }
      }
    }
  });
export type InventoryConfig = z.infer<typeof InventoryConfig>;
export type InventoryConfigInput = z.input<typeof InventoryConfig>;

/** A rule with every layer merged, in the form the hot loop uses. */
export interface CompiledRule {
  readonly bufferUnits: number;
  /** Percent × 100, so the share is integer arithmetic: as a float fraction, 0.24 % of 1250 floors to 2, not 3. */
  readonly basisPoints: number;
  /** `Infinity` when there is no maximum. */
  readonly maxUnits: number;
  readonly zeroBelowUnits: number;
  /** Which layers set this rule, lowest first: `channel`, `category:<c>`, `sku:<s>`. */
  readonly layers: readonly string[];
}

/** The rule with nothing configured: no buffer, 100 %, no maximum, no threshold. */
export const NEUTRAL_RULE: CompiledRule = {
  bufferUnits: 0,
  basisPoints: 10_000,
  maxUnits: Number.POSITIVE_INFINITY,
  zeroBelowUnits: 0,
  layers: [],
};

/** Lays `fields` over `base`; a field `fields` leaves out keeps the base's value. */
export function layerRule(base: CompiledRule, fields: RuleFields, layer: string): CompiledRule {
  return {
    bufferUnits: fields.bufferUnits ?? base.bufferUnits,
    basisPoints: fields.percent === undefined ? base.basisPoints : Math.round(fields.percent * 100),
    maxUnits: fields.maxUnits ?? base.maxUnits,
    zeroBelowUnits: fields.zeroBelowUnits ?? base.zeroBelowUnits,
    layers: [...base.layers, layer],
  };
}

/** Which step of the allocation decided a value; named in explanations. */
export const AllocationStep = {
  /** Pool minus buffer was ≤ 0. */
  empty: 'empty',
  /** Buffered pool below the rule's zero-below threshold. */
  belowThreshold: 'below-threshold',
  /** The percentage share (100 % by default) was the value. */
  share: 'share',
  /** The maximum capped the share. */
  max: 'max',
} as const;
export type AllocationStep = (typeof AllocationStep)[keyof typeof AllocationStep];

/**
 * Available-to-promise from a channel's pool (units): buffer, then threshold, then percentage
 * (floored), then maximum. Never negative, always an integer.
 */
export function allocate(pool: number, rule: CompiledRule): number {
  const buffered = pool - rule.bufferUnits;
  if (buffered <= 0 || buffered < rule.zeroBelowUnits) return 0;
  const share = Math.floor((buffered * rule.basisPoints) / 10_000);
  return share < rule.maxUnits ? share : rule.maxUnits;
}

/** The step of {@link allocate} that decided the value, for explanations. */
export function allocationStep(pool: number, rule: CompiledRule): AllocationStep {
  const buffered = pool - rule.bufferUnits;
  if (buffered <= 0) return AllocationStep.empty;
  if (buffered < rule.zeroBelowUnits) return AllocationStep.belowThreshold;
  const share = Math.floor((buffered * rule.basisPoints) / 10_000);
  return share > rule.maxUnits ? AllocationStep.max : AllocationStep.share;
}

/**
 * Explanation records: "why did the channel show 7?" answered from the same inputs and rule the
 * computation used (`ferry inventory explain SKU --channel C`, issue 6).
 */
import type { CompiledChannel } from './channels.js';
import { allocate, allocationStep, type AllocationStep } from './rules.js';
import type { StockState } from './state.js';

/** One location's contribution to a channel's pool. */
export interface LocationInput {
  readonly location: string;
  /** System that owns the location's positions. */
  readonly owner: string;
  readonly onHand: number;
  /** Reserved in the owning system. */
  readonly reserved: number;
  /** Accepted by Ferry for this location, not yet reserved by Odoo. */
  readonly inFlight: number;
  /** onHand − reserved − inFlight (may be negative). */
  readonly net: number;
  /** As-of of the position held (UTC ISO-8601), or `null` if none was received. */
  readonly asOf: string | null;
}

/** Everything that produced one available-to-promise value. */
export interface AtpExplanation {
  readonly sku: string;
  readonly channel: string;
  /** Version id of the channel's rule set. */
  readonly ruleVersion: string;
  readonly category: string | null;
  readonly locations: readonly LocationInput[];
  /** In-flight units with no location yet, subtracted from every channel's pool. */
  readonly inFlightUnlocated: number;
  /** Σ net over the channel's locations − unlocated in-flight, units. */
  readonly pool: number;
  readonly bufferUnits: number;
  /** pool − buffer, units. */
  readonly buffered: number;
  readonly rule: {
    readonly percent: number;
    readonly maxUnits: number | null;
    readonly zeroBelowUnits: number;
    /** Layers that set the rule, lowest first: `channel`, `category:<c>`, `sku:<s>`. */
    readonly layers: readonly string[];
  };
  /** Which step decided the value. */
  readonly decidedBy: AllocationStep;
  /** Available-to-promise now, units. */
  readonly value: number;
  /** Value last confirmed on the channel, or `null`. */
  readonly published: number | null;
}

/** Builds the explanation of SKU index `s` on `channel` from the current state. */
export function explainAtp(
  state: StockState,
  channel: CompiledChannel,
  s: number,
  published: number | null,
): AtpExplanation {
  const locations: LocationInput[] = [];
  for (const l of channel.locations) {
    const i = s * state.locationCount + l;
    const asOf = state.asOfMs[i]!;
    locations.push({
      location: state.locations.name(l),
      owner: state.owners[l]!,
      onHand: state.onHand[i]!,
      reserved: state.reserved[i]!,
      inFlight: state.inFlightAt[i]!,
      net: state.netAt(s, l),
      asOf: asOf === 0 ? null : new Date(asOf).toISOString(),
    });
  }
  const rule = channel.ruleFor(s);
  const pool = channel.pool(s);
  const cat = state.category[s]!;
  return {
    sku: state.skus.name(s),
    channel: channel.name,
    ruleVersion: channel.version,
    category: cat < 0 ? null : state.categories.name(cat),
    locations,
    inFlightUnlocated: state.inFlightAny[s]!,
    pool,
    bufferUnits: rule.bufferUnits,
    buffered: pool - rule.bufferUnits,
    rule: {
      percent: rule.basisPoints / 100,
      maxUnits: Number.isFinite(rule.maxUnits) ? rule.maxUnits : null,
      zeroBelowUnits: rule.zeroBelowUnits,
      layers: rule.layers,
    },
    decidedBy: allocationStep(pool, rule),
    value: allocate(pool, rule),
    published,
  };
}

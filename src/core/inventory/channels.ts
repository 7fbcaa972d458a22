/** A channel's rule set compiled against the state's location and SKU indices. */
import type { ChannelRules, CompiledRule } from './rules.js';
import { NEUTRAL_RULE, layerRule } from './rules.js';
import type { StockState } from './state.js';

/** Rule set of one channel, in the form the hot loop reads. */
export class CompiledChannel {
  readonly name: string;
  readonly version: string;
  readonly publishDeltaUnits: number;
  /** Location indices the channel sells from. */
  readonly locations: Int32Array;
  readonly base: CompiledRule;
  private readonly byCategory = new Map<string, CompiledRule>();
  private readonly bySku: Map<string, ChannelRules['skus'][string]>;
  /** Merged SKU rules, cached by SKU index; cleared when the SKU's category changes. */
  private readonly skuCache = new Map<number, CompiledRule>();

  constructor(
    rules: ChannelRules,
    private readonly state: StockState,
  ) {
    this.name = rules.channel;
    this.version = rules.version;
    this.publishDeltaUnits = rules.publishDeltaUnits;
    this.locations = Int32Array.from(rules.locations, (l) => {
      const i = state.locations.find(l);
      if (i < 0) throw new RangeError(`channel ${rules.channel}: unknown location ${l}`);
      return i;
    });
    this.base = layerRule(NEUTRAL_RULE, rules.rule, 'channel');
    for (const [cat, fields] of Object.entries(rules.categories)) {
      this.byCategory.set(cat, layerRule(this.base, fields, `category:${cat}`));
    }
    this.bySku = new Map(Object.entries(rules.skus));
  }

  /** The rule for a SKU: its SKU override over its category's over the channel default. */
  ruleFor(s: number): CompiledRule {
    if (this.bySku.size === 0 && this.byCategory.size === 0) return this.base;
    const cached = this.skuCache.get(s);
    if (cached) return cached;
    const c = this.state.category[s]!;
    const catRule = c < 0 ? undefined : this.byCategory.get(this.state.categories.name(c));
    let rule = catRule ?? this.base;
    if (this.bySku.size > 0) {
      const sku = this.state.skus.name(s);
      const fields = this.bySku.get(sku);
      if (fields) rule = layerRule(rule, fields, `sku:${sku}`);
    }
    // Caching only the overridden SKUs keeps the cache as small as the configuration.
    if (rule !== this.base) this.skuCache.set(s, rule);
    return rule;
  }

  /** Forgets a SKU's merged rule (its category changed). */
  invalidate(s: number): void {
    this.skuCache.delete(s);
  }

  /**
   * The channel's pool for a SKU, in units: Σ over its locations of (on hand − reserved −
   * in-flight there), minus in-flight units with no location yet. Those are subtracted from
   * every channel because Odoo may reserve them at any location: a channel with its own
   * warehouse under-lists for the seconds an order is in flight rather than risk overselling.
   */
  pool(s: number): number {
    const st = this.state;
    const base = s * st.locationCount;
    let sum = -st.inFlightAny[s]!;
    for (let k = 0; k < this.locations.length; k++) {
      const i = base + this.locations[k]!;
      sum += st.onHand[i]! - st.reserved[i]! - st.inFlightAt[i]!;
    }
    return sum;
  }
}

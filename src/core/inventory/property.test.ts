/**
 * Property tests against a deliberately naive reference model (objects and loops, no indices,
 * no caching, no dirty set): whatever the engine's typed arrays and incremental bookkeeping do,
 * its values must be the reference's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelRulesInput, RuleFields } from './rules.js';
import { LOCATIONS, engineWith, pos } from './test-helpers/fixtures.js';

const SKUS = ['A', 'B', 'C', 'D'];
const LOCS = LOCATIONS.map((l) => l.location);

const ruleArb: fc.Arbitrary<RuleFields> = fc.record(
  {
    bufferUnits: fc.integer({ min: 0, max: 4 }),
    percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0.24, 33.33, 99.99)),
    maxUnits: fc.integer({ min: 0, max: 25 }),
    zeroBelowUnits: fc.integer({ min: 0, max: 8 }),
  },
  { requiredKeys: [] },
);

const channelArb = (name: string, delta: fc.Arbitrary<number>): fc.Arbitrary<ChannelRulesInput> =>
  fc.record({
    channel: fc.constant(name),
    version: fc.constant(`${name}-v1`),
    locations: fc.subarray(LOCS, { minLength: 1 }),
    rule: ruleArb,
    categories: fc.record({ cat: ruleArb }, { requiredKeys: [] }),
    skus: fc.record({ B: ruleArb }, { requiredKeys: [] }),
    publishDeltaUnits: delta,
  });

type Op =
  | { op: 'pos'; sku: string; loc: string; onHand: number; reserved: number }
  | { op: 'hold'; id: number; sku: string; loc: string | undefined; qty: number }
  | { op: 'reserve'; id: number; ch: number; sku: string; loc: string | undefined; qty: number }
  | { op: 'release'; id: number }
  | { op: 'category'; sku: string; cat: string | null }
  | { op: 'publish' };

const skuArb = fc.constantFrom(...SKUS);
const locArb = fc.option(fc.constantFrom(...LOCS), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('pos' as const),
    sku: skuArb,
    loc: fc.constantFrom(...LOCS),
    onHand: fc.integer({ min: -3, max: 30 }),
    reserved: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    op: fc.constant('hold' as const),
    id: fc.nat(6),
    sku: skuArb,
    loc: locArb,
    qty: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    op: fc.constant('reserve' as const),
    id: fc.nat(6),
    ch: fc.nat(2),
    sku: skuArb,
    loc: locArb,
    qty: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ op: fc.constant('release' as const), id: fc.nat(6) }),
  fc.record({
    op: fc.constant('category' as const),
    sku: skuArb,
    cat: fc.constantFrom('cat', 'other', null),
  }),
  fc.record({ op: fc.constant('publish' as const) }),
);

/** The reference: positions and in-flight lines in plain maps, ATP from the formula. */
class Reference {
  stock = new Map<string, { onHand: number; reserved: number }>();
  held = new Map<string, { sku: string; loc: string | undefined; qty: number }[]>();
  category = new Map<string, string | null>();
  constructor(readonly channels: ChannelRulesInput[]) {}

  inFlight(sku: string, loc: string | undefined): number {
    let n = 0;
    for (const lines of this.held.values())
      for (const l of lines) if (l.sku === sku && l.loc === loc) n += l.qty;
    return n;
  }

  /** Σ over the channel's locations of (on hand − reserved − in-flight there) − unlocated in-flight. */
  pool(c: ChannelRulesInput, sku: string): number {
    let p = -this.inFlight(sku, undefined);
    for (const loc of c.locations) {
      const s = this.stock.get(`${sku}|${loc}`) ?? { onHand: 0, reserved: 0 };
      p += s.onHand - s.reserved - this.inFlight(sku, loc);
    }
    return p;
  }

  atp(c: ChannelRulesInput, sku: string): number {
    const cat = this.category.get(sku);
    const r = { ...c.rule, ...(cat ? c.categories?.[cat] : {}), ...c.skus?.[sku] };
    const buffered = this.pool(c, sku) - (r.bufferUnits ?? 0);
    if (buffered <= 0 || buffered < (r.zeroBelowUnits ?? 0)) return 0;
    const share = Math.floor((buffered * Math.round((r.percent ?? 100) * 100)) / 10_000);
    return Math.min(share, r.maxUnits ?? Infinity);
  }
}

function run(channels: ChannelRulesInput[], ops: Op[]) {
  const e = engineWith(channels);
  const ref = new Reference(channels);
  const publishedNeverAbove: [number, number][] = [];
  for (const o of ops) {
    switch (o.op) {
      case 'pos':
        e.applyPosition(pos(o.sku, o.loc, o.onHand, o.reserved));
        ref.stock.set(`${o.sku}|${o.loc}`, { onHand: o.onHand, reserved: o.reserved });
        break;
      case 'hold': {
        const line = { sku: o.sku, qty: o.qty, ...(o.loc ? { location: o.loc } : {}) };
        e.holdInFlight(`o${o.id}`, [line]);
        ref.held.set(`o${o.id}`, [
          ...(ref.held.get(`o${o.id}`) ?? []),
          { sku: o.sku, loc: o.loc, qty: o.qty },
        ]);
        break;
      }
      case 'reserve': {
        const id = `r${o.id}`;
        const ch = channels[o.ch % channels.length]!;
        const before = ref.atp(ch, o.sku);
        const line = { sku: o.sku, qty: o.qty, ...(o.loc ? { location: o.loc } : {}) };
        const r = e.tryReserve({ channel: ch.channel, orderId: id, lines: [line] });
        if (r.duplicate) break;
        const got = r.lines[0]!;
        expect(got.atpBefore).toBe(before);
        expect(got.inStock).toBeLessThanOrEqual(Math.min(before, o.qty));
        ref.held.set(id, [{ sku: o.sku, loc: o.loc, qty: got.inStock }]);
        break;
      }
      case 'release':
        for (const id of [`o${o.id}`, `r${o.id}`]) {
          e.releaseInFlight(id);
          ref.held.delete(id);
        }
        break;
      case 'category':
        e.setCategory(o.sku, o.cat);
        ref.category.set(o.sku, o.cat);
        break;
      case 'publish':
        e.confirm(e.recompute());
        for (const c of channels) {
          for (const sku of SKUS) {
            const v = e.publishedValue(c.channel, sku);
            if (v !== null) publishedNeverAbove.push([v, ref.atp(c, sku)]);
          }
        }
        break;
    }
  }
  return { e, ref, publishedNeverAbove };
}

const opsArb = fc.array(opArb, { maxLength: 60 });

describe('available-to-promise properties', () => {
  it('equals the reference, is never negative and never above the pool minus in-flight', () => {
    const chans = fc.tuple(channelArb('shop', fc.constant(0)), channelArb('amazon', fc.constant(0)));
    fc.assert(
      fc.property(chans, opsArb, (channels, ops) => {
        const { e, ref } = run(channels, ops);
        for (const c of channels) {
          for (const sku of SKUS) {
            const v = e.atp(c.channel, sku);
            expect(v).toBe(ref.atp(c, sku));
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(Math.max(0, ref.pool(c, sku)));
            if (e.skuCount > 0 && e.publishedValue(c.channel, sku) !== null) {
              expect(e.explain(sku, c.channel).value).toBe(v);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('incremental recompute then confirm leaves nothing for a full resync to correct', () => {
    const chans = fc.tuple(channelArb('shop', fc.constant(0)), channelArb('amazon', fc.constant(0)));
    fc.assert(
      fc.property(chans, opsArb, (channels, ops) => {
        const { e } = run(channels, [...ops, { op: 'publish' }]);
        expect([...e.fullResync()]).toEqual([]);
        for (const c of channels) {
          for (const sku of SKUS) {
            if (e.skuCount > 0 && e.publishedValue(c.channel, sku) !== null) {
              expect(e.publishedValue(c.channel, sku)).toBe(e.atp(c.channel, sku));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with a publish delta, a published value is never above what the channel can promise', () => {
    const delta = fc.integer({ min: 1, max: 6 });
    const chans = fc.tuple(channelArb('shop', delta), channelArb('amazon', delta));
    fc.assert(
      fc.property(chans, opsArb, (channels, ops) => {
        const { publishedNeverAbove } = run(channels, ops);
        for (const [published, atp] of publishedNeverAbove) expect(published).toBeLessThanOrEqual(atp);
      }),
      { numRuns: 300 },
    );
  });

  it('orders across channels sharing one pool never take more than the pool holds', () => {
    const order = fc.record({ ch: fc.nat(1), qty: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(order, { maxLength: 30 }), (units, orders) => {
        const e = engineWith([
          { channel: 'shop', version: 'v', locations: LOCS },
          { channel: 'amazon', version: 'v', locations: LOCS },
        ]);
        e.applyPosition(pos('A', 'WH-EAST', units));
        let accepted = 0;
        orders.forEach((o, i) => {
          const r = e.tryReserve({
            channel: o.ch ? 'amazon' : 'shop',
            orderId: `o${i}`,
            lines: [{ sku: 'A', qty: o.qty }],
          });
          accepted += r.lines[0]!.inStock;
        });
        expect(accepted).toBeLessThanOrEqual(units);
        expect(accepted).toBe(
          Math.min(
            units,
            orders.reduce((n, o) => n + o.qty, 0),
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});

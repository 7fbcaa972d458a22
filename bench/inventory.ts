/**
 * `npm run bench -- inventory`: available-to-promise for 200,000 SKUs × 10 locations × 4
 * channels (issue 6). fullMs times a cold start through the public API: every position applied
 * (ownership and staleness checked, as-of parsed) and a full resync of every channel, confirmed.
 * deltaMs times 1% of SKUs receiving a new position and the incremental recompute, confirmed.
 * Targets on 2 cores: full ≤ 5,000 ms, delta ≤ 100 ms, RSS ≤ 600 MB.
 */
import type { InventoryPosition } from '../src/core/model.js';
import { InventoryEngine } from '../src/core/inventory/index.js';
import type { InventoryConfigInput } from '../src/core/inventory/index.js';

const SKUS = Number(process.argv[2] ?? 200_000);
const LOCATIONS = 10;
const CHANNELS = 4;
const CHANGED = Math.floor(SKUS / 100);

const locations = Array.from({ length: LOCATIONS }, (_, l) => ({
  location: `WH${l}`,
  // Half the locations are a 3PL's, the rest Odoo's, so ownership is checked on both paths.
  owner: l % 2 === 0 ? 'odoo' : `wms:3pl${l}`,
}));

const config: InventoryConfigInput = {
  locations,
  channels: [
    {
      channel: 'shopify',
      version: 'r1',
      locations: locations.map((l) => l.location),
      rule: { bufferUnits: 2 },
    },
    { channel: 'amazon', version: 'r1', locations: ['WH0', 'WH1', 'WH2', 'WH3'], rule: { percent: 50 } },
    {
      channel: 'edi',
      version: 'r1',
      locations: ['WH4', 'WH5', 'WH6'],
      rule: { maxUnits: 40, zeroBelowUnits: 5 },
      categories: { bulk: { maxUnits: 500 } },
    },
    {
      channel: 'wholesale',
      version: 'r1',
      locations: ['WH7', 'WH8', 'WH9', 'WH0'],
      rule: { bufferUnits: 1, percent: 80 },
      publishDeltaUnits: 3,
    },
  ],
};

/** Deterministic pseudo-random integers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = rng(6);
const skuNames = Array.from({ length: SKUS }, (_, i) => `SKU-${String(i).padStart(7, '0')}`);

/** Positions for `skus` at every location, one array per call (a poll page's worth). */
function positions(skus: readonly number[], asOfMs: number): InventoryPosition[] {
  const out: InventoryPosition[] = [];
  for (const i of skus) {
    const asOf = new Date(asOfMs + i).toISOString();
    for (let l = 0; l < LOCATIONS; l++) {
      const onHand = Math.floor(rand() * 60);
      const loc = locations[l]!;
      out.push({
        sku: skuNames[i]!,
        location: loc.location,
        onHand,
        reserved: Math.floor(rand() * (onHand / 4)),
        available: onHand,
        asOf,
        source: loc.owner,
      });
    }
  }
  return out;
}

/**
 * Applies positions for `skus` in pages of 10,000 SKUs and returns the ms spent inside the engine:
 * building the position objects is the connector's work, not the computation measured here, and
 * building all 2,000,000 at once would inflate RSS with objects Ferry never holds.
 */
function applyTimed(skus: readonly number[], asOfMs: number): number {
  let ms = 0;
  for (let k = 0; k < skus.length; k += 10_000) {
    const page = positions(skus.slice(k, k + 10_000), asOfMs);
    const t = performance.now();
    const r = engine.applyPositions(page);
    ms += performance.now() - t;
    if (r.refused.length > 0) throw new Error(`refused: ${r.refused[0]!.error.message}`);
  }
  return ms;
}

const engine = new InventoryEngine(config);
const all = Array.from({ length: SKUS }, (_, i) => i);
const applyMs = applyTimed(all, Date.parse('2026-01-01T00:00:00Z'));
const t0 = performance.now();
const full = engine.fullResync();
engine.confirm(full);
const fullMs = applyMs + performance.now() - t0;
if (full.size === 0) throw new Error('cold start produced nothing to publish');

const changed = Array.from({ length: CHANGED }, () => Math.floor(rand() * SKUS));
const changeMs = applyTimed(changed, Date.parse('2026-01-02T00:00:00Z'));
const t1 = performance.now();
const delta = engine.recompute();
engine.confirm(delta);
const deltaMs = changeMs + performance.now() - t1;
if (delta.size === 0) throw new Error('1% change produced nothing to publish');

const rssMb = process.memoryUsage().rss / 2 ** 20;
console.log(
  JSON.stringify({
    bench: 'inventory',
    skus: SKUS,
    locations: LOCATIONS,
    channels: CHANNELS,
    fullMs: Math.round(fullMs),
    deltaMs: Math.round(deltaMs * 10) / 10,
    rssMb: Math.round(rssMb),
  }),
);

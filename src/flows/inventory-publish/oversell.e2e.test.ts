import { Command } from '@commander-js/extra-typings';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startFerry, type FerryApp } from '../../app/index.js';
import { registerInventoryCommands } from '../../cli/commands/inventory.js';
import { validateConfig } from '../../ops/config/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { startDistributor, type Distributor } from '../../sandbox/distributor.js';
import { generateOrder } from '../../sandbox/shopify/index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { INVENTORY_ITEM_MAPPING, InventoryTask } from './deps.js';
import { pollOdooStock } from './odooStock.js';
import type { InventoryRuntime } from './runtime.js';
import { SHOP_LOCATION, itemOf } from '../../test-helpers/inventoryRuntimeRig.js';

const SHOPS = ['shop-eu', 'shop-us'] as const;

/**
 * Two channels share 5 units; 8 single-unit orders arrive across both at once, while Odoo
 * (200 ms a call) is still confirming the first ones. shop-eu backorders what is short, shop-us rejects it.
 */
describeStores('oversell guard end to end', (fx) => {
  let dist: Distributor;
  let app: FerryApp;
  let rt: InventoryRuntime;
  let sku: string;
  const samples: Record<string, number[]> = { 'shop-eu': [], 'shop-us': [] };
  let sampler: NodeJS.Timeout | undefined;
  let stopped = false;

  beforeAll(async () => {
    dist = await startDistributor({
      products: 1,
      stockPerProduct: 5,
      stores: [...SHOPS],
      odooLatencyMs: 200,
    });
    sku = dist.catalogue[0]!.sku;
    const config = validateConfig({
      ...dist.config,
      channels: dist.config.channels!.map((c) => ({
        ...c,
        rules: { stock: c.id === 'shop-us' ? 'reject' : 'backorder', priceTolerancePct: null },
      })),
      http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 },
      inventory: {
        locations: ['WH/Stock'],
        channels: Object.fromEntries(
          SHOPS.map((s) => [s, { version: `${s}-r1`, shopifyLocationId: SHOP_LOCATION }]),
        ),
      },
    });
    app = await startFerry({
      db: fx().location,
      config,
      mode: 'serve',
      env: dist.env,
      logger: createLogger({ level: 'silent' }),
    });
    rt = app.inventory.runtime!;
    for (const s of SHOPS) {
      dist.shops.get(s)!.state.setInventory(itemOf(sku), SHOP_LOCATION, 0, 0, sku);
      await app.store.mappings.appendMapping({
        kind: INVENTORY_ITEM_MAPPING,
        scope: s,
        key: sku,
        value: itemOf(sku),
        actor: 'test',
        now: Date.now(),
      });
      dist.shops.get(s)!.setWebhookTarget({ url: `${app.url}/webhooks/shopify/${s}`, maxAttempts: 3 });
      // The SKU's Shopify item is mapped only now: a resync publishes it (startFerry already read Odoo).
      await app.queue.enqueue({ lane: 'inventory', task: InventoryTask.resync, payload: { channel: s } });
    }
    await waitFor(() => SHOPS.every((s) => shown(s) === 5), 'initial publish of 5', 10_000);
    sampler = setInterval(() => {
      for (const s of SHOPS) samples[s]!.push(shown(s) ?? -1);
    }, 5);
  });
  afterAll(async () => {
    clearInterval(sampler);
    if (!stopped) await app?.stop(2000);
    await dist?.stop();
  });

  const shown = (s: string) =>
    dist.shops.get(s)!.state.level(itemOf(sku), SHOP_LOCATION)?.quantities.available;

  async function outcome(ref: string): Promise<'in-stock' | 'backorder' | 'rejected' | 'pending'> {
    const row = await app.store.orders.getOrderByRef(ref);
    if (!row) return 'pending';
    const events = await app.store.orders.listOrderEvents(row.id);
    if (events.some((e) => e.type === 'rejected')) return 'rejected';
    const accepted = events.find((e) => e.type === 'accepted');
    if (!accepted) return 'pending';
    return (accepted.detail as { backorder?: unknown }).backorder ? 'backorder' : 'in-stock';
  }

  it('accepts at most 5 in stock, handles the rest by each channel rule, and never lists more than can ship', async () => {
    const refs: string[] = [];
    const sends = Array.from({ length: 8 }, (_, i) => {
      const shop = SHOPS[i % 2]!;
      const json = generateOrder({ quantity: 1, id: 930001 + i, catalogue: dist.catalogue, lines: 1 });
      refs.push(`${shop}-${json.id}`);
      const sim = dist.shops.get(shop)!;
      return sim.webhooks!.send(sim.createOrder(json));
    });
    await Promise.all(sends);
    let outcomes: string[] = [];
    await waitFor(
      async () => {
        outcomes = await Promise.all(refs.map(outcome));
        return outcomes.every((o) => o !== 'pending');
      },
      'every order decided',
      30_000,
    );
    const inStock = outcomes.filter((o) => o === 'in-stock').length;
    expect(inStock).toBe(5);
    outcomes.forEach((o, i) => {
      if (o !== 'in-stock') expect(o).toBe(SHOPS[i % 2] === 'shop-us' ? 'rejected' : 'backorder');
    });
    await waitFor(() => SHOPS.every((s) => shown(s) === 0), 'sold out on both channels', 10_000);
    // Availability only ever went down while the 5 units were being sold: never above what could ship.
    for (const s of SHOPS) {
      const seen = samples[s]!.filter((v) => v >= 0);
      expect(Math.max(...seen)).toBeLessThanOrEqual(5);
      seen.forEach((v, i) => i > 0 && expect(v).toBeLessThanOrEqual(seen[i - 1]!));
    }
    // Odoo's reservations arrive by the quant poll; the in-flight holds are then released.
    await new Promise((r) => setTimeout(r, 1100));
    await pollOdooStock(rt, app.flows.odoo!, (l) => rt.deps.odooLocations.has(l));
    expect(rt.state.heldOrders).toBe(0);
    expect(rt.state.engine.atp('shop-eu', sku)).toBe(0);
  });

  it('ferry inventory explain names the inputs and rule version behind the value shown', async () => {
    // The CLI is another process on the same store; SQLite's runtime lock is Ferry's until it stops.
    await app.stop(2000);
    stopped = true;
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    try {
      const program = new Command().exitOverride();
      registerInventoryCommands(program);
      await program.parseAsync(['inventory', 'explain', sku, '--channel', 'shop-eu', '--db', fx().location], {
        from: 'user',
      });
    } finally {
      log.mockRestore();
    }
    const text = out.join('\n');
    expect(text).toContain(`shop-eu was told 0 for ${sku}`);
    expect(text).toContain('rule version shop-eu-r1');
    // Sold out before Odoo's reservations were polled: the five units were held in flight by Ferry.
    expect(text).toContain('WH/Stock [odoo]: on hand 5 − reserved 0 − in flight 0 = 5');
    expect(text).toContain('in flight, location not yet known: −5');
    expect(text).toContain('pool 0 − buffer 0 = 0');
  });
});

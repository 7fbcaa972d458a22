import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import type { InventoryEngine } from '../../core/inventory/index.js';
import { pos } from '../../core/inventory/test-helpers/fixtures.js';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import { recordPublished, stockedEngine } from '../../test-helpers/healthFixtures.js';
import { describeExplanation, explainPublished } from '../../flows/inventory-publish/index.js';
import type { InventoryAnswer } from './services/inventoryView.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores("console inventory: a SKU's availability per channel, explained", (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;
  const clock = new ManualClock();
  let engine: InventoryEngine;
  /** Whether this process holds the inventory state (the owner), or another process does. */
  let owner = true;

  beforeAll(async () => {
    store = await fx().open({ clock });
    engine = stockedEngine('SKU-1');
    const { app: a, services } = await adminApp(store, clock, {
      inventory: () => ({
        channels: ['shop'],
        ...(owner
          ? {
              explain: (sku: string, channel: string) => {
                try {
                  return engine.explain(sku, channel);
                } catch {
                  return undefined;
                }
              },
            }
          : {}),
      }),
    });
    app = a;
    token = (await services.tokens.create({ name: 'vera', role: 'viewer' }, 'test')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('gives the last publication with the explanation `ferry inventory explain` prints, and the value now', async () => {
    const first = await recordPublished(store, engine, 'SKU-1', clock.now());
    clock.advance(60_000);
    engine.applyPosition(pos('SKU-1', 'WH-WEST', 9));
    const second = await recordPublished(store, engine, 'SKU-1', clock.now(), first);
    engine.applyPosition(pos('SKU-1', 'WH-EAST', 4));

    const r = await get('/api/inventory/SKU-1');
    expect(r.statusCode, r.body).toBe(200);
    const [shop] = r.json<InventoryAnswer>().channels;
    const cli = await explainPublished(store, 'SKU-1', 'shop');
    expect(shop!.lastPublication).toMatchObject({
      value: second,
      was: first,
      result: 'applied',
      at: clock.now(),
    });
    expect(shop!.lastPublication!.lines).toEqual(describeExplanation(cli.latest!));
    expect(shop!.history).toEqual([{ at: clock.now() - 60_000, value: first, was: null, ruleVersion: 'v1' }]);
    // East dropped to 4 since: the value now differs from what the channel shows, and says why.
    expect(shop!.shown).toBe(second);
    expect(shop!.now!.value).toBe(engine.atp('shop', 'SKU-1'));
    expect(shop!.now!.value).not.toBe(second);
    expect(shop!.now!.lines[0]).toBe(
      `shop would be told ${shop!.now!.value} for SKU-1 now (rule version v1; it shows ${second})`,
    );
    expect(shop!.now!.lines.join('\n')).toContain('WH-EAST [odoo]: on hand 4 − reserved 0 − in flight 0 = 4');
    expect(shop!.failing.value).toBe(0);
  });

  it('counts a publication that keeps failing, with the list of its exceptions', async () => {
    await parkException(store, clock.now(), {
      code: 'partner_validation',
      impact: 'oversell-risk',
      message: 'Shopify refused inventorySetQuantities for SKU-1: location not active',
      entities: { sku: 'SKU-1', channel: 'shop' },
    });
    // parkException parks on the orders lane; the inventory flow's own exceptions are on its lane.
    await storeDb(store)
      .updateTable('exceptions')
      .set({ lane: 'inventory' })
      .where('message', 'like', '%SKU-1%')
      .execute();
    const shop = (await get('/api/inventory/SKU-1')).json<InventoryAnswer>().channels[0]!;
    expect(shop.failing.value).toBe(1);
    const listed = await get(shop.failing.href.replace('/console/', '/api/'));
    expect(listed.json().total).toBe(1);
  });

  it('answers from the record alone where another process holds the stock', async () => {
    owner = false;
    try {
      const shop = (await get('/api/inventory/SKU-1')).json<InventoryAnswer>().channels[0]!;
      expect(shop.now).toBeNull();
      expect(shop.lastPublication).not.toBeNull();
    } finally {
      owner = true;
    }
  });

  it('says so for a SKU no channel was ever told about', async () => {
    const r = await get('/api/inventory/NOPE-9');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toBe(
      'no channel was ever told a quantity for SKU NOPE-9, and this process holds no stock for it',
    );
  });
});

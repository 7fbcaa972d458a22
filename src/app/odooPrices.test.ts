/** Price reads for the price rule go through the Odoo partner guard, like every other Odoo call. */
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { seedProduct } from '../sandbox/odoo/index.js';
import { rig } from '../test-helpers/odooFixtures.js';
import type { Rig } from '../test-helpers/odooFixtures.js';
import { guardOdoo } from './guards.js';
import { odooPriceSource } from '../flows/order-intake/index.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

it('reads list prices through the guard, in minor units, once per TTL', async () => {
  r = await rig(17);
  const seen: string[] = [];
  const { client } = guardOdoo(r.client, systemClock, 'odoo', (_p, op, fn) => {
    seen.push(op);
    return fn();
  });
  const source = odooPriceSource(client, systemClock);
  expect(await source.prices(['SKU-1', 'SKU-2', 'NOPE'], 'USD')).toEqual(
    new Map([
      ['SKU-1', 1250],
      ['SKU-2', 1250],
    ]),
  );
  await source.prices(['SKU-1'], 'USD');
  expect(seen).toEqual(['listPrices']);
});

it("compares each order in its company's currency: a company's list prices, none in another currency", async () => {
  let b = 0;
  r = await rig(
    17,
    (sim) => {
      const db = sim.core.db;
      const eur = db.where('res.currency', (c) => c.name === 'EUR')[0]!.id;
      b = sim.core.callSync('res.company', 'create', [], {
        vals_list: { name: 'Ferry EU BV', currency_id: eur },
      }) as number;
      const own = seedProduct(sim.core, { sku: 'SKU-1', name: 'Widget (EU BV)', price: 11.9 });
      db.update('product.product', own, { company_id: b });
      db.update('product.product', db.where('product.product', (p) => p.default_code === 'SKU-1')[0]!.id, {
        company_id: 1,
      });
      return { channelCompanies: { 'shop-eu': b } };
    },
    { recordRequests: true },
  );
  const seen: string[] = [];
  const { client } = guardOdoo(r.client, systemClock, 'odoo', (_p, op, fn) => {
    seen.push(op);
    return fn();
  });
  const companyOf = (o: { channel: string }) => (o.channel === 'shop-eu' ? b : 1);
  const source = odooPriceSource(client, systemClock, undefined, companyOf);
  expect(await source.prices(['SKU-1'], 'EUR', { channel: 'shop-eu' })).toEqual(new Map([['SKU-1', 1190]]));
  expect(await source.prices(['SKU-1'], 'USD', { channel: 'shop-us' })).toEqual(new Map([['SKU-1', 1250]]));
  // Not the company's currency: nothing to compare, in either company.
  expect(await source.prices(['SKU-1'], 'USD', { channel: 'shop-eu' })).toEqual(new Map());
  expect(await source.prices(['SKU-1'], 'EUR', { channel: 'shop-us' })).toEqual(new Map());
  // One currency read for the connection, whatever the orders.
  const reads = r.sim.requests.filter((q) => JSON.stringify(q.body).includes('res.company'));
  expect(reads).toHaveLength(1);
  expect(seen.every((op) => op === 'listPrices')).toBe(true);
});

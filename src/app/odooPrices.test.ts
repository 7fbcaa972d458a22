/** Price reads for the price rule go through the Odoo partner guard, like every other Odoo call. */
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
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

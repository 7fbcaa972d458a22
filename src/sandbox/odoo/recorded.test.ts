/**
 * Every request recorded against real Odoo 17, 18 and 19 (shared/odoo-observed calls-*.json: the
 * argument shapes a client may send; flow-*.json: a whole `ferry odoo verify --write` run) is sent
 * to the simulator, which must answer each as real Odoo did: same HTTP status, same exception and
 * message for refusals (create's records as a keyword → IndexError, an absent tracking field →
 * ValueError, a reversal without journal → ValidationError), same shape, states and amounts otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomer, seedProduct } from './seed-data.js';
import { OdooSimulator } from './server.js';
import { readObserved } from './test-helpers/observed.js';
import { replayRecorded } from './test-helpers/recorded.js';
import type { RecordedCall } from './test-helpers/recorded.js';
import type { App } from './schema.js';
import type { OdooVersion } from './types.js';

const KEY = 'sim-admin-key';
const WITHOUT_TRACKING: readonly App[] = ['sale', 'stock', 'account'];

let sim: OdooSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(version: OdooVersion, delivery: boolean): Promise<OdooSimulator> {
  sim = new OdooSimulator({
    version,
    db: 'lab',
    adminKey: KEY,
    ...(delivery ? {} : { apps: WITHOUT_TRACKING }),
  });
  await sim.start();
  return sim;
}

/** What calls-*.json assumed on the server: a picking waiting for stock and, on 18/19, a posted invoice. */
async function fixtures(s: OdooSimulator, postedInvoice: boolean): Promise<void> {
  const c = s.core;
  const partner = seedCustomer(c, { name: 'Recorded' });
  const waiting = seedProduct(c, { sku: 'R-NOSTOCK', price: 10 });
  const so = (await c.call('sale.order', 'create', [], {
    vals_list: { partner_id: partner, order_line: [[0, 0, { product_id: waiting, product_uom_qty: 1 }]] },
  })) as number;
  await c.call('sale.order', 'action_confirm', [so], {});
  if (!postedInvoice) return;
  const stocked = seedProduct(c, { sku: 'R-STOCK', price: 10, stock: { WH: 5 } });
  const delivered = (await c.call('sale.order', 'create', [], {
    vals_list: { partner_id: partner, order_line: [[0, 0, { product_id: stocked, product_uom_qty: 1 }]] },
  })) as number;
  await c.call('sale.order', 'action_confirm', [delivered], {});
  const pick = c.db.where('stock.picking', (p) => p.sale_id === delivered)[0]!.id;
  await c.call('stock.picking', 'button_validate', [pick], {});
  const ctx = { active_model: 'sale.order', active_ids: [delivered], active_id: delivered };
  const wiz = (await c.call('sale.advance.payment.inv', 'create', [], { vals_list: {} }, ctx)) as number;
  await c.call('sale.advance.payment.inv', 'create_invoices', [wiz], {}, ctx);
  const inv = c.db.where('account.move', (m) => m.move_type === 'out_invoice')[0]!.id;
  await c.call('account.move', 'action_post', [inv], {});
}

describe.each([17, 18, 19] as const)('Odoo %i: recorded requests replayed on the simulator', (version) => {
  it(`calls-${version}.json: every argument shape answered as real Odoo answered it`, async () => {
    const rec = readObserved<{ calls: RecordedCall[] }>(`calls-${version}.json`);
    const s = await start(version, version !== 17);
    await fixtures(s, version !== 17);
    expect(await replayRecorded(s, rec.calls, KEY)).toEqual([]);
    expect(rec.calls.length).toBeGreaterThan(10);
  });

  it(`flow-${version}.json: a whole verify --write run answered as real Odoo answered it`, async () => {
    const rec = readObserved<{ calls: RecordedCall[] }>(`flow-${version}.json`);
    const s = await start(version, version !== 17);
    expect(await replayRecorded(s, rec.calls, KEY)).toEqual([]);
    expect(rec.calls.length).toBeGreaterThan(30);
  });
});

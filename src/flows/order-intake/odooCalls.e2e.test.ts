/**
 * The Odoo calls of the order path, counted by the simulator (Odoo 18 over JSON-RPC): orders that
 * queue up cost Ferry what they cost the same client called directly — one `create` and one
 * `action_confirm` carrying every order — plus the checks of each batch (customers, the
 * find-before-create search, the read back of names and totals), never a call per order. The
 * orders-live bench compares Odoo's SQL per order on real servers; this pins the calls in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../connectors/odoo/index.js';
import { mapShopifyOrder } from '../../connectors/shopify/index.js';
import { generateOrder, type OrderJson } from '../../sandbox/shopify/index.js';
import { startRig, type Rig } from '../../test-helpers/rig.js';
import { waitFor } from '../../test-helpers/stores.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const N = 20;

interface Call {
  model: string;
  method: string;
  /** Records named: ids, or the records a create sends. */
  records: number;
  kwargs: Record<string, unknown>;
}

/** The model calls among the simulator's recorded JSON-RPC requests. */
function callsOf(requests: readonly { path: string; body: unknown }[]): Call[] {
  return requests.flatMap(({ path, body }) => {
    const p = (body as { params?: { service?: string; method?: string; args?: unknown[] } }).params;
    if (path !== '/jsonrpc' || p?.service !== 'object' || p.method !== 'execute_kw') return [];
    const [, , , model, method, positional, kwargs] = p.args as [
      string,
      number,
      string,
      string,
      string,
      unknown[],
      Record<string, unknown>,
    ];
    const first = positional[0];
    return [{ model, method, records: Array.isArray(first) ? first.length : 0, kwargs }];
  });
}

/** The change feed's poll (orders changed since a cursor) runs on its schedule, not per order. */
const isChangeFeed = (c: Call) =>
  c.model === 'sale.order' && c.method === 'search_read' && c.kwargs.order === 'write_date asc, id asc';

function tally(calls: readonly Call[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[`${c.model}.${c.method}`] = (out[`${c.model}.${c.method}`] ?? 0) + 1;
  return out;
}

describe('Odoo calls of the order path', () => {
  let rig: Rig;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-odoo-calls-'));
    rig = await startRig(join(dir, 'ferry.db'), {
      distributor: { products: 10, odooVersion: 18, odooRecordRequests: true },
    });
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Sends `jsons` while the orders lane is paused, so that their acceptance queues up as it does
   * under load, then lets the lane run; answers the model calls made until all were accepted.
   */
  async function acceptQueued(jsons: OrderJson[]): Promise<Call[]> {
    const { app, dist } = rig;
    const shop = dist.shops.get('shop-eu')!;
    await app.store.settings.setLanePaused('orders', true, Date.now());
    await new Promise((r) => setTimeout(r, 1_200)); // the workers re-read pauses every second
    const before = (await app.store.orders.countOrdersByState()).accepted ?? 0;
    dist.odoo.requests.length = 0;
    const report = await shop.webhooks!.sendAll(jsons.map((j) => shop.createOrder(j)));
    expect(report.sent.every((s) => s.delivered)).toBe(true);
    await waitFor(
      async () => ((await app.store.orders.countOrdersByState()).received ?? 0) === jsons.length,
      'orders received',
      20_000,
    );
    expect(callsOf(dist.odoo.requests).filter((c) => !isChangeFeed(c))).toEqual([]);
    await app.store.settings.setLanePaused('orders', false, Date.now());
    await waitFor(
      async () => ((await app.store.orders.countOrdersByState()).accepted ?? 0) === before + jsons.length,
      'orders accepted',
      30_000,
    );
    return callsOf(dist.odoo.requests).filter((c) => !isChangeFeed(c));
  }

  const customerOf = (j: OrderJson) => ({
    customer: j.customer,
    email: j.email,
    billing_address: j.billing_address,
    shipping_address: j.shipping_address,
  });

  it(`books ${N} orders of customers Odoo already has with one create and one confirm, and five checks for the batch`, async () => {
    const { dist } = rig;
    const jsons = Array.from({ length: N }, (_, i) =>
      generateOrder({ id: 940_000 + i, catalogue: dist.catalogue, lines: 3 }),
    );
    // Steady state: the customers are in Odoo already (put there by another client), not in Ferry's cache.
    const other = createOdooClient({
      url: dist.odoo.url,
      db: 'ferry',
      login: 'admin',
      apiKey: 'sim-admin-key',
    });
    for (const j of jsons) {
      const o = mapShopifyOrder(j, { channel: 'shop-eu' });
      await other.findOrCreateCustomer(o.customer, o.channel);
    }
    await other.close();

    const calls = await acceptQueued(jsons);
    expect(tally(calls)).toEqual({
      'product.product.search_read': 1, // the catalogue, once, then cached
      'res.partner.search_read': 2, // customers and their addresses, for the whole batch
      'sale.order.search_read': 1, // find before create (idempotency)
      'sale.order.create': 1,
      'sale.order.action_confirm': 1,
      'sale.order.read': 1, // names, states and totals for the total check
    });
    const byMethod = (m: string) => calls.find((c) => c.model === 'sale.order' && c.method === m)!;
    expect(byMethod('create').records).toBe(N);
    expect(byMethod('action_confirm').records).toBe(N);
    expect(calls.filter((c) => c.model === 'res.partner' && c.method !== 'search_read')).toEqual([]);
    expect(dist.odoo.core.db.where('sale.order', (o) => o.state === 'sale')).toHaveLength(N);
  }, 90_000);

  it(`books ${N} more orders of the same customers with the create, the confirm and two checks`, async () => {
    const { dist } = rig;
    const first = Array.from({ length: N }, (_, i) =>
      generateOrder({ id: 940_000 + i, catalogue: dist.catalogue, lines: 3 }),
    );
    const jsons = first.map((f, i) => ({
      ...generateOrder({ id: 950_000 + i, catalogue: dist.catalogue, lines: 3 }),
      ...customerOf(f),
    }));
    const calls = await acceptQueued(jsons);
    expect(tally(calls)).toEqual({
      'sale.order.search_read': 1,
      'sale.order.create': 1,
      'sale.order.action_confirm': 1,
      'sale.order.read': 1,
    });
    expect(dist.odoo.core.db.where('sale.order', (o) => o.state === 'sale')).toHaveLength(2 * N);
  }, 90_000);

  it("polls Odoo's orders from just before its own first order, not through Odoo's whole history", async () => {
    const { app, dist } = rig;
    // A database in use: 450 orders from before Ferry (more than two pages of the poll).
    for (let i = 0; i < 450; i++) {
      const rec = dist.odoo.core.db.insert('sale.order', {
        name: `S-OLD-${i}`,
        client_order_ref: false,
        origin: false,
        state: 'sale',
        invoice_status: 'invoiced',
        company_id: 1,
      });
      rec.write_date = '2025-03-01 08:00:00';
    }
    const oldest = Math.min(
      ...(await storeDb(app.store).selectFrom('orders').select('created_at').execute()).map(
        (r) => r.created_at,
      ),
    );
    const bound = new Date(oldest - 10 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    dist.odoo.requests.length = 0;
    await app.queue.enqueue({ lane: 'orders', task: 'odoo.order-poll', payload: {} });
    await waitFor(() => callsOf(dist.odoo.requests).some(isChangeFeed), 'the order poll', 20_000);
    await new Promise((r) => setTimeout(r, 500)); // a next page, had there been one, is asked at once
    const polls = callsOf(dist.odoo.requests).filter(isChangeFeed);
    for (const p of polls) {
      const [leaf] = p.kwargs.domain as [string, string, string][];
      expect(leaf?.slice(0, 2)).toEqual(['write_date', '>=']);
      expect(leaf![2] >= bound, `poll from ${leaf![2]}, Ferry's first order at ${bound}`).toBe(true);
    }
    expect(polls).toHaveLength(1);
  }, 60_000);
});

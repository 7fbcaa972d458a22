/**
 * The simulator's error answers against errors-17/18/19.json and json2-19.json: the same exception
 * name, JSON-RPC `code`, payload keys, HTTP status (JSON-2) and message (digits masked; for ACL
 * refusals the first line, the group list varies by database).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomer, seedProduct } from './seed-data.js';
import { OdooSimulator } from './server.js';
import { mask, rpc } from './test-helpers/replay.js';
import { observedDir } from './test-helpers/observed.js';
import type { OdooVersion } from './types.js';

type Obs = { ok: boolean; result?: unknown; error?: { code: number; data: Record<string, unknown> } };

let sim: OdooSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A delivered, invoiced (posted) order: what the business-rule cases need. */
async function fixtures(s: OdooSimulator) {
  const c = s.core;
  const product = seedProduct(c, { sku: 'E1', price: 12.5, stock: { WH: 10 } });
  const partner = seedCustomer(c, { name: 'Err' });
  const so = (await c.call('sale.order', 'create', [], {
    vals_list: { partner_id: partner, order_line: [[0, 0, { product_id: product, product_uom_qty: 1 }]] },
  })) as number;
  await c.call('sale.order', 'action_confirm', [so], {});
  const pick = c.db.where('stock.picking', (p) => p.sale_id === so)[0]!.id;
  await c.call('stock.picking', 'button_validate', [pick], {});
  const ctx = { active_model: 'sale.order', active_ids: [so], active_id: so };
  const wiz = (await c.call(
    'sale.advance.payment.inv',
    'create',
    [],
    { vals_list: { sale_order_ids: [[6, 0, [so]]] } },
    ctx,
  )) as number;
  await c.call('sale.advance.payment.inv', 'create_invoices', [wiz], {}, ctx);
  const inv = c.db.all('account.move')[0]!.id;
  await c.call('account.move', 'action_post', [inv], {});
  const draft = (await c.call('sale.order', 'create', [], {
    vals_list: { partner_id: partner, order_line: [[0, 0, { product_id: product, product_uom_qty: 1 }]] },
  })) as number;
  await c.call('sale.order', 'action_confirm', [draft], {});
  s.core.users.push({
    uid: 6,
    login: 'limited',
    password: 'limited',
    apiKeys: [],
    access: { 'res.partner': ['read'] },
  });
  return { so, pick, inv, product, undelivered: draft };
}

type Call = [model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>];

function cases(
  v: OdooVersion,
  f: Awaited<ReturnType<typeof fixtures>>,
): Record<string, Call | ['auth', string] | ['as', string, Call]> {
  return {
    'authenticate wrong password': ['auth', 'nope'],
    'execute_kw wrong password': ['as', 'wrong-password', ['res.partner', 'search', [[]]]],
    'execute_kw unknown db': ['as', 'unknown-db', ['res.partner', 'search', [[]]]],
    'unknown model': ['no.such.model', 'search', [[]]],
    'unknown method': ['res.partner', 'no_such_method', [[]]],
    'private method': ['sale.order', '_create_invoices', [[f.so]]],
    'invalid field in create': ['res.partner', 'create', [{ name: 'x', no_such_field: 1 }]],
    'missing required field': ['sale.order', 'create', [{}]],
    'bad value type': ['product.product', 'create', [{ name: 'x', list_price: 'abc' }]],
    'read missing record': ['res.partner', 'read', [[99999999], ['name']]],
    'write missing record': ['res.partner', 'write', [[99999999], { name: 'x' }]],
    'bad domain': ['res.partner', 'search', [[['no_field', '=', 1]]]],
    'unlink confirmed SO (UserError)': ['sale.order', 'unlink', [[f.so]]],
    'confirm already confirmed SO': ['sale.order', 'action_confirm', [[f.so]]],
    'post already posted invoice': ['account.move', 'action_post', [[f.inv]]],
    'validate done picking': ['stock.picking', 'button_validate', [[f.pick]]],
    'return wizard without context/picking':
      v >= 19 ? ['stock.return.picking', 'create_returns', [[1]]] : ['stock.return.picking', 'create', [{}]],
    'limited user read sale.order (AccessError)': [
      'as',
      'limited',
      ['sale.order', 'search_read', [[]], { limit: 1 }],
    ],
    'limited user create product (AccessError)': [
      'as',
      'limited',
      ['product.product', 'create', [{ name: 'x' }]],
    ],
    'limited user read account.move (AccessError)': [
      'as',
      'limited',
      ['account.move', 'search_read', [[]], { limit: 1 }],
    ],
    'stock.quant inventory create without inventory_mode ctx': [
      'stock.quant',
      'create',
      [{ product_id: f.product, location_id: 8, inventory_quantity: 3 }],
    ],
  };
}

describe.each([17, 18, 19] as const)('errors-%i.json', (version: OdooVersion) => {
  const observed = JSON.parse(readFileSync(join(observedDir(), `errors-${version}.json`), 'utf8')) as Record<
    string,
    Obs
  >;

  it('answers each case like the real server', async () => {
    sim = new OdooSimulator({ version, db: 'lab' });
    const url = await sim.start();
    const f = await fixtures(sim);
    const stockLoc = sim.core.db.where('stock.location', (l) => l.usage === 'internal')[0]!.id;
    for (const [name, spec] of Object.entries(cases(version, f))) {
      const obs = observed[name]!;
      let answer: Record<string, unknown>;
      if (spec[0] === 'auth') {
        answer = await rpc(url, {
          service: 'common',
          method: 'authenticate',
          args: ['lab', 'admin', spec[1], {}],
        });
      } else {
        const as = spec[0] === 'as' ? (spec as ['as', string, Call]) : undefined;
        const user = as ? as[1] : 'admin';
        const call = as ? as[2] : (spec as Call);
        const db = user === 'unknown-db' ? 'no_such_db' : 'lab';
        const [uid, pw] =
          user === 'limited' ? [6, 'limited'] : [2, user === 'wrong-password' ? 'bad' : 'admin'];
        const args =
          call[0] === 'stock.quant' ? [{ ...(call[2][0] as object), location_id: stockLoc }] : call[2];
        answer = await rpc(url, {
          service: 'object',
          method: 'execute_kw',
          args: [db, uid, pw, call[0], call[1], args, call[3] ?? {}],
        });
      }
      if (obs.ok) {
        expect(answer.error, name).toBeUndefined();
        expect(typeof answer.result, name).toBe(typeof obs.result);
        if (typeof obs.result !== 'number') expect(answer.result, name).toEqual(obs.result);
        continue;
      }
      const err = answer.error as { code: number; message: string; data: Record<string, unknown> };
      expect(err, name).toBeDefined();
      expect([err.code, err.message, err.data.name], name).toEqual([
        obs.error!.code,
        'Odoo Server Error',
        obs.error!.data.name,
      ]);
      expect(Object.keys(err.data).sort(), name).toEqual(Object.keys(obs.error!.data).sort());
      const msg = (m: unknown) => (name.startsWith('limited') ? String(m).split('\n')[0] : mask(String(m)));
      expect(msg(err.data.message), name).toBe(msg(obs.error!.data.message));
    }
  });
});

describe('json2-19.json errors', () => {
  const errs = (
    JSON.parse(readFileSync(join(observedDir(), `json2-19.json`), 'utf8')) as {
      errs: Record<string, { status: number; body: Record<string, unknown> }>;
    }
  ).errs;
  const calls: Record<string, [string, string, unknown, string?]> = {
    'bad api key': ['res.partner', 'search_count', { domain: [] }, 'bad'],
    'unknown model': ['no.such.model', 'search', { domain: [] }],
    'unknown method': ['res.partner', 'no_such_method', {}],
    'private method': ['sale.order', '_create_invoices', { ids: [1] }],
    'bad kwarg': ['res.partner', 'search', { domian: [] }],
    'ids on @api.model method': ['res.partner', 'create', { ids: [1], vals_list: [{ name: 'x' }] }],
    'missing required field': ['sale.order', 'create', { vals_list: [{}] }],
    'MissingError write': ['res.partner', 'write', { ids: [99999999], vals: { name: 'x' } }],
  };
  it.each(Object.entries(calls))('%s', async (name, [model, method, body, key]) => {
    sim = new OdooSimulator({ version: 19, db: 'lab' });
    const url = await sim.start();
    const res = await fetch(`${url}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `bearer ${key ?? 'sim-admin-key'}`,
        'x-odoo-database': 'lab',
      },
      body: JSON.stringify(body),
    });
    const got = (await res.json()) as Record<string, unknown>;
    const obs = errs[name]!;
    expect(res.status).toBe(obs.status);
    expect(Object.keys(got).sort()).toEqual(Object.keys(obs.body).sort());
    expect([got.name, got.message, got.arguments]).toEqual([
      obs.body.name,
      obs.body.message,
      obs.body.arguments,
    ]);
  });

  it('16–18 have no JSON-2 (HTML 404) and 19 answers GET with a JSON 404', async () => {
    sim = new OdooSimulator({ version: 18 });
    const url18 = await sim.start();
    const r18 = await fetch(`${url18}/json/2/res.partner/search`, { method: 'POST', body: '{}' });
    expect([r18.status, r18.headers.get('content-type')?.startsWith('text/html')]).toEqual([404, true]);
    await sim.stop();
    sim = new OdooSimulator({ version: 19 });
    const r19 = await fetch(`${await sim.start()}/json/2`);
    expect(r19.status).toBe(404);
    expect(((await r19.json()) as { message: string }).message).toBe(
      'Did you mean POST /json/2/<model>/<method>?',
    );
  });
});

describe('write with `vals` by keyword', () => {
  // sale and sale_stock name write's argument `values` on sale.order up to 18 and sale.order.line up
  // to 18 (Odoo 17 answered "SaleOrder.write() got an unexpected keyword argument 'vals'"); 19 and
  // res.partner name it `vals` (calls-17.json "write, ids positional, vals as keyword").
  const write = async (url: string, model: string) =>
    rpc(url, {
      service: 'object',
      method: 'execute_kw',
      args: ['lab', 2, 'sim-admin-key', model, 'write', [[1]], { vals: { note: 'x' } }],
    });

  it.each([
    [17, 'sale.order', 'SaleOrder'],
    [17, 'sale.order.line', 'SaleOrderLine'],
    [18, 'sale.order', 'SaleOrder'],
    [18, 'sale.order.line', 'SaleOrderLine'],
  ] as const)('Odoo %i refuses it on %s', async (version, model, cls) => {
    sim = new OdooSimulator({ version, db: 'lab' });
    const answer = await write(await sim.start(), model);
    expect((answer.error as { data: { message: string } }).data.message).toBe(
      `${cls}.write() got an unexpected keyword argument 'vals'`,
    );
  });

  it('Odoo 17 takes it on res.partner', async () => {
    sim = new OdooSimulator({ version: 17, db: 'lab' });
    const url = await sim.start();
    const partner = sim.core.db.where('res.partner', () => true)[0]!.id;
    const answer = await rpc(url, {
      service: 'object',
      method: 'execute_kw',
      args: ['lab', 2, 'sim-admin-key', 'res.partner', 'write', [[partner]], { vals: { comment: 'x' } }],
    });
    expect(answer.result).toBe(true);
  });
});

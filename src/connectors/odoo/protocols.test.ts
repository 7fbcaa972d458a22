/**
 * What the client sends where: records of `create` as the first positional argument over
 * JSON-RPC, named over JSON-2; on 19 nothing goes to `/jsonrpc` (deprecated in 19, removed in 20);
 * without stock_delivery the tracking number lands on the picking's chatter.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { order, rig } from '../../test-helpers/odooFixtures.js';
import type { Rig } from '../../test-helpers/odooFixtures.js';
import { jsonRpcArgs } from './connection.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('argument shapes', () => {
  it('JSON-RPC create: the records are args[0], the context a keyword', () => {
    expect(jsonRpcArgs('create', { vals_list: [{ name: 'a' }], context: { lang: 'en_US' } })).toEqual({
      positional: [[{ name: 'a' }]],
      kwargs: { context: { lang: 'en_US' } },
    });
  });

  it('JSON-RPC record methods: ids first, the rest as keywords', () => {
    expect(jsonRpcArgs('read', { ids: [4], fields: ['name'], context: { lang: 'en_US' } })).toEqual({
      positional: [[4]],
      kwargs: { fields: ['name'], context: { lang: 'en_US' } },
    });
  });

  it('JSON-RPC write: ids, then the values positionally (sale.order names them `values` up to 18)', () => {
    expect(jsonRpcArgs('write', { ids: [4], vals: { note: 'x' } })).toEqual({
      positional: [[4], { note: 'x' }],
      kwargs: {},
    });
  });
});

describe('Odoo 19 with an API key', () => {
  it('reads the version, logs in and works without calling /jsonrpc', async () => {
    r = await rig(19);
    const o = await r.client.createAndConfirmOrder(order(1));
    expect(o.state).toBe('sale');
    expect((await r.client.describe()).protocol).toBe('json2');
    expect(await r.client.connection.uid()).toBe(2);
    expect(r.sim.requestsByPath.get('/jsonrpc') ?? 0).toBe(0);
    expect(r.sim.requestsByPath.get('/web/webclient/version_info')).toBe(1);
  });
});

describe.each([16, 17, 18, 19] as const)('Odoo %i without stock_delivery (16: delivery)', (version) => {
  it('ships with the tracking number on the picking chatter, once, and never writes the absent field', async () => {
    r = await rig(version, {}, { apps: ['sale', 'stock', 'account'] });
    const o = await r.client.createAndConfirmOrder(order(1, {}, 2));
    const [pick] = await r.client.readPickings(o.odooId);
    expect(pick?.trackingRef).toBe(false);
    const req = {
      pickingId: pick!.id,
      lines: pick!.moves.map((m) => ({ productId: m.productId, quantity: m.demand })),
      trackingRef: '1Z999AA10123456784',
      carrier: 'UPS',
      backorder: 'none' as const,
    };
    expect(await r.client.validatePicking(req)).toMatchObject({ state: 'done', alreadyDone: false });
    const notes = r.sim.core.db.where(
      'mail.message',
      (m) => m.model === 'stock.picking' && m.res_id === pick!.id,
    );
    expect(notes.map((m) => m.body)).toEqual(['<p>Tracking number: 1Z999AA10123456784 (carrier: UPS)</p>']);
    expect(await r.client.validatePicking(req)).toMatchObject({ alreadyDone: true });
    expect(r.sim.core.db.where('mail.message', (m) => m.res_id === pick!.id)).toHaveLength(1);
  });
});

/**
 * Odoo 16's immediate-transfer wizard, as real 16.0 runs it (stock/wizard/stock_immediate_transfer.py
 * and a return validated against a real 16 server, which stayed 'assigned' when the wizard was
 * created with `pick_ids` as a value): the lines that `process` validates come from `default_get`,
 * which builds them only when `pick_ids` is a context default. Created with the action's defaults
 * as values, `process` sets no quantity; its button_validate then asks for a backorder of
 * everything, and confirming it leaves the picking as it was.
 */
import { describe, expect, it } from 'vitest';
import { seedCustomer, seedProduct } from './seed-data.js';
import { SimCore } from './simulator.js';
import type { Context } from './types.js';

interface Action {
  res_model: string;
  context: Context;
}

async function assignedDelivery() {
  const c = new SimCore({ version: 16, db: 'immediate' });
  const product = seedProduct(c, { sku: 'IT-A', price: 10, stock: { WH: 5 } });
  const partner = seedCustomer(c, { name: 'Immediate transfer' });
  const so = (await c.call('sale.order', 'create', [], {
    vals_list: {
      partner_id: partner,
      order_line: [[0, 0, { product_id: product, product_uom_qty: 2, price_unit: 10 }]],
    },
  })) as number;
  await c.call('sale.order', 'action_confirm', [so], {});
  const picking = c.db.where('stock.picking', (p) => p.sale_id === so)[0]!;
  const state = () => String(c.db.get('stock.picking', picking.id)!.state);
  const doneQty = () =>
    c.db
      .where('stock.move', (m) => m.picking_id === picking.id)
      .reduce((sum, m) => sum + Number(m.quantity_done), 0);
  const action = (await c.call('stock.picking', 'button_validate', [picking.id], {})) as Action;
  const create = async (vals: Record<string, unknown>) => {
    const r = await c.call(action.res_model, 'create', [], { vals_list: [vals] }, action.context);
    return Array.isArray(r) ? (r[0] as number) : (r as number);
  };
  const process = (id: number) => c.call(action.res_model, 'process', [id], {}, action.context);
  return { c, picking: picking.id, state, doneQty, action, create, process };
}

describe('Odoo 16 immediate-transfer wizard', () => {
  it('is what validating a reserved picking with nothing done asks for', async () => {
    const t = await assignedDelivery();
    expect(t.state()).toBe('assigned');
    expect(t.action.res_model).toBe('stock.immediate.transfer');
    expect(t.action.context).toMatchObject({
      button_validate_picking_ids: [t.picking],
      default_pick_ids: [[4, t.picking]],
    });
  });

  it('created with {} under the action context gets its lines and validates the picking', async () => {
    const t = await assignedDelivery();
    const id = await t.create({});
    const lines = t.c.db.where('stock.immediate.transfer.line', (l) => l.immediate_transfer_id === id);
    expect(lines.map((l) => [l.picking_id, l.to_immediate])).toEqual([[t.picking, true]]);
    expect(await t.process(id)).toBe(true);
    expect(t.state()).toBe('done');
    expect(t.doneQty()).toBe(2);
  });

  it('created with its lines given as values validates the picking', async () => {
    const t = await assignedDelivery();
    const id = await t.create({
      pick_ids: [[4, t.picking]],
      immediate_transfer_line_ids: [[0, 0, { picking_id: t.picking, to_immediate: true }]],
    });
    expect(await t.process(id)).toBe(true);
    expect(t.state()).toBe('done');
  });

  it('created with pick_ids as a value has no line: nothing is validated, as on real 16', async () => {
    const t = await assignedDelivery();
    const id = await t.create({ pick_ids: [[4, t.picking]], show_transfers: false });
    expect(t.c.db.where('stock.immediate.transfer.line', (l) => l.immediate_transfer_id === id)).toEqual([]);
    const next = (await t.process(id)) as Action;
    expect(next.res_model).toBe('stock.backorder.confirmation');
    const bo = (await t.c.call(next.res_model, 'create', [], { vals_list: [{}] }, next.context)) as
      number | number[];
    const boId = Array.isArray(bo) ? bo[0]! : bo;
    expect(await t.c.call(next.res_model, 'process', [boId], {}, next.context)).toBe(true);
    expect(t.state()).toBe('assigned');
    expect(t.doneQty()).toBe(0);
    expect(t.c.db.where('stock.picking', (p) => p.backorder_id === t.picking)).toEqual([]);
  });
});

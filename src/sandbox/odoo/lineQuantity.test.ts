/**
 * A confirmed order's line quantity changed: the picking's open moves follow it, as real Odoo's
 * sale_stock does. The expectations are what real Odoo 16.0, 17.0, 18.0 and 19.0 answered to the same
 * calls (a script lowered and raised lines of confirmed orders and read the pickings' moves; 16 the same
 * but for the refusal's wording):
 * demand and reservation shrink, a move at 0 and a picking with every move at 0 are cancelled,
 * after a partial delivery the backorder's move shrinks, and a line cannot go below what was
 * delivered. On 16 reserved_availability names the reservation.
 */
import { describe, expect, it } from 'vitest';
import { seedCustomer, seedProduct } from './seed-data.js';
import { SimCore } from './simulator.js';
import type { OdooVersion } from './types.js';

interface MoveView {
  product: number;
  demand: number;
  reserved: number;
  state: string;
  picking: number;
}

function setup(version: OdooVersion, stock: { A: number; B: number }) {
  const c = new SimCore({ version, db: 'lines' });
  const a = seedProduct(c, { sku: 'LQ-A', price: 10, stock: { WH: stock.A } });
  const b = seedProduct(c, { sku: 'LQ-B', price: 10, stock: { WH: stock.B } });
  const partner = seedCustomer(c, { name: 'Line quantities' });
  const reserved = version <= 16 ? 'reserved_availability' : 'quantity';
  const order = async (lines: [number, number][]) => {
    const so = (await c.call('sale.order', 'create', [], {
      vals_list: {
        partner_id: partner,
        order_line: lines.map(([p, q]) => [0, 0, { product_id: p, product_uom_qty: q, price_unit: 10 }]),
      },
    })) as number;
    await c.call('sale.order', 'action_confirm', [so], {});
    const lineIds = c.db
      .where('sale.order.line', (l) => l.order_id === so)
      .map((l) => l.id)
      .sort((x, y) => x - y);
    return { so, lineIds };
  };
  const moves = (lineIds: number[]): MoveView[] =>
    c.db
      .where('stock.move', (m) => lineIds.includes(m.sale_line_id as number))
      .sort((x, y) => x.id - y.id)
      .map((m) => ({
        product: m.product_id as number,
        demand: Number(m.product_uom_qty),
        reserved: Number(m[reserved]),
        state: String(m.state),
        picking: m.picking_id as number,
      }));
  const pickingStates = (so: number) =>
    c.db
      .where('stock.picking', (p) => p.sale_id === so)
      .sort((x, y) => x.id - y.id)
      .map((p) => String(p.state));
  const setLine = (so: number, line: number, qty: number) =>
    c.call('sale.order', 'write', [so], { vals: { order_line: [[1, line, { product_uom_qty: qty }]] } });
  return { c, a, b, order, moves, pickingStates, setLine };
}

describe.each([16, 17, 18, 19] as const)('Odoo %i simulator: a confirmed line changed', (version) => {
  it('shrinks the open move and its reservation, cancels a move at 0 and grows a raised one', async () => {
    // A: 10 on hand, fully reserved; B: 2 on hand, 2 of 5 reserved (real 18: WH/OUT with moves 5/5 and 5/2)
    const t = setup(version, { A: 10, B: 2 });
    const { so, lineIds } = await t.order([
      [t.a, 5],
      [t.b, 5],
    ]);
    const [la, lb] = lineIds as [number, number];
    expect(t.moves(lineIds).map((m) => [m.demand, m.reserved, m.state])).toEqual([
      [5, 5, 'assigned'],
      [5, 2, 'partially_available'],
    ]);
    await t.setLine(so, la, 3);
    expect(t.moves([la]).map((m) => [m.demand, m.reserved, m.state])).toEqual([[3, 3, 'assigned']]);
    await t.setLine(so, lb, 1);
    expect(t.moves([lb]).map((m) => [m.demand, m.reserved, m.state])).toEqual([[1, 1, 'assigned']]);
    await t.setLine(so, la, 0);
    expect(t.moves([la]).map((m) => [m.demand, m.reserved, m.state])).toEqual([[0, 0, 'cancel']]);
    expect(t.pickingStates(so)).toEqual(['assigned']);
    await t.setLine(so, lb, 4);
    expect(t.moves([lb]).map((m) => [m.demand, m.reserved, m.state])).toEqual([
      [4, 2, 'partially_available'],
    ]);
    // the freed units of A are back on the shelf: a new order reserves all 10
    const again = await t.order([[t.a, 10]]);
    expect(t.moves(again.lineIds).map((m) => [m.demand, m.reserved])).toEqual([[10, 10]]);
  });

  it('cancels the picking when every line goes to 0', async () => {
    const t = setup(version, { A: 20, B: 20 });
    const { so, lineIds } = await t.order([
      [t.a, 2],
      [t.b, 2],
    ]);
    await t.c.call('sale.order', 'write', [so], {
      vals: { order_line: lineIds.map((id) => [1, id, { product_uom_qty: 0 }]) },
    });
    expect(t.moves(lineIds).map((m) => [m.demand, m.reserved, m.state])).toEqual([
      [0, 0, 'cancel'],
      [0, 0, 'cancel'],
    ]);
    expect(t.pickingStates(so)).toEqual(['cancel']);
  });

  it('shrinks the backorder after a partial delivery and refuses going below what was delivered', async () => {
    const t = setup(version, { A: 20, B: 0 });
    const { so, lineIds } = await t.order([[t.a, 5]]);
    const [line] = lineIds as [number];
    const first = t.c.db.where('stock.picking', (p) => p.sale_id === so)[0]!.id;
    const move = t.c.db.where('stock.move', (m) => m.picking_id === first)[0]!.id;
    await t.c.call('stock.move', 'write', [move], {
      vals: version <= 16 ? { quantity_done: 2 } : { quantity: 2, picked: true },
    });
    const action = (await t.c.call('stock.picking', 'button_validate', [first], {})) as {
      res_model: string;
      context: Record<string, unknown>;
    };
    const wiz = (await t.c.call(action.res_model, 'create', [], { vals_list: {} }, action.context)) as number;
    await t.c.call(action.res_model, 'process', [wiz], {}, action.context);
    expect(t.moves([line]).map((m) => [m.demand, m.state])).toEqual([
      [2, 'done'],
      [3, 'assigned'],
    ]);
    await t.setLine(so, line, 4);
    expect(t.moves([line]).map((m) => [m.demand, m.state])).toEqual([
      [2, 'done'],
      [2, 'assigned'],
    ]);
    expect(t.moves([line])[1]?.reserved).toBe(2);
    await expect(t.setLine(so, line, 1)).rejects.toMatchObject({
      exception: 'odoo.exceptions.UserError',
      message: `${version <= 16 ? 'The ordered quantity' : 'The ordered quantity of a sale order line'} cannot be decreased below the amount already delivered. Instead, create a return in your inventory.`,
    });
    expect(t.moves([line]).map((m) => m.demand)).toEqual([2, 2]);
    expect(t.c.db.get('sale.order.line', line)?.product_uom_qty).toBe(4);
  });
});

/**
 * Domain search as Odoo evaluates it, through the simulator's ORM: the operators the connector
 * sends (=, !=, in, like, ilike, =ilike, not ilike), prefix &, | and !, and dotted paths through
 * many2one and one2many fields.
 */
import { describe, expect, it } from 'vitest';
import { seedCustomer, seedProduct } from './seed-data.js';
import { OdooSimulator } from './server.js';

describe('Odoo simulator domains', () => {
  const sim = new OdooSimulator({ version: 17 });
  const c = sim.core;
  const ann = seedCustomer(c, { name: 'Ann Lee', email: 'Ann@Example.com', city: 'Lyon' });
  const bob = seedCustomer(c, { name: 'Bob_Stone', email: 'bob@example.org', city: 'Paris' });
  const cy = seedCustomer(c, { name: 'Cy 100%', email: false as unknown as string, city: 'Lyon' });
  const product = seedProduct(c, { sku: 'DOM-1', price: 5, stock: { WH: 10 } });
  const so = c.callSync('sale.order', 'create', [], {
    vals_list: { partner_id: bob, order_line: [[0, 0, { product_id: product, product_uom_qty: 2 }]] },
  }) as number;
  const search = (model: string, domain: unknown[]) =>
    (c.callSync(model, 'search', [], { domain }) as number[])
      .filter((id) => model !== 'res.partner' || [ann, bob, cy].includes(id))
      .sort((a, b) => a - b);

  it('compares fields of the record itself', () => {
    expect(search('res.partner', [['email', '=ilike', 'ann@example.com']])).toEqual([ann]);
    expect(search('res.partner', [['email', '=like', 'ann@example.com']])).toEqual([]);
    expect(search('res.partner', [['email', 'ilike', 'EXAMPLE']])).toEqual([ann, bob]);
    expect(search('res.partner', [['email', 'like', 'example.o']])).toEqual([bob]);
    expect(search('res.partner', [['name', 'ilike', '100%']])).toEqual([cy]);
    // _ and % are wildcards in =like patterns, literal characters elsewhere are escaped.
    expect(search('res.partner', [['name', '=like', 'Bob_Ston_']])).toEqual([bob]);
    expect(search('res.partner', [['name', '=ilike', 'bob%']])).toEqual([bob]);
    expect(search('res.partner', [['email', 'not ilike', 'example.com']])).toEqual([bob, cy]);
    expect(search('res.partner', [['email', '=', false]])).toEqual([cy]);
    expect(search('res.partner', [['city', 'in', ['Lyon', 'Nice']]])).toEqual([ann, cy]);
    expect(search('res.partner', [['city', '!=', 'Lyon']])).toEqual([bob]);
    expect(search('res.partner', [['id', 'in', [ann, cy]]])).toEqual([ann, cy]);
  });

  it('combines terms with &, | and !', () => {
    expect(search('res.partner', ['|', ['city', '=', 'Paris'], ['name', '=ilike', 'ann lee']])).toEqual([
      ann,
      bob,
    ]);
    expect(search('res.partner', ['!', ['city', '=', 'Lyon']])).toEqual([bob]);
    expect(
      search('res.partner', [
        ['city', '=', 'Lyon'],
        ['email', 'ilike', 'ann'],
      ]),
    ).toEqual([ann]);
  });

  it('follows many2one and one2many paths', () => {
    expect(search('sale.order', [['partner_id.email', '=ilike', 'BOB@example.org']])).toContain(so);
    expect(search('sale.order', [['partner_id.email', '=ilike', 'ann@example.com']])).not.toContain(so);
    expect(search('sale.order', [['order_line.product_id', '=', product]])).toContain(so);
    expect(search('sale.order', [['partner_id', '=', bob]])).toContain(so);
    // A one2many field of the record itself: any of its lines, or none at all.
    const line = search('sale.order.line', [['order_id', '=', so]]);
    expect(line).toHaveLength(1);
    expect(search('sale.order', [['order_line', '=', line[0]]])).toEqual([so]);
    const empty = c.callSync('sale.order', 'create', [], { vals_list: { partner_id: ann } }) as number;
    expect(search('sale.order', [['order_line', '=', false]])).toContain(empty);
    expect(search('sale.order', [['order_line', '=', false]])).not.toContain(so);
  });
});

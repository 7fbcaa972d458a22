/**
 * `verify --write`: every operation once on records tagged with a recognisable test tag:
 * customer, storable product with stock, order, confirm, partial delivery with backorder,
 * invoice, return, credit note, cancel. Each step reports its outcome and round trips.
 */
import { Order } from '../../core/model.js';
import type { OdooClient } from './client.js';
import { namesFor } from './fields.js';
import type { VerifyCheck } from './verify.js';
import { runCheck } from './verify.js';

interface State {
  productId?: number;
  orderId?: number;
  pickingId?: number;
  invoiceId?: number;
}

function testOrder(tag: string, n: number): Order {
  return Order.parse({
    channel: 'verify',
    channelOrderId: `${tag}-${n}`,
    currency: 'USD',
    taxesIncluded: false,
    customer: {
      channelCustomerId: tag,
      name: `${tag} customer`,
      email: `${tag.toLowerCase()}@example.invalid`,
    },
    lines: [
      {
        lineId: '1',
        sku: tag,
        quantity: 3,
        unitPrice: { amountMinor: 1000, currency: 'USD' },
        discount: { amountMinor: 0, currency: 'USD' },
      },
    ],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
}

async function productWithStock(c: OdooClient, tag: string): Promise<number> {
  const names = namesFor((await c.connection.version()).major);
  const [id] = await c.connection.call<number[]>('product.product', 'create', {
    vals_list: [
      {
        name: `${tag} product`,
        default_code: tag,
        list_price: 10,
        invoice_policy: 'delivery',
        ...names.storableProduct,
      },
    ],
  });
  const [wh] = await c.connection.call<{ lot_stock_id: [number, string] }[]>(
    'stock.warehouse',
    'search_read',
    { domain: [], fields: ['lot_stock_id'], limit: 1 },
  );
  const context = { inventory_mode: true };
  const [quant] = await c.connection.call<number[]>('stock.quant', 'create', {
    vals_list: [{ product_id: id, location_id: wh?.lot_stock_id[0], inventory_quantity: 10 }],
    context,
  });
  await c.connection.call('stock.quant', 'action_apply_inventory', { ids: [quant as number], context });
  return id as number;
}

export async function writeChecks(c: OdooClient, tag: string): Promise<VerifyCheck[]> {
  const s: State = {};
  const steps: [string, () => Promise<string>][] = [
    [
      'write: customer',
      async () => `partner ${(await c.findOrCreateCustomer(testOrder(tag, 1).customer, 'verify')).partnerId}`,
    ],
    [
      'write: storable product with stock',
      async () => `product ${(s.productId = await productWithStock(c, tag))} with 10 on hand`,
    ],
    [
      'write: order create + confirm',
      async () => {
        const o = await c.createAndConfirmOrder(testOrder(tag, 1));
        s.orderId = o.odooId;
        return `sale.order ${o.odooId} ${o.state}`;
      },
    ],
    [
      'write: partial delivery with backorder',
      async () => {
        const [p] = await c.readPickings(s.orderId as number);
        s.pickingId = p?.id;
        const v = await c.validatePicking({
          pickingId: p?.id as number,
          lines: [{ productId: s.productId, quantity: 2 }],
          trackingRef: tag,
          backorder: 'create',
        });
        return `picking ${v.pickingId} ${v.state}, backorders ${v.backorderIds.join(',')}`;
      },
    ],
    [
      'write: invoice',
      async () => {
        const inv = await c.invoiceOrder(s.orderId as number);
        s.invoiceId = inv.posted[0]?.id;
        return inv.posted.map((p) => `${p.name} ${p.amountTotalMinor}`).join(', ') || 'nothing to invoice';
      },
    ],
    [
      'write: return',
      async () => {
        const r = await c.returnPicking({
          pickingId: s.pickingId as number,
          key: tag,
          refund: true,
          lines: [{ productId: s.productId, quantity: 1 }],
        });
        return `return picking ${r.returnPickingId} ${r.state}`;
      },
    ],
    [
      'write: credit note',
      async () => {
        const cn = await c.createCreditNote({
          invoiceId: s.invoiceId as number,
          key: tag,
          reason: 'verify',
          lines: [{ productId: s.productId, quantity: 1 }],
        });
        return `${cn.name} ${cn.state} ${cn.amountTotalMinor}`;
      },
    ],
    [
      'write: cancel',
      async () => {
        const o = await c.createAndConfirmOrder(testOrder(tag, 2));
        const r = await c.cancelOrder(o.odooId);
        return `sale.order ${o.odooId} cancelled with pickings ${r.cancelledPickingIds.join(',')}`;
      },
    ],
  ];
  const out: VerifyCheck[] = [];
  for (const [name, fn] of steps) {
    const check = await runCheck(c, name, fn);
    out.push(check);
    if (!check.ok) break; // later steps depend on earlier ones
  }
  return out;
}

/**
 * The Odoo contract's steps: every connector operation and one whole order, in order, each a
 * named async check over one target. contract.test.ts runs them as tests on every target;
 * inventory.test.ts runs them to collect every request shape the client sends.
 */
import { expect } from 'vitest';
import { isFerryError } from '../../../core/errors.js';
import type { Cursor } from '../port.js';
import { contractOrder, seedProducts } from './targets.js';
import type { ContractTarget } from './targets.js';

export type Step = [name: string, run: () => Promise<void>];

/**
 * Context of the suite's own look-ups (not calls Ferry makes): Odoo ignores the key, and the call
 * inventory (inventory.test.ts) leaves these requests out.
 */
export const CHECK = { ferry_contract_check: true } as const;

/** The steps over `target()` (resolved when a step runs), with records tagged `tag`. */
export function contractSteps(
  target: () => ContractTarget,
  tag: string,
): { setup: () => Promise<void>; steps: Step[] } {
  const sku = (n: number) => `${tag}-P${n}`;
  let products = new Map<string, number>();
  const s: { orderA?: number; pickA?: number; backorder?: number; invoiceA?: number; orderB?: number } = {};
  const setup = async () => {
    products = await seedProducts(target().client, [sku(1), sku(2), sku(3)], 100);
  };
  const steps: Step[] = [];
  const untaxed = async (moveId: number) => {
    const t = target();
    const [m] = await t.client.connection.call<{ amount_untaxed: number; amount_total: number }[]>(
      'account.move',
      'read',
      {
        ids: [moveId],
        fields: ['amount_untaxed', 'amount_total'],
        context: CHECK,
      },
    );
    return {
      untaxed: Math.round((m?.amount_untaxed ?? 0) * 100),
      total: Math.round((m?.amount_total ?? 0) * 100),
    };
  };

  steps.push([
    'finds or creates a customer once',
    async () => {
      const t = target();
      const party = contractOrder(tag, 1, [[sku(1), 1]]).customer;
      const first = await t.client.findOrCreateCustomer(party, 'contract');
      const again = await t.client.findOrCreateCustomer(party, 'contract');
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ partnerId: first.partnerId, created: false });
    },
  ]);

  steps.push([
    'resolves products by SKU, names an unknown one, and reads their list prices',
    async () => {
      const t = target();
      const ids = await t.client.resolveProducts([sku(1), sku(2)]);
      expect([...ids.values()]).toEqual([products.get(sku(1)), products.get(sku(2))]);
      const err = await t.client.resolveProducts([`${tag}-UNKNOWN`]).catch((e: unknown) => e);
      expect(isFerryError(err) && err.code).toBe('mapping_missing');
      expect(await t.client.listPrices([sku(1), `${tag}-UNKNOWN`], 'USD')).toEqual(new Map([[sku(1), 1250]]));
    },
  ]);

  steps.push([
    'creates and confirms one order exactly once',
    async () => {
      const t = target();
      const order = contractOrder(tag, 1, [
        [sku(1), 3],
        [sku(2), 2],
      ]);
      const o = await t.client.createAndConfirmOrder(order);
      expect(o).toMatchObject({ channelRef: `contract:${tag}-1`, state: 'sale', created: true });
      expect(await t.client.createAndConfirmOrder(order)).toMatchObject({ odooId: o.odooId, created: false });
      s.orderA = o.odooId;
    },
  ]);

  steps.push([
    'creates and confirms a batch, each order once, a retry finding them',
    async () => {
      const t = target();
      const batch = [2, 3, 4].map((n) => contractOrder(tag, n, [[sku(3), 1]]));
      const r = await t.client.createAndConfirmOrders(batch);
      expect(r.failed).toEqual([]);
      expect(r.ok.map((o) => [o.channelRef, o.state, o.created])).toEqual(
        [2, 3, 4].map((n) => [`contract:${tag}-${n}`, 'sale', true]),
      );
      const retry = await t.client.createAndConfirmOrders(batch);
      expect(retry.ok.map((o) => o.created)).toEqual([false, false, false]);
      s.orderB = r.ok[0]!.odooId;
    },
  ]);

  steps.push([
    'ships part of an order with tracking, leaving a backorder',
    async () => {
      const t = target();
      const [pick] = await t.client.readPickings(s.orderA!);
      expect(pick).toMatchObject({ kind: 'outgoing', state: 'assigned' });
      const v = await t.client.validatePicking({
        pickingId: pick!.id,
        lines: [
          { sku: sku(1), quantity: 2 },
          { sku: sku(2), quantity: 2 },
        ],
        trackingRef: `${tag}-TRK`,
        backorder: 'create',
      });
      expect(v).toMatchObject({ state: 'done', alreadyDone: false });
      expect(v.backorderIds).toHaveLength(1);
      const [done, back] = await t.client.readPickings(s.orderA!);
      expect(back).toMatchObject({ id: v.backorderIds[0], backorderOf: pick!.id, state: 'assigned' });
      expect(back!.moves.map((m) => [m.productId, m.demand])).toEqual([[products.get(sku(1)), 1]]);
      if ((await t.client.features()).nativeTracking) expect(done!.trackingRef).toBe(`${tag}-TRK`);
      else {
        const notes = await t.client.connection.call<{ body: string }[]>('mail.message', 'search_read', {
          domain: [
            ['model', '=', 'stock.picking'],
            ['res_id', '=', pick!.id],
            ['body', 'ilike', `${tag}-TRK`],
          ],
          fields: ['body'],
          context: CHECK,
        });
        expect(notes).toHaveLength(1);
      }
      expect(
        await t.client.validatePicking({ pickingId: pick!.id, lines: [], backorder: 'create' }),
      ).toMatchObject({
        alreadyDone: true,
      });
      s.pickA = pick!.id;
      s.backorder = v.backorderIds[0];
    },
  ]);

  steps.push([
    'reads stock by location after the shipment',
    async () => {
      const t = target();
      const stock = await t.client.readStock({ productIds: [products.get(sku(1))!, products.get(sku(2))!] });
      const at = (id: number) => stock.filter((q) => q.productId === id);
      expect(at(products.get(sku(1))!).map((q) => [q.location, q.onHand, q.reserved])).toEqual([
        ['WH/Stock', 98, 1],
      ]);
      expect(at(products.get(sku(2))!).map((q) => [q.location, q.onHand, q.reserved])).toEqual([
        ['WH/Stock', 98, 0],
      ]);
    },
  ]);

  steps.push([
    'invoices what was delivered',
    async () => {
      const t = target();
      const inv = await t.client.invoiceOrder(s.orderA!);
      expect(inv.posted).toHaveLength(1);
      expect(inv.posted[0]).toMatchObject({ moveType: 'out_invoice' });
      const a = await untaxed(inv.posted[0]!.id);
      expect(a.untaxed).toBe(4 * 1250);
      expect(inv.posted[0]!.amountTotalMinor).toBe(a.total);
      s.invoiceA = inv.posted[0]!.id;
    },
  ]);

  steps.push([
    'returns one unit, once per key',
    async () => {
      const t = target();
      const req = {
        pickingId: s.pickA!,
        key: `${tag}-RMA`,
        refund: true,
        lines: [{ sku: sku(1), quantity: 1 }],
      };
      const r = await t.client.returnPicking(req);
      expect(r).toMatchObject({ state: 'done', created: true });
      expect(await t.client.returnPicking(req)).toMatchObject({
        returnPickingId: r.returnPickingId,
        created: false,
      });
    },
  ]);

  steps.push([
    'credits one unit (partial credit note), once per key',
    async () => {
      const t = target();
      const req = {
        invoiceId: s.invoiceA!,
        key: `${tag}-CN1`,
        reason: 'contract',
        lines: [{ sku: sku(1), quantity: 1 }],
      };
      const cn = await t.client.createCreditNote(req);
      expect(cn).toMatchObject({ state: 'posted', created: true });
      expect((await untaxed(cn.creditNoteId)).untaxed).toBe(1250);
      expect(await t.client.createCreditNote(req)).toMatchObject({
        creditNoteId: cn.creditNoteId,
        created: false,
      });
    },
  ]);

  steps.push([
    'credits a whole invoice (full credit note)',
    async () => {
      const t = target();
      const [pick] = await t.client.readPickings(s.orderB!);
      await t.client.validatePicking({
        pickingId: pick!.id,
        lines: [{ sku: sku(3), quantity: 1 }],
        backorder: 'none',
      });
      const inv = await t.client.invoiceOrder(s.orderB!);
      const cn = await t.client.createCreditNote({ invoiceId: inv.posted[0]!.id, key: `${tag}-CN2` });
      expect(cn.state).toBe('posted');
      expect(cn.amountTotalMinor).toBe(inv.posted[0]!.amountTotalMinor);
    },
  ]);

  steps.push([
    'cancels an open backorder, then a whole order, each once',
    async () => {
      const t = target();
      expect(await t.client.cancelPicking(s.backorder!)).toMatchObject({ alreadyCancelled: false });
      expect(await t.client.cancelPicking(s.backorder!)).toMatchObject({ alreadyCancelled: true });
      const o = await t.client.createAndConfirmOrder(contractOrder(tag, 9, [[sku(3), 2]]));
      const c = await t.client.cancelOrder(o.odooId);
      expect(c).toMatchObject({ orderId: o.odooId, alreadyCancelled: false });
      expect(c.cancelledPickingIds).toHaveLength(1);
      expect(await t.client.cancelOrder(o.odooId)).toMatchObject({ alreadyCancelled: true });
    },
  ]);

  steps.push([
    'reads order and stock changes after a cursor, page by page',
    async () => {
      const t = target();
      const refs = new Map<string, string>();
      let cursor: Cursor | null = null;
      for (let page = 0; page < 1000; page++) {
        const ch = await t.client.orderChangesSince(cursor, 50);
        for (const o of ch.items) if (typeof o.channelRef === 'string') refs.set(o.channelRef, o.state);
        cursor = ch.cursor;
        if (!ch.more) break;
      }
      expect(refs.get(`contract:${tag}-1`)).toBe('sale');
      expect(refs.get(`contract:${tag}-9`)).toBe('cancel');
      const after = await t.client.orderChangesSince(cursor, 50);
      expect(after.items.filter((o) => String(o.channelRef).includes(tag))).toEqual([]);
      const stock = await t.client.stockChangesSince(null, 5000);
      expect(stock.items.some((q) => q.productId === products.get(sku(3)))).toBe(true);
    },
  ]);

  steps.push([
    'posts a balanced journal entry once per key',
    async () => {
      const t = target();
      const code = async (type: string) =>
        (
          await t.client.connection.call<{ code: string }[]>('account.account', 'search_read', {
            domain: [['account_type', '=', type]],
            fields: ['code'],
            limit: 1,
            context: CHECK,
          })
        )[0]!.code;
      const [expense, bank] = [await code('expense'), await code('asset_cash')];
      const req = {
        key: `${tag}-FEE`,
        currency: 'USD',
        lines: [
          { account: expense, label: 'channel fee', debitMinor: 345 },
          { account: bank, label: 'channel fee', creditMinor: 345 },
        ],
      };
      const je = await t.client.postJournalEntry(req);
      expect(je.created).toBe(true);
      expect(await t.client.postJournalEntry(req)).toMatchObject({ moveId: je.moveId, created: false });
    },
  ]);
  return { setup, steps };
}

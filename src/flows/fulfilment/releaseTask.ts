/**
 * Fulfilment release (DESIGN.md §5): an accepted order goes to the warehouse that holds its stock
 * (split by rule). The routing is stored before anything is sent, so a retry sends the same parts
 * even if stock moved meanwhile; each part is sent through the port, idempotent by order ref.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import { transition, type OrderState } from '../../core/lifecycle.js';
import { Order, type FulfilmentRequest } from '../../core/model.js';
import { openShippableLines, resolvedSku } from '../../core/orderMath.js';
import { defineTask, type AnyTask, type JobContext } from '../../engine/index.js';
import type { NewJob } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ReleaseRow } from '../../store/warehouse/index.js';
import { activeHolds, orderingKey } from '../order-intake/index.js';
import { FULFILMENT_LANE, type FulfilmentDeps, type WarehouseSite } from './deps.js';
import { withWarehouseItems } from './itemMapping.js';
import { route, sitesFor, type StockByWarehouse } from './routing.js';

const Payload = z.object({ ref: z.string().min(1) });
type Ctx = JobContext<z.infer<typeof Payload>>;

export const RELEASE_TASK = 'warehouse.release';

/** The job that releases order `ref`; the `next` hook of order acceptance. */
export function releaseJob(ref: string, again?: string): NewJob {
  return {
    lane: FULFILMENT_LANE,
    task: RELEASE_TASK,
    payload: { ref },
    orderingKey: orderingKey(ref),
    // A release asked again (a hold ended) is a new job; the first one already completed.
    idempotencyKey: again ? `release:${ref}:${again}` : `release:${ref}`,
  };
}

/**
 * Units per SKU in each warehouse's Odoo locations (on hand: the order's own reservation counts),
 * counting the products of the order's company.
 */
async function stockOf(
  deps: FulfilmentDeps,
  sites: readonly WarehouseSite[],
  skus: string[],
  company: number | undefined,
): Promise<StockByWarehouse> {
  const out = new Map<string, Map<string, number>>();
  if (sites.length < 2) return out;
  const products = await deps.odoo.resolveProducts(skus, company);
  const positions = await deps.odoo.readStock({ productIds: [...products.values()] });
  const skuOf = new Map([...products].map(([sku, id]) => [id, sku]));
  for (const site of sites) {
    const held = new Map<string, number>();
    for (const p of positions) {
      const sku = skuOf.get(p.productId);
      if (sku && site.odooLocations.includes(p.location)) held.set(sku, (held.get(sku) ?? 0) + p.onHand);
    }
    out.set(site.id, held);
  }
  return out;
}

/**
 * What the warehouse gets: only the units still to fulfil of lines that ship (catalogue products
 * needing shipping), under the SKU resolved at acceptance, never the ordered quantities.
 */
function requestLines(row: OrderRow, order: Order): FulfilmentRequest['lines'] {
  return openShippableLines(order).map(({ line: l, quantity }) => {
    const sku = resolvedSku(l);
    if (!sku)
      throw new FerryError(
        'mapping_missing',
        `order ${row.ref} line ${l.lineId} has no SKU to send to a warehouse`,
        {
          impact: Impact.blocksShipment,
          entities: { orderRef: row.ref, lineId: l.lineId },
        },
      );
    return { lineId: l.lineId, sku, quantity };
  });
}

/** Routes and records the releases once; later attempts read what was recorded. */
async function plan(ctx: Ctx, deps: FulfilmentDeps, row: OrderRow): Promise<ReleaseRow[]> {
  const existing = await ctx.store.releases.listReleases(row.ref);
  if (existing.length > 0) return existing;
  const order = Order.parse(row.canonical);
  const lines = requestLines(row, order);
  if (lines.length === 0) return [];
  const company = deps.companyOf?.(order);
  const sites = sitesFor(deps.sites, row.ref, order.requestedWarehouse, company);
  const preferred = sites.map((s) => s.id);
  const requested = order.requestedWarehouse;
  const ordered =
    requested && preferred.includes(requested)
      ? [requested, ...preferred.filter((w) => w !== requested)]
      : preferred;
  const stock = await stockOf(deps, sites, [...new Set(lines.map((l) => l.sku))], company);
  const parts = route(lines, ordered, stock, deps.rules.split);
  const shipTo = order.customer.shippingAddress ?? { name: order.customer.name };
  const carrier = order.shippingLines[0]?.code;
  const now = deps.clock.now();
  const mapped = await Promise.all(parts.map((p) => withWarehouseItems(ctx.store, p.warehouse, p.lines)));
  await ctx.store.transaction(async (tx) => {
    for (const [i, p] of parts.entries()) {
      const request: FulfilmentRequest = {
        orderRef: row.ref,
        warehouse: p.warehouse,
        shipTo: { ...shipTo, name: shipTo.name ?? order.customer.name },
        lines: mapped[i]!,
        ...(carrier ? { service: carrier } : {}),
        ...(deps.rules.defaultCarrier ? { carrier: deps.rules.defaultCarrier } : {}),
      };
      await tx.releases.insertRelease({ orderRef: row.ref, warehouse: p.warehouse, request, now });
    }
  });
  return ctx.store.releases.listReleases(row.ref);
}

async function send(ctx: Ctx, deps: FulfilmentDeps, r: ReleaseRow): Promise<ReleaseRow> {
  if (r.state !== 'pending') return r;
  const port = deps.ports.get(r.warehouse);
  if (!port)
    throw new FerryError(
      'config_invalid',
      `warehouse "${r.warehouse}" of order ${r.orderRef} is no longer configured`,
      {
        entities: { orderRef: r.orderRef, warehouse: r.warehouse },
      },
    );
  const receipt = await port.release(r.request as FulfilmentRequest);
  const now = deps.clock.now();
  const patch = {
    state: receipt.acknowledged ? 'acknowledged' : 'sent',
    externalRef: receipt.externalRef,
    ackDueAt: receipt.ackDueAtMs ?? null,
    ...(receipt.acknowledged ? { ackedAt: now } : {}),
    // The shipment answering this release continues the order's trace from here.
    trace: ctx.traceContext(),
    now,
  };
  // Recorded at once, not with the job: the warehouse has the order now, whatever happens next.
  await ctx.store.releases.updateRelease(r.id, patch);
  return { ...r, state: patch.state, externalRef: receipt.externalRef };
}

function recordReleased(ctx: Ctx, deps: FulfilmentDeps, row: OrderRow, sent: ReleaseRow[]): void {
  const now = deps.clock.now();
  const t = transition(row.state as OrderState, 'released');
  ctx.write(async (tx) => {
    await tx.orders.transitionOrder(row.id, 'released', now);
    await tx.orders.addOrderRefs(
      row.id,
      sent.map((r) => `wms:${r.warehouse}:order:${r.externalRef ?? row.ref}`),
    );
    await tx.orders.appendOrderEvent({
      orderId: row.id,
      at: now,
      type: 'released',
      fromState: row.state,
      toState: t.kind === 'applied' ? 'released' : row.state,
      source: `job:${ctx.job.id}`,
      detail: {
        releases: sent.map((r) => ({ warehouse: r.warehouse, externalRef: r.externalRef, state: r.state })),
      },
    });
  });
}

/** Why the order may not go to a warehouse now: a hold in force, or a test order. */
async function releaseBlocker(
  ctx: Ctx,
  row: OrderRow,
): Promise<{ type: string; reason: string } | undefined> {
  if (Order.parse(row.canonical).test)
    return { type: 'release_skipped', reason: 'test orders are never released to a warehouse' };
  const holds = await activeHolds(ctx.store, row.id);
  if (holds.length)
    return { type: 'release_waiting', reason: holds.map((h) => `${h.kind}: ${h.reason}`).join('; ') };
  return undefined;
}

function recordNotReleased(
  ctx: Ctx,
  deps: FulfilmentDeps,
  row: OrderRow,
  why: { type: string; reason: string },
) {
  const now = deps.clock.now();
  ctx.write((tx) =>
    tx.orders.appendOrderEvent({
      orderId: row.id,
      at: now,
      type: why.type,
      fromState: row.state,
      toState: row.state,
      source: `job:${ctx.job.id}`,
      detail: { reason: why.reason },
    }),
  );
}

function requestSkus(sent: ReleaseRow[]): string[] {
  return sent.flatMap((r) => (r.request as FulfilmentRequest).lines.map((l) => l.sku));
}

/** `warehouse.release {ref}`: routes the order, sends each part, moves the order to released. */
export function releaseTask(deps: FulfilmentDeps): AnyTask {
  return defineTask({
    name: RELEASE_TASK,
    lane: FULFILMENT_LANE,
    payload: Payload,
    impact: Impact.blocksShipment,
    handle: async (ctx) => {
      const row = await ctx.store.orders.getOrderByRef(ctx.payload.ref);
      if (!row) throw new FerryError('not_found', `order ${ctx.payload.ref} is not known to Ferry`);
      if (row.state === 'cancelled' || row.state === 'rejected') return;
      const waiting = await releaseBlocker(ctx, row);
      if (waiting) {
        recordNotReleased(ctx, deps, row, waiting);
        return;
      }
      const releases = await plan(ctx, deps, row);
      if (releases.length === 0) {
        recordNotReleased(ctx, deps, row, { type: 'release_skipped', reason: 'nothing is left to ship' });
        return;
      }
      if (ctx.shadow || (await deps.shadow?.('fulfilment', row.channel))) {
        for (const r of releases) ctx.wouldWrite(`wms:${r.warehouse}`, 'release', r.request);
        return;
      }
      const sent: ReleaseRow[] = [];
      for (const r of releases) sent.push(await send(ctx, deps, r));
      recordReleased(ctx, deps, row, sent);
      // Committed with the release, so availability is re-read at once, not at the next poll.
      const moved = deps.stockMoved?.(requestSkus(sent), 'release', row.ref);
      if (moved) ctx.enqueue(moved);
    },
  });
}

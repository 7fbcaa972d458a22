/**
 * Which warehouse ships which lines (pure). The warehouse holding everything wins; otherwise the
 * split rule decides between several releases and one release to the best-stocked warehouse.
 */
import { FerryError, Impact } from '../../core/errors.js';
import type { FulfilmentRequest } from '../../core/model.js';
import type { WarehouseSite } from './deps.js';

type Line = FulfilmentRequest['lines'][number];

/** Units per SKU each warehouse holds. */
export type StockByWarehouse = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** One release: a warehouse and the lines it ships. */
export interface RoutePart {
  readonly warehouse: string;
  readonly lines: Line[];
}

const held = (stock: StockByWarehouse, wh: string, sku: string): number => stock.get(wh)?.get(sku) ?? 0;

function fills(stock: StockByWarehouse, wh: string, lines: readonly Line[]): boolean {
  return lines.every((l) => held(stock, wh, l.sku) >= l.quantity);
}

function coverage(stock: StockByWarehouse, wh: string, lines: readonly Line[]): number {
  return lines.reduce((sum, l) => sum + Math.min(l.quantity, held(stock, wh, l.sku)), 0);
}

/** Greedy split in preference order; what nobody holds goes to the first warehouse (it backorders). */
function split(stock: StockByWarehouse, order: readonly string[], lines: readonly Line[]): RoutePart[] {
  const left = new Map(order.map((wh) => [wh, new Map(stock.get(wh) ?? [])]));
  const parts = new Map<string, Line[]>();
  const add = (wh: string, line: Line, quantity: number) =>
    parts.set(wh, [...(parts.get(wh) ?? []), { ...line, quantity }]);
  for (const line of lines) {
    let open = line.quantity;
    for (const wh of order) {
      const units = Math.min(open, left.get(wh)?.get(line.sku) ?? 0);
      if (units <= 0) continue;
      add(wh, line, units);
      left.get(wh)!.set(line.sku, (left.get(wh)!.get(line.sku) ?? 0) - units);
      open -= units;
      if (open === 0) break;
    }
    if (open > 0) add(order[0]!, line, open);
  }
  // Merge a line that landed twice in the first warehouse (held part + backordered rest).
  return [...parts].map(([warehouse, ls]) => ({ warehouse, lines: mergeLines(ls) }));
}

function mergeLines(lines: Line[]): Line[] {
  const out = new Map<string, Line>();
  for (const l of lines) {
    const seen = out.get(l.lineId);
    out.set(l.lineId, seen ? { ...seen, quantity: seen.quantity + l.quantity } : l);
  }
  return [...out.values()];
}

/**
 * Routes `lines` over warehouses in `order` (preference first). Returns one part per warehouse
 * that ships something; never empty when `order` is not.
 */
export function route(
  lines: readonly Line[],
  order: readonly string[],
  stock: StockByWarehouse,
  rule: 'split' | 'single',
): RoutePart[] {
  if (order.length === 0) return [];
  if (order.length === 1) return [{ warehouse: order[0]!, lines: [...lines] }];
  const whole = order.find((wh) => fills(stock, wh, lines));
  if (whole) return [{ warehouse: whole, lines: [...lines] }];
  if (rule === 'split') return split(stock, order, lines);
  const best = order.reduce((a, b) => (coverage(stock, b, lines) > coverage(stock, a, lines) ? b : a));
  return [{ warehouse: best, lines: [...lines] }];
}

/**
 * The warehouses an order may go to: those shipping for the Odoo company it books in. An order
 * asking for another company's warehouse, or of a company no warehouse ships for, is a
 * configuration error naming both companies.
 */
export function sitesFor(
  sites: readonly WarehouseSite[],
  ref: string,
  requested: string | undefined,
  company: number | undefined,
): readonly WarehouseSite[] {
  if (company === undefined) return sites;
  const own = sites.filter((s) => s.company === undefined || s.company === company);
  const asked = sites.find((s) => s.id === requested);
  if (asked && !own.includes(asked))
    throw new FerryError(
      'config_invalid',
      `order ${ref} books in Odoo company ${company}, but the warehouse it asks for, "${asked.id}", ships for company ${asked.company}`,
      { impact: Impact.blocksShipment, entities: { orderRef: ref, company, warehouse: asked.id } },
    );
  if (!own.length)
    throw new FerryError(
      'config_invalid',
      `order ${ref} books in Odoo company ${company}, and no configured warehouse ships for it (${sites.map((s) => `"${s.id}" ships for company ${s.company}`).join(', ')}); set warehouses[].odooCompany`,
      { impact: Impact.blocksShipment, entities: { orderRef: ref, company } },
    );
  return own;
}

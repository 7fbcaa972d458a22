/**
 * Replays a real server's call log (shared/odoo-observed) against the simulator: ids in the
 * arguments are translated from the real run's ids to the simulator's, learnt from each answer,
 * and each answer is reduced to a comparable "shape" (keys, value types, states, quantities,
 * amounts, names with digits masked). Used by the simulator's tests only.
 */
import { expect } from 'vitest';
import type { SimCore } from '../simulator.js';

export type IdMap = Map<string, Map<number, number>>;

const CTX_IDS: Record<string, string> = { button_validate_picking_ids: 'stock.picking' };

export class Translator {
  readonly ids: IdMap = new Map();
  constructor(private readonly core: SimCore) {}

  private map(model: string): Map<number, number> {
    let m = this.ids.get(model);
    if (!m) this.ids.set(model, (m = new Map<number, number>()));
    return m;
  }

  /** The comodel of a relational field, or undefined. */
  comodelOf(model: string, field: string): string | undefined {
    return this.comodel(model, field);
  }

  private comodel(model: string, field: string): string | undefined {
    if (!this.core.orm.hasModel(model)) return undefined;
    return this.core.orm.model(model).fields[field]?.comodel;
  }

  id(model: string, obs: number): number {
    return this.map(model).get(obs) ?? obs;
  }

  learn(model: string, obs: unknown, sim: unknown): void {
    if (typeof obs === 'number' && typeof sim === 'number') this.map(model).set(obs, sim);
    else if (Array.isArray(obs) && Array.isArray(sim)) obs.forEach((o, i) => this.learn(model, o, sim[i]));
    else if (isObj(obs) && isObj(sim)) {
      for (const [k, v] of Object.entries(obs)) {
        if (k === 'id') this.learn(model, v, sim.id);
        const co = k === 'res_id' ? (obs.res_model as string) : this.comodel(model, k);
        if (!co) continue;
        if (Array.isArray(v) && typeof v[1] === 'string' && Array.isArray(sim[k]))
          this.learn(co, v[0], (sim[k] as unknown[])[0]);
        else this.learn(co, v, sim[k]);
      }
    }
  }

  vals(model: string, vals: unknown): unknown {
    if (!isObj(vals)) return vals;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(vals)) {
      const co = this.comodel(model, k);
      out[k] = co ? this.relValue(co, v) : v;
    }
    return out;
  }

  private relValue(co: string, v: unknown): unknown {
    if (typeof v === 'number') return this.id(co, v);
    if (!Array.isArray(v)) return v;
    return (v as unknown[]).map((cmd): unknown => {
      if (typeof cmd === 'number') return this.id(co, cmd);
      if (!Array.isArray(cmd)) return cmd;
      const [op, id, arg] = cmd as [number, number, unknown];
      if (op === 6) return [6, 0, (arg as number[]).map((x) => this.id(co, x))];
      if (op === 0) return [0, 0, this.vals(co, arg)];
      if (op === 1) return [1, this.id(co, id), this.vals(co, arg)];
      return [op, this.id(co, id)];
    });
  }

  context(ctx: unknown): unknown {
    if (!isObj(ctx)) return ctx;
    const out: Record<string, unknown> = { ...ctx };
    const active = typeof ctx.active_model === 'string' ? ctx.active_model : undefined;
    if (active && typeof ctx.active_id === 'number') out.active_id = this.id(active, ctx.active_id);
    if (active && Array.isArray(ctx.active_ids))
      out.active_ids = (ctx.active_ids as number[]).map((x) => this.id(active, x));
    for (const [k, model] of Object.entries(CTX_IDS)) {
      if (Array.isArray(ctx[k])) out[k] = (ctx[k] as number[]).map((x) => this.id(model, x));
    }
    if (Array.isArray(ctx.default_pick_ids)) {
      out.default_pick_ids = (ctx.default_pick_ids as [number, number][]).map(([op, id]) => [
        op,
        this.id('stock.picking', id),
      ]);
    }
    return out;
  }
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Digits masked, so S00001 and S00033, or two timestamps, compare equal. */
export function mask(s: string): string {
  return s.replace(/\d+/g, '#');
}

/** Fields whose values (not only types) must match the real answer. */
const EXACT = new Set([
  'state',
  'move_type',
  'amount_total',
  'amount_residual',
  'payment_state',
  'qty_delivered',
  'qty_invoiced',
  'qty_to_invoice',
  'quantity',
  'product_uom_qty',
  'picked',
  'invoice_status',
  'type',
  'is_storable',
  'detailed_type',
  'qty_available',
  'virtual_available',
  'to_refund',
  'price_unit',
  'res_model',
  'view_mode',
  'target',
  'domain',
]);

/** A comparable reduction of an answer: ids dropped, names masked, exact values where they matter. */
export function shape(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) {
    if (v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') return ['m2o', mask(v[1])];
    if (v.every((x) => typeof x === 'number')) return `ids[${v.length}]`;
    return v.map((x) => shape(x, key));
  }
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = shape(v[k], k);
    return out;
  }
  if (key === 'id' || key === 'res_id' || key.endsWith('_id')) return typeof v;
  if (EXACT.has(key)) return v;
  if (typeof v === 'string') return mask(v);
  return typeof v;
}

/** Keeps only the keys the simulator is expected to reproduce in an action dict. */
export function actionCore(v: unknown): unknown {
  if (!isObj(v) || v.type !== 'ir.actions.act_window') return v;
  const keep = ['type', 'res_model', 'res_id', 'name', 'target', 'domain'];
  const out: Record<string, unknown> = {};
  for (const k of keep) if (k in v) out[k] = v[k];
  if (isObj(v.context)) out.contextKeys = Object.keys(v.context).sort();
  return out;
}

/** One JSON-RPC request to the simulator; the HTTP status is always 200 (ODOO.md §1). */
export async function rpc(url: string, params: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Odoo 16's immediate-transfer wizard (stock.immediate.transfer, removed in 17; ODOO.md §2 step
 * 12), as real 16 runs it: `process` fills in and validates only the pickings of its lines, and
 * its lines come from `default_get` — built from `pick_ids` only when `pick_ids` itself comes as a
 * context default. A wizard created with `pick_ids` as a value gets no lines, so its `process`
 * sets no quantity and the picking it was asked about stays as it was.
 */
import type { ModelDef } from '../schema.js';
import type { Env, Rec } from '../types.js';
import { reservedOf } from './stock-picking.js';
import { buttonValidate, openMoves } from './stock-validate.js';

const WIZARD = 'stock.immediate.transfer';
const LINE = 'stock.immediate.transfer.line';

/** Ids of a `default_pick_ids` context value: commands (4, id) / (6, 0, ids), or plain ids. */
function pickIdsOf(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  const ids: number[] = [];
  for (const c of v as unknown[]) {
    if (typeof c === 'number') ids.push(c);
    else if (Array.isArray(c) && c[0] === 4 && typeof c[1] === 'number') ids.push(c[1]);
    else if (Array.isArray(c) && c[0] === 6 && Array.isArray(c[2])) ids.push(...(c[2] as number[]));
  }
  return ids;
}

/**
 * default_get: the fields missing from the values take their context default; the lines are made
 * from `pick_ids` only when `pick_ids` was one of those missing fields (16's default_get override).
 */
function applyDefaults(env: Env, vals: Record<string, unknown>): void {
  if (!('show_transfers' in vals) && 'default_show_transfers' in env.ctx) {
    vals.show_transfers = env.ctx.default_show_transfers;
  }
  if ('pick_ids' in vals || !('default_pick_ids' in env.ctx)) return;
  const ids = pickIdsOf(env.ctx.default_pick_ids);
  vals.pick_ids = [[6, 0, ids]];
  if (!('immediate_transfer_line_ids' in vals)) {
    vals.immediate_transfer_line_ids = ids.map((id) => [0, 0, { to_immediate: true, picking_id: id }]);
  }
}

/** 16's process: quantities set on the lines' pickings, then button_validate_picking_ids validated. */
function process(env: Env, ids: number[]): unknown {
  const lines = env.db.where(LINE, (l: Rec) => ids.includes(l.immediate_transfer_id as number));
  const notImmediate = lines.filter((l) => l.to_immediate !== true).map((l) => l.picking_id as number);
  for (const l of lines) {
    if (l.to_immediate !== true) continue;
    for (const m of openMoves(env, l.picking_id as number)) {
      env.db.update('stock.move', m.id, { quantity_done: reservedOf(env, m) });
    }
  }
  const toValidate = (env.ctx.button_validate_picking_ids as number[] | undefined) ?? [];
  if (!toValidate.length) return true;
  const skip: Env = { ...env, ctx: { ...env.ctx, skip_immediate: true } };
  return buttonValidate(
    skip,
    toValidate.filter((id) => !notImmediate.includes(id)),
  );
}

export const immediateTransferModels: readonly ModelDef[] = [
  {
    name: WIZARD,
    label: 'Immediate Transfer',
    app: 'stock',
    versions: [16],
    fields: {
      pick_ids: { type: 'm2m', comodel: 'stock.picking' },
      show_transfers: { type: 'bool' },
      immediate_transfer_line_ids: { type: 'o2m', comodel: LINE, inverse: 'immediate_transfer_id' },
    },
    prepare: applyDefaults,
    methods: {
      process: { params: [], access: 'write', versions: [16], run: (env, ids) => process(env, ids) },
    },
  },
  {
    name: LINE,
    label: 'Immediate Transfer Line',
    app: 'stock',
    versions: [16],
    fields: {
      immediate_transfer_id: { type: 'm2o', comodel: WIZARD, required: true },
      picking_id: { type: 'm2o', comodel: 'stock.picking', required: true, label: 'Transfer' },
      to_immediate: { type: 'bool', label: 'To Process' },
    },
    methods: {},
  },
];

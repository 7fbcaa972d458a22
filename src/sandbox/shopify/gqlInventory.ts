/**
 * `inventorySetQuantities` with 2026-04's rules (PROTOCOLS.md §1.4): `@idempotent(key:)` required
 * (same key → the first answer again), `changeFromQuantity` required on every quantity, a mismatch
 * answered with CHANGE_FROM_QUANTITY_STALE and nothing written. Plus `nodes(ids)` level reads.
 */
import type { GqlError, OpContext, OpHandler } from './gqlTypes.js';
import type { InventoryLevelRecord } from './state.js';

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetInput {
  name?: string;
  reason?: string;
  quantities?: QuantityInput[];
}

type UserError = { code: string; field: string[]; message: string };

/**
 * Wording of the missing-directive error is UNCONFIRMED (the changelog says only "an error at
 * runtime"); the code is what Ferry's client keys on: a top-level error, not a userError.
 */
export const MISSING_IDEMPOTENCY: GqlError = {
  message: 'The @idempotent directive with a key is required for this mutation in API version 2026-04.',
  extensions: { code: 'BAD_REQUEST' },
};

/** The key of `@idempotent(key: "…")`, literal or through a variable. */
export function idempotencyKey(ctx: OpContext): string | undefined {
  const literal = /@idempotent\(\s*key:\s*"([^"]+)"\s*\)/.exec(ctx.query);
  if (literal) return literal[1];
  const variable = /@idempotent\(\s*key:\s*\$(\w+)\s*\)/.exec(ctx.query);
  const value = variable ? ctx.variables[variable[1]!] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export const inventorySetQuantities: OpHandler = {
  requestedCost: () => 10,
  run(ctx) {
    const key = idempotencyKey(ctx);
    if (key === undefined) return { errors: [MISSING_IDEMPOTENCY] };
    const replay = ctx.state.idempotency.get(key);
    if (replay !== undefined) return { data: replay };
    const data = { inventorySetQuantities: setQuantities(ctx, ctx.variables.input ?? {}) };
    ctx.state.idempotency.set(key, data);
    return { data };
  },
};

function setQuantities(ctx: OpContext, input: SetInput) {
  const none = (userErrors: UserError[]) => ({ inventoryAdjustmentGroup: null, userErrors });
  const name = input.name;
  if (name !== 'available' && name !== 'on_hand') {
    return none([
      {
        code: 'INVALID_NAME',
        field: ['input', 'name'],
        message: `"${String(name)}" cannot be set; use available or on_hand.`,
      },
    ]);
  }
  const quantities = input.quantities ?? [];
  const checked = quantities.map((q, i) => checkQuantity(ctx, q, i, name));
  const errors = checked.filter((c): c is UserError => 'code' in c);
  if (errors.length > 0) return none(errors);
  const changes = (checked as InventoryLevelRecord[]).flatMap((level, i) =>
    applyQuantity(level, name, quantities[i]!.quantity),
  );
  if (changes.length === 0) return none([]);
  return {
    inventoryAdjustmentGroup: { id: `gid://shopify/InventoryAdjustmentGroup/${ctx.state.nextId()}`, changes },
    userErrors: [],
  };
}

function checkQuantity(
  ctx: OpContext,
  q: QuantityInput,
  i: number,
  name: 'available' | 'on_hand',
): UserError | InventoryLevelRecord {
  const at = ['input', 'quantities', String(i)];
  if (!('changeFromQuantity' in q)) {
    // 2026-04: omitting changeFromQuantity is an error; `null` opts out of the compare.
    return {
      code: 'INVALID_CHANGE_FROM_QUANTITY',
      field: [...at, 'changeFromQuantity'],
      message: 'changeFromQuantity is required (use null to skip the check).',
    };
  }
  const level = ctx.state.level(q.inventoryItemId, q.locationId);
  if (!level)
    return {
      code: 'ITEM_NOT_STOCKED_AT_LOCATION',
      field: [...at, 'locationId'],
      message: 'The item is not stocked at the location.',
    };
  if (q.changeFromQuantity !== null && q.changeFromQuantity !== level.quantities[name]) {
    return {
      code: 'CHANGE_FROM_QUANTITY_STALE',
      field: [...at, 'changeFromQuantity'],
      message: `The quantity changed: expected ${q.changeFromQuantity}, current ${level.quantities[name]}.`,
    };
  }
  return level;
}

/** Setting `available` moves `on_hand` by the same delta and the other way round (on_hand = available + committed + …). */
function applyQuantity(level: InventoryLevelRecord, name: 'available' | 'on_hand', quantity: number) {
  const delta = quantity - level.quantities[name];
  if (delta === 0) return [];
  level.quantities.available += delta;
  level.quantities.on_hand += delta;
  const item = { id: level.inventoryItemId };
  const location = { id: level.locationId };
  return (['available', 'on_hand'] as const).map((n) => ({
    name: n,
    delta,
    quantityAfterChange: level.quantities[n],
    item,
    location,
  }));
}

export const inventoryLevels: OpHandler = {
  requestedCost: ({ variables }) => 1 + (Array.isArray(variables.ids) ? variables.ids.length : 0) * 3,
  run(ctx) {
    const ids = (Array.isArray(ctx.variables.ids) ? ctx.variables.ids : []) as string[];
    const location = typeof ctx.variables.locationId === 'string' ? ctx.variables.locationId : '';
    const names = (Array.isArray(ctx.variables.names) ? ctx.variables.names : ['available']) as string[];
    const known = new Set([...ctx.state.inventory.values()].map((l) => l.inventoryItemId));
    const nodes = ids.map((id) => {
      if (!known.has(id)) return null;
      const level = ctx.state.level(id, location);
      const sku = [...ctx.state.inventory.values()].find((l) => l.inventoryItemId === id)?.sku ?? null;
      const quantities = level
        ? names.map((n) => ({ name: n, quantity: level.quantities[n as 'available'] ?? 0 }))
        : [];
      return { id, sku, inventoryLevel: level ? { quantities } : null };
    });
    return { data: { nodes } };
  },
};

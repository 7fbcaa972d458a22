/**
 * `inventorySetQuantities` with 2026-04's rules (mutations/inventorySetQuantities and
 * enums/InventorySetQuantitiesUserErrorCode):
 * - `@idempotent(key:)` is required; the same key with the same arguments answers the first
 *   result again; with other arguments IDEMPOTENCY_KEY_PARAMETER_MISMATCH; while the first is still
 *   running IDEMPOTENCY_CONCURRENT_REQUEST ("try again"); after a first attempt that failed
 *   IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED ("retry with a new idempotency key");
 * - `changeFromQuantity` must be present on every quantity (a value, or an explicit null to skip
 *   the compare); a mismatch is CHANGE_FROM_QUANTITY_STALE and nothing is written.
 * Plus `nodes(ids)` → InventoryItem and `inventoryLevel(locationId)` reads.
 */
import { GraphQLError, getDirectiveValues } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { SimContext, UserError } from './gqlTypes.js';
import type { InventoryLevelRecord } from './state.js';

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

/** Messages of the idempotency codes, as enums/InventorySetQuantitiesUserErrorCode describes them. */
const IDEMPOTENCY_MESSAGES = {
  IDEMPOTENCY_CONCURRENT_REQUEST: 'This request is currently in progress, please try again.',
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH:
    'The same idempotency key cannot be used with different operation parameters.',
  IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED:
    'A previous request with this idempotency key failed. Retry with a new idempotency key.',
} as const;

/** The `key` of the field's `@idempotent` directive, literal or through a variable. */
export function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return undefined;
  const values = getDirectiveValues(directive, node, info.variableValues);
  const key = values?.key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function inventorySetQuantities(ctx: SimContext, args: { input: SetInput }, info: GraphQLResolveInfo) {
  const key = idempotencyKey(info);
  // The changelog says only "an error at runtime": the wording here is the simulator's (UNCONFIRMED).
  if (key === undefined)
    throw new GraphQLError(
      'The @idempotent directive with a key is required for this mutation in API version 2026-04.',
    );
  const fingerprint = JSON.stringify(args.input);
  const seen = ctx.state.idempotency.get(key);
  const refuse = (code: keyof typeof IDEMPOTENCY_MESSAGES) => ({
    inventoryAdjustmentGroup: null,
    userErrors: [{ code, field: null, message: IDEMPOTENCY_MESSAGES[code] }],
  });
  if (seen?.fingerprint !== undefined && seen.fingerprint !== fingerprint)
    return refuse('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
  if (seen?.status === 'in-progress') return refuse('IDEMPOTENCY_CONCURRENT_REQUEST');
  if (seen?.status === 'failed') return refuse('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED');
  if (seen) return seen.answer;
  const answer = setQuantities(ctx, args.input);
  ctx.state.idempotency.set(key, { fingerprint, status: 'done', answer });
  return answer;
}

function setQuantities(ctx: SimContext, input: SetInput) {
  const none = (userErrors: UserError[]) => ({ inventoryAdjustmentGroup: null, userErrors });
  const name = input.name;
  if (name !== 'available' && name !== 'on_hand') {
    return none([
      {
        code: 'INVALID_NAME',
        field: ['input', 'name'],
        message: "The quantity name must be either 'available' or 'on_hand'.",
      },
    ]);
  }
  const checked = input.quantities.map((q, i) => checkQuantity(ctx, q, i, name));
  const errors = checked.filter((c): c is UserError => 'message' in c);
  if (errors.length > 0) return none(errors);
  const changes = (checked as InventoryLevelRecord[]).flatMap((level, i) =>
    applyQuantity(ctx, level, name, input.quantities[i]!.quantity),
  );
  if (changes.length === 0) return none([]);
  return {
    inventoryAdjustmentGroup: {
      id: `gid://shopify/InventoryAdjustmentGroup/${ctx.state.nextId()}`,
      reason: input.reason,
      changes,
    },
    userErrors: [],
  };
}

function checkQuantity(
  ctx: SimContext,
  q: QuantityInput,
  i: number,
  name: 'available' | 'on_hand',
): UserError | InventoryLevelRecord {
  const at = ['input', 'quantities', String(i)];
  if (!('changeFromQuantity' in q)) {
    // "Omitting changeFromQuantity returns an error" (2026-04); the enum has no code for it, so none.
    return {
      code: null,
      field: [...at, 'changeFromQuantity'],
      message: 'changeFromQuantity is required; pass null to skip the check.',
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
      message: 'The changeFromQuantity value does not match persisted value.',
    };
  }
  return level;
}

/** Setting `available` moves `on_hand` by the same delta and the other way round (on_hand = available + committed + …). */
function applyQuantity(
  ctx: SimContext,
  level: InventoryLevelRecord,
  name: 'available' | 'on_hand',
  quantity: number,
) {
  const delta = quantity - level.quantities[name];
  if (delta === 0) return [];
  level.quantities.available += delta;
  level.quantities.on_hand += delta;
  const item = ctx.state.unresolvableItems.has(level.inventoryItemId)
    ? null
    : itemObject(ctx, level.inventoryItemId);
  const location = { id: level.locationId, name: level.locationId };
  return (['available', 'on_hand'] as const).map((n) => ({
    name: n,
    delta,
    quantityAfterChange: level.quantities[n],
    item,
    location,
  }));
}

/** `nodes(ids:)`: inventory items this shop stocks somewhere, null for unknown ids. */
export function nodes(ctx: SimContext, args: { ids: string[] }) {
  const known = new Set([...ctx.state.inventory.values()].map((l) => l.inventoryItemId));
  return args.ids.map((id) => (known.has(id) ? itemObject(ctx, id) : null));
}

function itemObject(ctx: SimContext, id: string) {
  const sku = [...ctx.state.inventory.values()].find((l) => l.inventoryItemId === id)?.sku ?? null;
  return {
    __typename: 'InventoryItem',
    id,
    sku,
    inventoryLevel: (args: { locationId: string }) => {
      const level = ctx.state.level(id, args.locationId);
      if (!level) return null;
      return {
        id: `gid://shopify/InventoryLevel/${id.slice(id.lastIndexOf('/') + 1)}?inventory_item_id=${id}`,
        quantities: (q: { names: string[] }) =>
          q.names.map((n) => ({ name: n, quantity: level.quantities[n as 'available'] ?? 0 })),
      };
    },
  };
}

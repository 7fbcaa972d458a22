/**
 * Inventory writes and reads (PROTOCOLS.md §1.4) for publishing availability (issue 6).
 *
 * 2026-04 makes two things mandatory on `inventorySetQuantities`: the `@idempotent(key:)`
 * directive (a runtime error without it) and `changeFromQuantity` on every quantity (a value, or an
 * explicit `null` to skip the compare). Both are required by the types here.
 */
import { FerryError } from '../../core/errors.js';
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import type { ShopifyUserError } from './graphqlTypes.js';
import { formatFieldPath, throwOnUserErrors } from './graphqlUserErrors.js';

/** Quantity names `inventorySetQuantities` accepts. */
export type SettableQuantityName = 'available' | 'on_hand';

export interface InventorySetQuantity {
  /** `gid://shopify/InventoryItem/…` */
  inventoryItemId: string;
  /** `gid://shopify/Location/…` */
  locationId: string;
  quantity: number;
  /** The quantity Ferry last read; `null` skips the compare (only for a forced full resync). */
  changeFromQuantity: number | null;
}

export interface InventorySetInput {
  name: SettableQuantityName;
  /** Shopify's reason code; default `correction`. */
  reason?: string;
  /** Shown in the admin's history, e.g. `gid://ferry/InventoryPublish/123`. */
  referenceDocumentUri?: string;
  quantities: InventorySetQuantity[];
  /** Same key → Shopify returns the first result instead of applying again. A UUID per publish. */
  idempotencyKey: string;
}

export interface InventoryChange {
  name: string;
  delta: number;
  quantityAfterChange: number | null;
  /** `null` when Shopify answers the change's item or location as null (both are nullable in objects/InventoryChange). */
  inventoryItemId: string | null;
  locationId: string | null;
}

/**
 * `stale`: Shopify's quantity moved since Ferry read it (CHANGE_FROM_QUANTITY_STALE); nothing was
 * written. The caller re-reads, recomputes and publishes with a new key — never overwrites blindly.
 */
export type InventorySetResult =
  | { status: 'applied'; adjustmentGroupId: string | null; changes: InventoryChange[] }
  | {
      status: 'stale';
      stale: { index: number; inventoryItemId: string; locationId: string; message: string }[];
    };

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

function setQuantitiesMutation(key: string): string {
  // The key is inlined as a literal, the form Shopify documents; KEY_PATTERN keeps it a plain token.
  return `mutation FerryInventorySetQuantities($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) @idempotent(key: "${key}") {
    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { code field message }
  }
}`;
}

interface SetData {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: {
      id: string;
      changes: {
        name: string;
        delta: number;
        quantityAfterChange: number | null;
        item: { id: string } | null;
        location: { id: string } | null;
      }[];
    } | null;
    userErrors: ShopifyUserError[];
  };
}

/** Attempts per call when Shopify says the key's previous attempt failed; each uses the next derived key. */
const MAX_KEY_GENERATIONS = 3;

/**
 * The key of attempt `n` (1-based): the caller's key, then `key.r2`, `key.r3`. Derived, not random,
 * so a whole-call retry after a lost answer reaches the key that succeeded and gets its answer
 * back instead of applying again.
 */
function keyGeneration(key: string, n: number): string {
  return n === 1 ? key : `${key}.r${n}`;
}

/**
 * Sets absolute quantities with compare-and-set; see {@link InventorySetResult}. The idempotency
 * codes of enums/InventorySetQuantitiesUserErrorCode are handled as their descriptions say:
 * IDEMPOTENCY_CONCURRENT_REQUEST ("please try again") is a retryable `partner_conflict`;
 * IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED ("Retry with a new idempotency key") is retried here with
 * the next derived key.
 */
export async function inventorySetQuantities(
  client: ShopifyGraphqlClient,
  input: InventorySetInput,
): Promise<InventorySetResult> {
  if (!KEY_PATTERN.test(input.idempotencyKey) || input.idempotencyKey.length > 250) {
    throw new FerryError('bad_request', `idempotency key must match ${String(KEY_PATTERN)}`);
  }
  for (let n = 1; ; n++) {
    const payload = await setOnce(client, input, keyGeneration(input.idempotencyKey, n));
    const errors = payload.userErrors;
    const codes = new Set(errors.map((e) => e.code));
    if (codes.has('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED') && n < MAX_KEY_GENERATIONS) continue;
    if (codes.has('IDEMPOTENCY_CONCURRENT_REQUEST')) {
      throw new FerryError(
        'partner_conflict',
        'Shopify inventorySetQuantities: the same request is still in progress (IDEMPOTENCY_CONCURRENT_REQUEST); try again',
        { partner: client.partner, retryAfterMs: 1000 },
      );
    }
    if (errors.length > 0 && errors.every((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')) {
      return { status: 'stale', stale: errors.map((e) => staleItem(e, input.quantities)) };
    }
    throwOnUserErrors('inventorySetQuantities', errors, client.partner);
    const group = payload.inventoryAdjustmentGroup;
    return {
      status: 'applied',
      // No group when every quantity already had its value: nothing changed, nothing to record.
      adjustmentGroupId: group?.id ?? null,
      changes: (group?.changes ?? []).map((c) => ({
        name: c.name,
        delta: c.delta,
        quantityAfterChange: c.quantityAfterChange,
        inventoryItemId: c.item?.id ?? null,
        locationId: c.location?.id ?? null,
      })),
    };
  }
}

async function setOnce(client: ShopifyGraphqlClient, input: InventorySetInput, key: string) {
  const res = await client.request<SetData>(setQuantitiesMutation(key), {
    input: {
      name: input.name,
      reason: input.reason ?? 'correction',
      ...(input.referenceDocumentUri ? { referenceDocumentUri: input.referenceDocumentUri } : {}),
      quantities: input.quantities,
    },
  });
  return res.data.inventorySetQuantities;
}

function staleItem(e: ShopifyUserError, quantities: readonly InventorySetQuantity[]) {
  const indexText = e.field?.find((p) => /^\d+$/.test(p));
  const index = indexText === undefined ? -1 : Number(indexText);
  const q = quantities[index];
  return {
    index,
    inventoryItemId: q?.inventoryItemId ?? '',
    locationId: q?.locationId ?? '',
    message: `${formatFieldPath(e.field)}: ${e.message}`,
  };
}

export interface InventoryLevelRead {
  inventoryItemId: string;
  sku: string | null;
  locationId: string;
  /** By quantity name; `null` when the item is not stocked at the location (or does not exist). */
  quantities: Record<string, number> | null;
}

const LEVELS_QUERY = `query FerryInventoryLevels($ids: [ID!]!, $locationId: ID!, $names: [String!]!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id sku inventoryLevel(locationId: $locationId) { quantities(names: $names) { name quantity } } }
  }
}`;

/** Items per `nodes` call: 100 × ~3 points stays well inside a 1,000-point bucket. */
const LEVELS_CHUNK = 100;

type LevelNode = {
  id: string;
  sku: string | null;
  inventoryLevel: { quantities: { name: string; quantity: number }[] } | null;
} | null;

/** Reads quantities of many inventory items at one location, in chunks. */
export async function inventoryLevels(
  client: ShopifyGraphqlClient,
  input: { inventoryItemIds: readonly string[]; locationId: string; names?: readonly string[] },
): Promise<InventoryLevelRead[]> {
  const names = input.names ?? ['available', 'on_hand'];
  const out: InventoryLevelRead[] = [];
  for (let i = 0; i < input.inventoryItemIds.length; i += LEVELS_CHUNK) {
    const ids = input.inventoryItemIds.slice(i, i + LEVELS_CHUNK);
    const res = await client.request<{ nodes: LevelNode[] }>(LEVELS_QUERY, {
      ids,
      locationId: input.locationId,
      names,
    });
    res.data.nodes.forEach((node, j) => {
      const level = node?.inventoryLevel;
      out.push({
        inventoryItemId: node?.id ?? ids[j]!,
        sku: node?.sku ?? null,
        locationId: input.locationId,
        quantities: level ? Object.fromEntries(level.quantities.map((q) => [q.name, q.quantity])) : null,
      });
    });
  }
  return out;
}

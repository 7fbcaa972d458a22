/**
 * Applying inventory positions: only the system that owns a location may move its stock
 * (DESIGN.md §2), and a position older than the one held is ignored, never applied over it (§4).
 */
import { FerryError, Impact } from '../errors.js';
import type { InventoryPosition } from '../model.js';
import type { StockState } from './state.js';

/** What happened to one position. */
export const PositionStatus = {
  /** Stored; `changed` says whether on hand or reserved moved. */
  applied: 'applied',
  /** Older than the position held for the same SKU and location; ignored. */
  stale: 'stale',
  /** From a system that does not own the location, an unknown location, or malformed. */
  refused: 'refused',
} as const;
export type PositionStatus = (typeof PositionStatus)[keyof typeof PositionStatus];

/** The outcome of applying one position. */
export type PositionOutcome =
  | { readonly status: 'applied'; readonly changed: boolean }
  | { readonly status: 'stale'; readonly heldAsOf: string }
  | { readonly status: 'refused'; readonly error: FerryError };

/** Outcome of applying one position, plus the SKU index it touched (-1 if refused). */
export interface AppliedPosition {
  readonly outcome: PositionOutcome;
  readonly sku: number;
}

function refuse(pos: InventoryPosition, message: string, owner?: string): AppliedPosition {
  const error = new FerryError('ownership_violation', message, {
    impact: Impact.oversellRisk,
    partner: pos.source,
    entities: { sku: pos.sku, location: pos.location },
    details: owner === undefined ? undefined : { owner, source: pos.source },
  });
  return { outcome: { status: PositionStatus.refused, error }, sku: -1 };
}

/** Quantities are stored as int32; anything else would wrap silently. */
function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff;
}

const APPLIED_CHANGED: PositionOutcome = { status: PositionStatus.applied, changed: true };
const APPLIED_SAME: PositionOutcome = { status: PositionStatus.applied, changed: false };

/**
 * Stores a position if its source owns the location and it is not older than the one held.
 * `available` on the position is deliberately ignored: the engine computes what is free from
 * on hand and reserved, because a partner's own "available" field (Odoo's differs by version)
 * is the wrong-field mistake issue 6 names as a cause of overselling.
 */
export function applyPosition(state: StockState, pos: InventoryPosition): AppliedPosition {
  const l = state.locations.find(pos.location);
  if (l < 0) return refuse(pos, `location ${pos.location} has no configured owner; position refused`);
  const owner = state.owners[l]!;
  if (pos.source !== owner) {
    return refuse(
      pos,
      `${pos.source} does not own location ${pos.location} (owner: ${owner}); position for ${pos.sku} refused`,
      owner,
    );
  }
  const asOf = Date.parse(pos.asOf);
  if (!Number.isFinite(asOf) || !isInt32(pos.onHand) || !isInt32(pos.reserved) || pos.reserved < 0) {
    return refuse(pos, `malformed position for ${pos.sku} at ${pos.location}`);
  }
  const s = state.sku(pos.sku);
  const i = s * state.locationCount + l;
  const held = state.asOfMs[i]!;
  if (asOf < held) {
    return { outcome: { status: PositionStatus.stale, heldAsOf: new Date(held).toISOString() }, sku: s };
  }
  state.asOfMs[i] = asOf;
  // A first position counts as a change even at 0 units: the channels have never been told about it.
  const same = held !== 0 && state.onHand[i] === pos.onHand && state.reserved[i] === pos.reserved;
  if (same) return { outcome: APPLIED_SAME, sku: s };
  state.onHand[i] = pos.onHand;
  state.reserved[i] = pos.reserved;
  return { outcome: APPLIED_CHANGED, sku: s };
}

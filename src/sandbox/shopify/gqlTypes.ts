/**
 * How the simulator's GraphQL endpoint is put together: every document is parsed and validated
 * against the 2026-04 schema subset (schema/), priced (gqlCost.ts) and then executed by graphql-js
 * over resolvers that read and change the simulated shop (gqlRoot.ts).
 */
import type { Clock } from '../../core/clock.js';
import type { SimState } from './state.js';

/** One entry of a GraphQL answer's `errors`, as Shopify shapes it. */
export interface GqlError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

/** What every resolver gets as graphql-js's context value. */
export interface SimContext {
  state: SimState;
  clock: Clock;
  /** Side effects outside the state (webhooks on cancellation) are queued through here. */
  hooks: SimHooks;
}

export interface SimHooks {
  orderCancelled(orderId: string): void;
  /** Delay before orderCancel's job completes, ms. */
  cancelJobDelayMs: number;
  schedule(fn: () => void, ms: number): void;
}

/** A mutation's `userErrors` entry; `code` only on the typed variants. */
export interface UserError {
  code?: string | null;
  field: string[] | null;
  message: string;
}

/** Amounts as Shopify's Decimal scalar prints them: "25.00" → "25.0", "1500" → "1500.0". */
export function gqlDecimal(amount: string): string {
  const [int, frac = ''] = amount.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${int}.${trimmed === '' ? '0' : trimmed}`;
}

/** The numeric tail of a gid. */
export function gidTail(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}

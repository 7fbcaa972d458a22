/**
 * How the simulator's GraphQL endpoint is put together: one handler per named operation. The
 * simulator does not execute arbitrary GraphQL; it recognises the operations Ferry sends by name
 * and answers them with the 2026-04 shapes, costs and errors.
 */
import type { Clock } from '../../core/clock.js';
import type { SimState } from './state.js';

export interface GqlError {
  message: string;
  extensions?: { code: string; [k: string]: unknown };
  path?: (string | number)[];
}

export interface OpContext {
  state: SimState;
  clock: Clock;
  query: string;
  variables: Record<string, unknown>;
  /** Side effects outside the state (webhooks on cancellation) are queued through here. */
  hooks: SimHooks;
}

export interface SimHooks {
  orderCancelled(orderId: string): void;
  /** Delay before orderCancel's job completes, ms. */
  cancelJobDelayMs: number;
  schedule(fn: () => void, ms: number): void;
}

export interface OpAnswer {
  data?: unknown;
  errors?: GqlError[];
  /** Points actually used; default the requested cost. */
  actualCost?: number;
}

export interface OpHandler {
  /** Points reserved before running, from the document and its variables (`first`, ids). */
  requestedCost(ctx: OpContext): number;
  run(ctx: OpContext): OpAnswer;
}

/** `first: N` of a named connection in the document, or the fallback. */
export function firstOf(query: string, field: string, fallback: number): number {
  const m = new RegExp(`${field}\\(first:\\s*(\\d+)`).exec(query);
  return m ? Number(m[1]) : fallback;
}

/** Amounts as Shopify's Decimal scalar prints them: "25.00" → "25.0", "1500" → "1500.0". */
export function gqlDecimal(amount: string): string {
  const [int, frac = ''] = amount.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${int}.${trimmed === '' ? '0' : trimmed}`;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

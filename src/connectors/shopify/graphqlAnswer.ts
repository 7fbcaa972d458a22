/**
 * Classifies one Admin GraphQL answer: data, a throttle to wait out, a token to refresh, or a
 * FerryError (STYLE.md rule 3).
 */
import { FerryError } from '../../core/errors.js';
import type { CostBucket } from './graphqlThrottle.js';
import { retryAfterMs } from './graphqlHttp.js';
import type { HttpAnswer } from './graphqlHttp.js';
import type { GraphqlErrorEntry, GraphqlResponseBody, QueryCost } from './graphqlTypes.js';

export type Outcome =
  | { kind: 'ok'; data: unknown; cost: QueryCost | undefined }
  | { kind: 'throttled'; waitMs: number; http429: boolean }
  | { kind: 'unauthorized'; message: string };

/** When Shopify says nothing about when to come back: one second, a bucket's refill at 50 pts/s of a small query. */
const FALLBACK_WAIT_MS = 1000;

export function classifyAnswer(
  answer: HttpAnswer,
  ctx: { bucket: CostBucket; operation: string; nowMs: number; partner: string },
): Outcome {
  const body = (answer.json ?? {}) as GraphqlResponseBody;
  const cost = body.extensions?.cost;
  if (cost?.throttleStatus) {
    ctx.bucket.observe(cost.throttleStatus, ctx.nowMs);
    if (typeof cost.requestedQueryCost === 'number') ctx.bucket.learn(ctx.operation, cost.requestedQueryCost);
  }
  if (answer.status === 429) {
    // Shopify answers THROTTLED with HTTP 200 (below); a 429 comes from the REST side or a proxy
    // in between, and is waited out the same way.
    const wait = retryAfterMs(answer.headers['retry-after'], ctx.nowMs) ?? costWait(cost) ?? FALLBACK_WAIT_MS;
    return { kind: 'throttled', waitMs: wait, http429: true };
  }
  if (answer.status === 401) return { kind: 'unauthorized', message: errorText(body, answer.text) };
  if (answer.status !== 200) throw statusError(answer, body, ctx);
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
    return { kind: 'throttled', waitMs: costWait(cost) ?? FALLBACK_WAIT_MS, http429: false };
  }
  if (errors.length > 0) throw graphqlErrors(errors, ctx);
  if (body.data === undefined || body.data === null) {
    throw new FerryError('partner_unavailable', `Shopify answered ${ctx.operation} without data`, {
      partner: ctx.partner,
    });
  }
  return { kind: 'ok', data: body.data, cost };
}

/** Time for the bucket to refill to the refused query's requested cost. */
function costWait(cost: QueryCost | undefined): number | undefined {
  const t = cost?.throttleStatus;
  if (!t || typeof cost.requestedQueryCost !== 'number' || t.restoreRate <= 0) return undefined;
  const missing = cost.requestedQueryCost - t.currentlyAvailable;
  return Math.max(0, Math.ceil((missing / t.restoreRate) * 1000));
}

function statusError(
  answer: HttpAnswer,
  body: GraphqlResponseBody,
  ctx: { operation: string; nowMs: number; partner: string },
): FerryError {
  const message = `Shopify answered ${ctx.operation} with HTTP ${answer.status}: ${errorText(body, answer.text)}`;
  if (answer.status >= 500) {
    const after = retryAfterMs(answer.headers['retry-after'], ctx.nowMs);
    return new FerryError('partner_unavailable', message, {
      partner: ctx.partner,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    });
  }
  // 402 shop frozen (unpaid), 403 missing scope, 404 unknown shop or app removed, 423 shop locked:
  // all need a person, not a retry.
  if ([402, 403, 404, 423].includes(answer.status))
    return new FerryError('partner_access', message, { partner: ctx.partner });
  return new FerryError('partner_validation', message, { partner: ctx.partner });
}

function graphqlErrors(errors: GraphqlErrorEntry[], ctx: { operation: string; partner: string }): FerryError {
  const codes = errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string');
  const message = `Shopify ${ctx.operation}: ${errors.map((e) => e.message).join('; ')}`;
  const details = {
    errors: errors.map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })),
  };
  if (codes.includes('ACCESS_DENIED'))
    return new FerryError('partner_access', message, { partner: ctx.partner, details });
  if (codes.includes('INTERNAL_SERVER_ERROR')) {
    return new FerryError('partner_unavailable', message, { partner: ctx.partner, details });
  }
  // MAX_COST_EXCEEDED, a missing @idempotent key, schema errors (undefinedField,
  // missingRequiredArguments, variableMismatch): retrying the same document cannot help.
  return new FerryError('partner_validation', message, { partner: ctx.partner, details });
}

function errorText(body: GraphqlResponseBody, text: string): string {
  if (typeof body.errors === 'string') return body.errors;
  if (Array.isArray(body.errors)) return body.errors.map((e) => e.message).join('; ');
  return text.slice(0, 200);
}

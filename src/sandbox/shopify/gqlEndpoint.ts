/**
 * The `/admin/api/2026-04/graphql.json` behaviour, in Shopify's order: validate the document
 * against the schema subset (errors at HTTP 200, nothing taken from the bucket), price it (a
 * single query over 1,000 points is MAX_COST_EXCEEDED), take the points or answer THROTTLED at
 * HTTP 200, execute it, refund the difference to the actual cost, and report `extensions.cost`.
 */
import { Kind, executeSync } from 'graphql';
import type { FragmentDefinitionNode } from 'graphql';
import type { SimCostBucket } from './costBucket.js';
import { MAX_SINGLE_QUERY_COST, actualCost, requestedCost } from './gqlCost.js';
import { rootValue } from './gqlRoot.js';
import type { GqlError, SimContext } from './gqlTypes.js';
import { checkRequest } from './gqlValidate.js';
import { adminSchema } from './schema/index.js';

export interface EndpointAnswer {
  status: number;
  body: unknown;
  /** Operation name, for the simulator's counters. */
  operation: string;
  throttled: boolean;
}

export interface EndpointOptions {
  bucket: SimCostBucket;
  costOverrides: Readonly<Record<string, number>>;
  /**
   * HTTP status of a THROTTLED answer. Shopify answers 200 (its own CLI handles THROTTLED as a
   * 200 answer, Shopify/cli PR #8317); 429 stays selectable to exercise clients against proxies.
   */
  throttleHttpStatus: 200 | 429;
}

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

/** Answers one GraphQL request. */
export function answerGraphql(ctx: SimContext, req: GraphqlRequest, o: EndpointOptions): EndpointAnswer {
  const schema = adminSchema();
  const checked = checkRequest(schema, req.query, req.variables, req.operationName);
  const guessed = req.operationName ?? /\b(?:query|mutation)\s+(\w+)/.exec(req.query)?.[1] ?? 'anonymous';
  if (!checked.ok)
    return { status: 200, body: { errors: checked.errors }, operation: guessed, throttled: false };
  const operation = checked.operation.name?.value ?? 'anonymous';
  const answer = (status: number, body: unknown, throttled = false): EndpointAnswer => ({
    status,
    body,
    operation,
    throttled,
  });
  const fragments = Object.fromEntries(
    checked.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const walk = { schema, fragments, variables: checked.variableValues };
  const override = o.costOverrides[operation];
  const requested = override ?? requestedCost(walk, checked.operation);
  const cost = (actual: number | null) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: o.bucket.status() },
  });
  if (requested > MAX_SINGLE_QUERY_COST) {
    const error: GqlError = {
      message: maxCostMessage(requested),
      extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_SINGLE_QUERY_COST },
    };
    return answer(200, { errors: [error], extensions: cost(null) });
  }
  if (!o.bucket.tryTake(requested)) {
    const error: GqlError = {
      message: 'Throttled',
      extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
    };
    return answer(o.throttleHttpStatus, { errors: [error], extensions: cost(null) }, true);
  }
  const result = executeSync({
    schema,
    document: checked.document,
    rootValue,
    contextValue: ctx,
    variableValues: req.variables,
    operationName: req.operationName,
  });
  const actual = override ?? Math.min(requested, actualCost(walk, checked.operation, result.data ?? {}));
  o.bucket.refund(requested - actual);
  const errors = result.errors?.map((e) => e.toJSON());
  return answer(200, {
    ...(result.data === undefined ? {} : { data: result.data }),
    ...(errors?.length ? { errors } : {}),
    extensions: cost(actual),
  });
}

/** Shopify's words, as a recorded MAX_COST_EXCEEDED answer carries them (contract/fixtures.ts). */
export function maxCostMessage(cost: number): string {
  return (
    `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\n` +
    'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
    'cost of a query is calculated.\n\n' +
    'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
    'See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n'
  );
}

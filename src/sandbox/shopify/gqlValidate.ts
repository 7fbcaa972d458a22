/**
 * Parses and validates a request against the 2026-04 schema subset and coerces its variables,
 * answering as Shopify does when something is wrong: HTTP 200, no `data`, and `errors` in
 * graphql-ruby's words (gqlErrors.ts). Nothing runs and no points are taken for such a request.
 */
import { GraphQLError, Kind, getOperationAST, getVariableValues, parse, validate, visit } from 'graphql';
import type { ASTNode, DocumentNode, GraphQLSchema, OperationDefinitionNode, TypeNode } from 'graphql';
import { translateValidationError } from './gqlErrors.js';
import type { GqlError } from './gqlTypes.js';

export type Checked =
  | { ok: false; errors: GqlError[] }
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      variableValues: Record<string, unknown>;
    };

/** Validates `query` for execution; `operationName` picks one of several operations. */
export function checkRequest(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): Checked {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (e) {
    return { ok: false, errors: [syntaxError(e)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    const paths = nodePaths(document);
    return {
      ok: false,
      errors: invalid.map((e) => translateValidationError(e, { path: pathOf(e, paths) })),
    };
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    // graphql-ruby: "An operation name is required" when several are sent without a name.
    return { ok: false, errors: [{ message: 'An operation name is required' }] };
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return { ok: false, errors: coerced.errors.map((e) => variableError(e, variables)) };
  return { ok: true, document, operation, variableValues: coerced.coerced };
}

/**
 * graphql-ruby's VariableValidationError (lib/graphql/query/variable_validation_error.rb):
 * "Variable $x of type T was provided invalid value", with the value and the problems.
 */
function variableError(e: GraphQLError, variables: Record<string, unknown>): GqlError {
  const m = /^Variable "\$(\w+)" (?:of (?:required |non-null )?type "([^"]+)"|got invalid value)/.exec(
    e.message,
  );
  const name = m?.[1] ?? '';
  const def = e.nodes?.find((n) => n.kind === Kind.VARIABLE_DEFINITION);
  const type = m?.[2] ?? (def && def.kind === Kind.VARIABLE_DEFINITION ? typeText(def.type) : '');
  const explanation = e.message.includes('was not provided')
    ? 'Expected value to not be null'
    : e.message.replace(/^[^;]*;\s*/, '');
  return {
    message: `Variable $${name} of type ${type} was provided invalid value`,
    locations: (e.locations ?? []).map(({ line, column }) => ({ line, column })),
    extensions: { value: variables[name] ?? null, problems: [{ path: [], explanation }] },
  };
}

function typeText(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${typeText(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${typeText(t.type)}]`;
  return t.name.value;
}

/** graphql-ruby answers a parse failure with its parser's message; the wording here is graphql-js's. */
function syntaxError(e: unknown): GqlError {
  const g = e instanceof GraphQLError ? e : undefined;
  return {
    message: g?.message ?? String(e),
    locations: (g?.locations ?? []).map(({ line, column }) => ({ line, column })),
  };
}

/** For every AST node: graphql-ruby's path (`"query Name"`, response keys, then the argument name). */
function nodePaths(document: DocumentNode): Map<ASTNode, (string | number)[]> {
  const paths = new Map<ASTNode, (string | number)[]>();
  const stack: string[] = [];
  visit(document, {
    enter(node) {
      if (node.kind === Kind.OPERATION_DEFINITION)
        stack.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
      else if (node.kind === Kind.FRAGMENT_DEFINITION) stack.push(`fragment ${node.name.value}`);
      else if (node.kind === Kind.FIELD) stack.push(node.alias?.value ?? node.name.value);
      else if (node.kind === Kind.ARGUMENT) stack.push(node.name.value);
      paths.set(node, [...stack]);
    },
    leave(node) {
      if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.FIELD ||
        node.kind === Kind.ARGUMENT
      )
        stack.pop();
    },
  });
  return paths;
}

/** The deepest node of the error that has a path (a variable usage sits inside its argument). */
function pathOf(e: GraphQLError, paths: Map<ASTNode, (string | number)[]>): (string | number)[] {
  const found = (e.nodes ?? []).map((n) => paths.get(n)).filter((p) => p !== undefined);
  return found.sort((a, b) => b.length - a.length)[0] ?? [];
}

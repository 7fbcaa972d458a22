/**
 * Shopify's calculated query cost (shopify.dev/docs/api/usage/limits and
 * docs/apps/build/apis/graphql-admin/rate-limits, "Cost calculation"): scalars and enums 0, an
 * object 1, a connection 2 plus `first` (or `last`) times the cost of one of its nodes, a mutation
 * 10. The requested cost is worked out from the document before it runs; the actual cost from
 * what came back, so a page shorter than `first` is refunded. A single query may not request more
 * than 1,000 points, whatever the bucket holds.
 */
import {
  Kind,
  OperationTypeNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
} from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** "The maximum cost of a single query is 1,000 points" (shopify.dev/docs/api/usage/limits). */
export const MAX_SINGLE_QUERY_COST = 1000;
/** Points for a mutation field, whatever it selects. */
export const MUTATION_COST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Points reserved before the operation runs. */
export function requestedCost(w: Walk, op: OperationDefinitionNode): number {
  if (op.operation === OperationTypeNode.MUTATION)
    return MUTATION_COST * rootFields(w, op.selectionSet).length;
  return selectionCost(w, op.selectionSet, w.schema.getQueryType()!, undefined);
}

/** Points the answer actually used: connections count the nodes returned, null objects nothing. */
export function actualCost(w: Walk, op: OperationDefinitionNode, data: unknown): number {
  if (op.operation === OperationTypeNode.MUTATION) return requestedCost(w, op);
  return selectionCost(w, op.selectionSet, w.schema.getQueryType()!, asRecord(data) ?? {});
}

/** Fields of a selection on `type`, fragments spread; fragments on other types give their max. */
function selectionCost(
  w: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  data: Record<string, unknown> | undefined,
): number {
  let fields = 0;
  let fragments = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) fields += fieldCost(w, sel, type, data);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : w.fragments[sel.name.value];
      if (!frag) continue;
      const on = frag.typeCondition ? w.schema.getType(frag.typeCondition.name.value) : type;
      if (!on || !isCompositeType(on)) continue;
      fragments = Math.max(fragments, selectionCost(w, frag.selectionSet, on, data));
    }
  }
  return fields + fragments;
}

function fieldCost(
  w: Walk,
  node: FieldNode,
  parent: GraphQLCompositeType,
  data: Record<string, unknown> | undefined,
): number {
  const def = 'getFields' in parent ? parent.getFields()[node.name.value] : undefined;
  if (!def || !node.selectionSet) return 0;
  const named = getNamedType(def.type);
  if (!isCompositeType(named)) return 0;
  const key = node.alias?.value ?? node.name.value;
  const value = data?.[key];
  if (data && (value === null || value === undefined)) return 0;
  if (named.name.endsWith('Connection')) return connectionCost(w, node, def, named, asRecord(value));
  if (isListType(getNullableType(def.type))) {
    if (data) {
      return (value as unknown[]).reduce<number>(
        (s, v) => s + (v === null ? 0 : 1 + selectionCost(w, node.selectionSet!, named, asRecord(v))),
        0,
      );
    }
    const args = getArgumentValues(def, node, w.variables);
    const n = Array.isArray(args.ids) ? args.ids.length : 1;
    return n * (1 + selectionCost(w, node.selectionSet, named, undefined));
  }
  return 1 + selectionCost(w, node.selectionSet, named, asRecord(value));
}

/** 2 + first × (one node's cost); `nodes` and `edges { node }` price the same node. */
function connectionCost(
  w: Walk,
  node: FieldNode,
  def: GraphQLField<unknown, unknown>,
  type: GraphQLCompositeType,
  data: Record<string, unknown> | undefined,
): number {
  const fields = 'getFields' in type ? type.getFields() : {};
  let total = 2;
  for (const sel of node.selectionSet!.selections) {
    if (sel.kind !== Kind.FIELD || !sel.selectionSet) continue;
    const inner = fields[sel.name.value];
    if (!inner || sel.name.value === 'pageInfo') continue;
    const itemType = getNamedType(inner.type) as GraphQLCompositeType;
    const key = sel.alias?.value ?? sel.name.value;
    const items = data ? ((data[key] as unknown[] | undefined) ?? []) : undefined;
    const perItem = (set: SelectionSetNode, t: GraphQLCompositeType, item: unknown) =>
      selectionCost(w, set, t, data ? (asRecord(item) ?? {}) : undefined);
    if (sel.name.value === 'nodes') {
      total += items
        ? items.reduce<number>((s, it) => s + perItem(sel.selectionSet!, itemType, it), 0)
        : pageSize(def, node, w) * perItem(sel.selectionSet, itemType, undefined);
    } else if (sel.name.value === 'edges') {
      const nodeSel = sel.selectionSet.selections.find(
        (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'node',
      );
      const edgeFields = 'getFields' in itemType ? itemType.getFields() : {};
      const nodeType = edgeFields.node
        ? (getNamedType(edgeFields.node.type) as GraphQLCompositeType)
        : undefined;
      if (!nodeSel?.selectionSet || !nodeType) continue;
      total += items
        ? items.reduce<number>((s, e) => s + perItem(nodeSel.selectionSet!, nodeType, asRecord(e)?.node), 0)
        : pageSize(def, node, w) * perItem(nodeSel.selectionSet, nodeType, undefined);
    }
  }
  return total;
}

function pageSize(def: GraphQLField<unknown, unknown>, node: FieldNode, w: Walk): number {
  const args = getArgumentValues(def, node, w.variables);
  const n = Number(args.first ?? args.last ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function rootFields(w: Walk, set: SelectionSetNode): FieldNode[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s];
    const frag = s.kind === Kind.INLINE_FRAGMENT ? s : w.fragments[s.name.value];
    return frag ? rootFields(w, frag.selectionSet) : [];
  });
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

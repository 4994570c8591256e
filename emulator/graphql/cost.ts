// Shopify's calculated query cost and leaky-bucket throttle for the GraphQL Admin API emulator.
//
// Sources (quoted where a rule comes from them):
// - GraphQL Admin API rate limits: https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
// - Shopify API limits (leaky bucket): https://shopify.dev/docs/api/usage/limits
// - GraphQL Admin API reference, "Rate limits" and "Sample 200 error responses": https://shopify.dev/docs/api/admin-graphql
import {
  GraphQLIncludeDirective,
  GraphQLInt,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isObjectType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// "Connection | Sized by `first` and `last` arguments": Shopify charges a connection 2 points plus its
// page of objects, which is how the documented `products(first: 1) { edges { node { title } } }` costs 3.
const CONNECTION_BASE_COST = 2;
// "Object | 1" (scalars and enums are 0).
const OBJECT_COST = 1;
// "Mutation | 10".
const MUTATION_COST = 10;

// "A single query may not exceed a cost of 1,000 points, regardless of plan limits."
export const SINGLE_QUERY_MAX_COST = 1000;

// The rate-limits page lists "Standard | 100 points/second". It no longer prints a bucket size; Shopify has
// always sized the bucket at 20 seconds of restore (1,000 at 50/s, then 2,000 at 100/s), so 2,000 here.
export const STANDARD_PLAN = { maximumAvailable: 2000, restoreRate: 100 } as const;

const RATE_LIMITS_DOCS = "https://shopify.dev/api/usage/rate-limits";
const MAX_COST_DOCS = "https://shopify.dev/api/usage/limits#rate-limits";

interface Context {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Fields = Map<string, FieldNode[]>;
type JsonObject = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Requested cost: static worst case, before execution.
// ---------------------------------------------------------------------------------------------------------------

/** The cost Shopify charges before running the operation: "based on the composition of fields selected". */
export function requestedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  const { ctx, operation, rootType } = prepare(schema, document, variables, operationName);
  const fields = collectFields(ctx, rootType, [operation.selectionSet]);
  if (operation.operation === "mutation") return mutationCost(fields);
  return sumFields(fields, (nodes) => fieldCost(ctx, rootType, nodes));
}

// Each mutation root field costs the documented 10; the table gives mutations a flat cost, so the payload
// selection is not charged on top.
function mutationCost(fields: Fields): number {
  let cost = 0;
  for (const nodes of fields.values()) if (!isIntrospection(nodes)) cost += MUTATION_COST;
  return cost;
}

function fieldCost(ctx: Context, parent: GraphQLObjectType, nodes: FieldNode[]): number {
  const def = fieldDef(parent, nodes);
  if (!def) return 0;
  const type = getNamedType(def.type);
  if (isLeafType(type)) return 0;
  if (isConnection(type)) return connectionCost(ctx, type, def, nodes);
  return compositeCost(ctx, type, nodes);
}

// "Interface | Maximum of possible selections" and "Union | Maximum of possible selections": the most expensive
// concrete type the field could return, each priced as an object with the fragments that apply to it.
function compositeCost(ctx: Context, type: GraphQLCompositeType, nodes: FieldNode[]): number {
  let max = OBJECT_COST;
  for (const concrete of concreteTypes(ctx, type)) {
    max = Math.max(max, OBJECT_COST + childrenCost(ctx, concrete, nodes));
  }
  return max;
}

function childrenCost(ctx: Context, type: GraphQLObjectType, nodes: FieldNode[]): number {
  const fields = collectFields(ctx, type, subSelections(nodes));
  return sumFields(fields, (children) => fieldCost(ctx, type, children));
}

function connectionCost(
  ctx: Context,
  type: GraphQLObjectType,
  def: GraphQLField<unknown, unknown>,
  nodes: FieldNode[],
): number {
  const size = pageSize(ctx, def, nodes);
  let perItem = 0;
  let once = 0;
  for (const children of collectFields(ctx, type, subSelections(nodes)).values()) {
    const child = fieldDef(type, children);
    const name = children[0]?.name.value;
    // Assumption: pageInfo (an object) is part of the base 2 points, as in real responses; `edges { node }` and
    // `nodes` selected together are each charged per item, like any two selected fields.
    if (!child || name === "pageInfo") continue;
    if (name === "edges") perItem += edgeCost(ctx, child, children);
    else if (name === "nodes") perItem += itemCost(ctx, child, children);
    else once += fieldCost(ctx, type, children);
  }
  return CONNECTION_BASE_COST + size * perItem + once;
}

// Within an edge the cursor is a free scalar and `node` is the object being paged; the edge wrapper itself
// is covered by the connection's base cost (otherwise `first: 1` would cost 4, not the documented 3).
function edgeCost(ctx: Context, edges: GraphQLField<unknown, unknown>, nodes: FieldNode[]): number {
  const edgeType = getNamedType(edges.type);
  if (!isObjectType(edgeType)) return 0;
  const fields = collectFields(ctx, edgeType, subSelections(nodes));
  return sumFields(fields, (children) =>
    children[0]?.name.value === "node"
      ? itemCost(ctx, fieldDef(edgeType, children), children)
      : fieldCost(ctx, edgeType, children),
  );
}

function itemCost(ctx: Context, def: GraphQLField<unknown, unknown> | undefined, nodes: FieldNode[]): number {
  const type = def && getNamedType(def.type);
  if (!type || isLeafType(type)) return 0;
  return compositeCost(ctx, type as GraphQLCompositeType, nodes);
}

// Assumption: with both `first` and `last` the larger page is charged; with neither, the schema default or 0
// (Shopify rejects a connection without either before cost matters).
function pageSize(ctx: Context, def: GraphQLField<unknown, unknown>, nodes: FieldNode[]): number {
  const sizes = ["first", "last"].map((name) => intArgument(ctx, def, nodes[0], name));
  return Math.max(0, ...sizes);
}

function intArgument(ctx: Context, def: GraphQLField<unknown, unknown>, node: FieldNode | undefined, name: string) {
  const argNode = node?.arguments?.find((arg) => arg.name.value === name);
  const value = argNode
    ? valueFromAST(argNode.value, GraphQLInt, ctx.variables)
    : def.args.find((arg) => arg.name === name)?.defaultValue;
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Actual cost: recomputed from the response, "based on the query results".
// ---------------------------------------------------------------------------------------------------------------

/**
 * The cost after execution: "may be lower than requested cost due to the actual objects returned or connections
 * that return fewer edges than requested". Mutations cost what was requested.
 */
export function actualQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  data: unknown,
  operationName?: string,
): number {
  const { ctx, operation, rootType } = prepare(schema, document, variables, operationName);
  const fields = collectFields(ctx, rootType, [operation.selectionSet]);
  if (operation.operation === "mutation") return mutationCost(fields);
  return actualChildren(ctx, rootType, fields, asObject(data) ?? {});
}

function actualChildren(ctx: Context, type: GraphQLObjectType, fields: Fields, value: JsonObject): number {
  let cost = 0;
  for (const [key, nodes] of fields) {
    // A key missing from the result was never resolved, so it was never paid for.
    if (key in value) cost += actualFieldCost(ctx, type, nodes, value[key]);
  }
  return cost;
}

function actualFieldCost(ctx: Context, parent: GraphQLObjectType, nodes: FieldNode[], value: unknown): number {
  const def = fieldDef(parent, nodes);
  if (!def) return 0;
  const type = getNamedType(def.type);
  if (isLeafType(type)) return 0;
  if (isConnection(type)) return actualConnectionCost(ctx, type, nodes, value);
  if (Array.isArray(value)) return actualListCost(ctx, type, nodes, value);
  return actualObjectCost(ctx, type, nodes, value);
}

// The field itself was resolved, but a null "can end early": nothing below it is charged.
function actualObjectCost(ctx: Context, type: GraphQLCompositeType, nodes: FieldNode[], value: unknown): number {
  const object = asObject(value);
  if (!object) return OBJECT_COST;
  let max = OBJECT_COST;
  for (const concrete of runtimeTypes(ctx, type, nodes, object)) {
    const fields = collectFields(ctx, concrete, subSelections(nodes));
    max = Math.max(max, OBJECT_COST + actualChildren(ctx, concrete, fields, object));
  }
  return max;
}

// Assumption: a plain (non-connection) list of objects is priced as one object, as requested cost does, using
// its most expensive element; the docs only size connections.
function actualListCost(ctx: Context, type: GraphQLCompositeType, nodes: FieldNode[], items: unknown[]): number {
  return items.reduce<number>((max, item) => Math.max(max, actualObjectCost(ctx, type, nodes, item)), OBJECT_COST);
}

function actualConnectionCost(ctx: Context, type: GraphQLObjectType, nodes: FieldNode[], value: unknown): number {
  const connection = asObject(value);
  if (!connection) return CONNECTION_BASE_COST;
  let cost = CONNECTION_BASE_COST;
  for (const [key, children] of collectFields(ctx, type, subSelections(nodes))) {
    const child = fieldDef(type, children);
    const name = children[0]?.name.value;
    if (!child || name === "pageInfo" || !(key in connection)) continue;
    if (name === "edges") cost += sumItems(connection[key], (edge) => actualEdgeCost(ctx, child, children, edge));
    else if (name === "nodes") cost += sumItems(connection[key], (item) => actualItemCost(ctx, child, children, item));
    else cost += actualFieldCost(ctx, type, children, connection[key]);
  }
  return cost;
}

function actualEdgeCost(ctx: Context, edges: GraphQLField<unknown, unknown>, nodes: FieldNode[], edge: unknown) {
  const edgeType = getNamedType(edges.type);
  const object = asObject(edge);
  if (!isObjectType(edgeType) || !object) return 0;
  let cost = 0;
  for (const [key, children] of collectFields(ctx, edgeType, subSelections(nodes))) {
    if (!(key in object)) continue;
    cost +=
      children[0]?.name.value === "node"
        ? actualItemCost(ctx, fieldDef(edgeType, children), children, object[key])
        : actualFieldCost(ctx, edgeType, children, object[key]);
  }
  return cost;
}

function actualItemCost(
  ctx: Context,
  def: GraphQLField<unknown, unknown> | undefined,
  nodes: FieldNode[],
  item: unknown,
) {
  const type = def && getNamedType(def.type);
  if (!type || isLeafType(type)) return 0;
  return actualObjectCost(ctx, type as GraphQLCompositeType, nodes, item);
}

function sumItems(list: unknown, cost: (item: unknown) => number): number {
  return Array.isArray(list) ? list.reduce<number>((sum, item) => sum + cost(item), 0) : 0;
}

// The concrete type behind an abstract value: its `__typename` when selected, otherwise the types whose selection
// produces exactly the keys returned; if that still leaves several, the caller charges the most expensive.
function runtimeTypes(ctx: Context, type: GraphQLCompositeType, nodes: FieldNode[], value: JsonObject) {
  const candidates = concreteTypes(ctx, type);
  if (candidates.length <= 1) return candidates;
  const keys = Object.keys(value).sort().join(",");
  const matching = candidates.filter((concrete) => {
    const fields = collectFields(ctx, concrete, subSelections(nodes));
    const typename = [...fields].find(([, f]) => f[0]?.name.value === "__typename")?.[0];
    if (typename !== undefined && typeof value[typename] === "string") return value[typename] === concrete.name;
    return [...fields.keys()].sort().join(",") === keys;
  });
  return matching.length > 0 ? matching : candidates;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared plumbing: operation selection, field collection, @skip/@include.
// ---------------------------------------------------------------------------------------------------------------

function prepare(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
) {
  const operation = selectOperation(document, operationName);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new Error(`The schema has no ${operation.operation} root type.`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const ctx: Context = { schema, fragments, variables: coerceVariables(schema, operation, variables) };
  return { ctx, operation, rootType };
}

function selectOperation(document: DocumentNode, operationName?: string): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (def): def is OperationDefinitionNode => def.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((op) => op.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation)
    throw new Error(operationName ? `Unknown operation "${operationName}".` : "Must provide operation name.");
  return operation;
}

// Coercion applies the operation's variable defaults (`$first: Int = 10`); the emulator validates variables
// elsewhere, so invalid input falls back to the raw values rather than failing the cost.
function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
) {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return result.coerced ?? variables;
}

// Field collection as execution does it, so fields repeated under one response key are charged once.
function collectFields(ctx: Context, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Fields {
  const fields: Fields = new Map();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(ctx, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(ctx, selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
      } else {
        const fragment = ctx.fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        if (appliesTo(ctx, fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

function appliesTo(ctx: Context, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = ctx.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && ctx.schema.isSubType(conditionType, type);
}

function isIncluded(ctx: Context, node: SelectionSetNode["selections"][number]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, ctx.variables)?.["if"] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, ctx.variables)?.["if"] !== false;
}

function concreteTypes(ctx: Context, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? ctx.schema.getPossibleTypes(type) : [type];
}

// __typename, __schema and __type are answered without touching shop data, so they are free.
function isIntrospection(nodes: FieldNode[]): boolean {
  return nodes[0]?.name.value.startsWith("__") ?? true;
}

function fieldDef(parent: GraphQLObjectType, nodes: FieldNode[]): GraphQLField<unknown, unknown> | undefined {
  if (isIntrospection(nodes)) return undefined;
  return parent.getFields()[nodes[0]?.name.value ?? ""];
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith("Connection");
}

function subSelections(nodes: FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

function sumFields(fields: Fields, cost: (nodes: FieldNode[]) => number): number {
  let sum = 0;
  for (const nodes of fields.values()) sum += cost(nodes);
  return sum;
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Leaky bucket.
// ---------------------------------------------------------------------------------------------------------------

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * "The bucket leaks continuously at that API's restore rate": capacity refills continuously at `restoreRate`
 * points per second up to `maximumAvailable`. "Before execution begins, an app's bucket must have enough capacity
 * for the requested cost of a query. When execution is complete, the bucket is refunded the difference between
 * the requested cost and the actual cost of the query" — hence tryTake() then refund().
 */
export class LeakyBucket {
  private readonly maximumAvailable: number;
  private readonly restoreRate: number;
  private readonly now: () => number;
  private available: number;
  private lastRefill: number;

  constructor(opts: { maximumAvailable: number; restoreRate: number; now?: () => number }) {
    this.maximumAvailable = opts.maximumAvailable;
    this.restoreRate = opts.restoreRate;
    this.now = opts.now ?? Date.now;
    this.available = opts.maximumAvailable; // a fresh app/store pair starts with a full bucket
    this.lastRefill = this.now();
  }

  // Assumption: like Shopify's responses, currentlyAvailable is reported in whole points (the fraction keeps
  // accruing internally).
  status(): ThrottleStatus {
    this.refill();
    const { maximumAvailable, restoreRate } = this;
    return { maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate };
  }

  /** Takes `cost` points if that many are available; otherwise takes nothing (the request is throttled). */
  tryTake(cost: number): boolean {
    this.refill();
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(amount: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, amount));
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.lastRefill) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsedSeconds * this.restoreRate);
    this.lastRefill = now;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Response pieces, in the shapes Shopify returns.
// ---------------------------------------------------------------------------------------------------------------

/** The `extensions` of every response; `actualQueryCost` is null when the query never ran (throttled). */
export function costExtension(requested: number, actual: number | null, status: ThrottleStatus) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: {
        maximumAvailable: status.maximumAvailable,
        currentlyAvailable: status.currentlyAvailable,
        restoreRate: status.restoreRate,
      },
    },
  };
}

/** "THROTTLED: The client has exceeded the rate limit." Returned with HTTP 200 and no `data`. */
export function throttledError() {
  return { message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOCS } };
}

/** The documented sample error for a query whose requested cost is above SINGLE_QUERY_MAX_COST. */
export function maxCostExceededError(cost: number) {
  const message =
    `Query cost is ${cost}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\n` +
    "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
    "cost of a query is calculated.\n\n" +
    "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
    "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n";
  return {
    message,
    extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: SINGLE_QUERY_MAX_COST, documentation: MAX_COST_DOCS },
  };
}

/**
 * The node limit: how many objects an operation can return, counted once its variables are known and
 * before any resolver runs, the way GitHub's GraphQL API limits nodes. Every list field adds the product
 * of the page sizes along its path: `organisations(first: 100) { … members(first: 100) { … statements(first:
 * 100) } }` can return 100 + 100 × 100 + 100 × 100 × 100 = 1,010,100 objects.
 *
 * Why not @pothos/plugin-complexity: it weighs fields by their arguments and variables, but either checks
 * inside the root fields' resolvers (a field error per root field next to `data`, not one request error)
 * or as a validation rule, and yoga caches validation by document, so one request's variables would
 * decide for the next. Counting in onExecute sees every document (persisted ones too) with its variables.
 */
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { DEFAULT_PAGE_SIZE } from '../queries/pagination.js';
import type { Context } from '../schema/context.js';
import { ANALYST_FIRST } from '../schema/resolvers/analyst.js';
import { GRAPH_DEFAULTS } from '../schema/resolvers/nodes.js';

type Args = Record<string, unknown>;

/**
 * A plain list of objects without a page size: a node's own links (a statement's `about`, `addressedTo`
 * and evidence, an event's places). The data has 1–5 of them; 10 leaves room for hubs.
 */
const LIST_WEIGHT = 10;

/** A count argument, or the resolver's default when it is missing. */
const size = (value: unknown, fallback: number) =>
  typeof value === 'number' ? Math.max(0, value) : fallback;

/**
 * Objects one field returns per parent object, where neither a connection's page size nor LIST_WEIGHT
 * says it, with the resolvers' own defaults.
 */
const WEIGHTS: Record<string, (args: Args, config: Config) => number> = {
  'Query.nodes': (a) => (a.ids as unknown[]).length,
  'Query.neighbourhood': (a) => size(a.limit, GRAPH_DEFAULTS.neighbourhood),
  'Query.path': (a) => size(a.maxLength, GRAPH_DEFAULTS.maxLength) + 1,
  'Query.paths': (a) =>
    size(a.limit, GRAPH_DEFAULTS.paths) * (size(a.maxLength, GRAPH_DEFAULTS.maxLength) + 1),
  'Query.cypher': (_a, config) => config.cypher.rowCap,
  'Query.coMentions': (a) => size(a.first, ANALYST_FIRST.coMentions),
  'Query.coMentionPairs': (a) => size(a.first, ANALYST_FIRST.coMentionPairs),
  'Query.ranking': (a) => size(a.first, ANALYST_FIRST.ranking),
  'Query.near': (a) => size(a.first, ANALYST_FIRST.near),
  // No limit argument: a century of periods.
  'Query.statementTimeline': (a) => (a.interval === 'MONTH' ? 1200 : 100),
  'TimelineBucket.speakers': () => 5,
  // A draft's proposals: an article at the 100,000-character cap has hundreds of each.
  'Draft.entities': () => 200,
  'Draft.mentions': () => 1000,
  'Draft.statements': () => 200,
};

/**
 * Lists holding the objects their parent field was already weighed by (a subgraph's nodes are the
 * neighbourhood's `limit`): they pass the count on without adding to it, like a connection's edges.
 */
const COUNTED_BY_PARENT = new Set([
  'Subgraph.nodes',
  'Subgraph.relationships',
  'Path.nodes',
  'Path.relationships',
  'CypherResult.nodes',
  'CypherResult.relationships',
]);

const isConnection = (type: { name: string }) => type.name.endsWith('Connection');

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Args;
  config: Config;
}

/** Objects `field` returns per parent object, or null when it returns one object (not counted). */
function perParent(
  walk: Walk,
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
) {
  const name = `${parent.name}.${field.name}`;
  const weight = WEIGHTS[name];
  if (weight) return weight(getArgumentValues(field, node, walk.variables), walk.config);
  if (COUNTED_BY_PARENT.has(name) || isConnection(parent)) return null;
  if (isConnection(getNamedType(field.type))) {
    const { first, last } = getArgumentValues(field, node, walk.variables);
    return size(first ?? last, DEFAULT_PAGE_SIZE);
  }
  return isListType(getNullableType(field.type)) ? LIST_WEIGHT : null;
}

/** False when @skip or @include leaves the selection out. */
function included(selection: SelectionNode, variables: Args): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false
  );
}

/**
 * Objects a selection set can return when `parents` objects of `type` hold it. Fragments on different
 * types of one field are added up: an overestimate that keeps the walk simple.
 */
function countSelections(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  parents: number,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (!included(selection, walk.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      total += countField(walk, selection, type, parents);
      continue;
    }
    const fragment =
      selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition && walk.schema.getType(fragment.typeCondition.name.value);
    total += countSelections(
      walk,
      fragment.selectionSet,
      isCompositeType(condition) ? condition : type,
      parents,
    );
  }
  return total;
}

/** Objects one field can return for `parents` parent objects, its own and its selection's. */
function countField(walk: Walk, node: FieldNode, parent: GraphQLCompositeType, parents: number): number {
  // Scalars return no objects; introspection (`__schema`, `__type`) is not in getFields and is bounded
  // by the schema.
  if (!node.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const field = parent.getFields()[node.name.value];
  const type = field && getNamedType(field.type);
  if (!field || !isCompositeType(type)) return 0;
  const each = perParent(walk, parent, field, node);
  if (each === null) return countSelections(walk, node.selectionSet, type, parents);
  const items = parents * each;
  return items + countSelections(walk, node.selectionSet, type, items);
}

/**
 * Objects the operation can return with these (raw) variables; 0 when the operation or its variables
 * are invalid, which execution then reports without running a resolver.
 */
function countNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Args | null | undefined,
  operationName: string | null | undefined,
  config: Config,
): number {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, {
    maxErrors: 1,
  });
  if (coerced.errors) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return countSelections(
    { schema, fragments, variables: coerced.coerced, config },
    operation.selectionSet,
    root,
    1,
  );
}

/** Refuses (QUERY_TOO_COMPLEX, HTTP 400) an operation that could return more than LIMIT_NODES objects. */
export function useNodeLimit(config: Config): Plugin<Context> {
  const limit = config.limits.nodes;
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: ExecutionResult) => void;
  }) => {
    const nodes = countNodes(args.schema, args.document, args.variableValues, args.operationName, config);
    if (nodes <= limit) return;
    const count = (n: number) => n.toLocaleString('en-US');
    const error = new GraphQLError(
      `this operation could return ${count(nodes)} nodes; the limit is ${count(limit)} (LIMIT_NODES)`,
      // HTTP 400, or 200 for clients accepting only application/json, as for the other limits.
      { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } } },
    );
    setResultAndStopExecution({ errors: [error] });
  };
  // A subscription is counted when it subscribes: every event it sends is one answer of that size.
  return { onExecute: check, onSubscribe: check };
}

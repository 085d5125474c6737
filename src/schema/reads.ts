/**
 * The planner's half in the schema: what a client selected below a field, as the reads of
 * queries/reads.ts — each connection field marked with the relation it pages (`extensions.relation`,
 * see connection.ts), through fragments, type conditions and aliases, with its arguments as the
 * executor will pass them. A field it cannot plan (arguments the field itself will refuse) is left to
 * its loader, which then reads it and reports the error as before.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { type PageArgs, toPage } from '../queries/pagination.js';
import { type Ahead, READ_LABELS, type Read } from '../queries/reads.js';
import { RELATIONS, type RelationFilter, type RelationName } from '../queries/relations.js';
import { fieldsOnNodes, selectedOnNodes } from './selection.js';

/** What a connection field's extensions say: the relation it pages, and the field of its nodes holding the other end. */
export interface RelationExtension {
  relation: RelationName;
  /** For edges that are links (an affiliation, a participation, a mention): the field holding the listed node. */
  other?: string;
}

interface Selected {
  field: FieldNode;
  def: GraphQLField<unknown, unknown>;
  /** The type condition it was selected under, when narrower than the parent's type. */
  on?: string;
  /** Left out by `@skip`/`@include` (here or on a fragment around it): nothing is read for it. */
  skipped: boolean;
}

/** Whether `@skip`/`@include` leave this selection out, with the request's variables. */
function leftOut(node: SelectionNode | FragmentDefinitionNode, info: GraphQLResolveInfo): boolean {
  if (!('directives' in node) || !node.directives?.length) return false;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return true;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if === false;
}

/**
 * The fields selected on a node of `type`, through fragments; those under `... on X` carry X, and those
 * `@skip`/`@include` leave out say so (they still name links, as the resolvers' own lookahead does).
 */
function selectedFields(
  type: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  on?: string,
  skipped = false,
): Selected[] {
  return (set?.selections ?? []).flatMap((selection): Selected[] => {
    const out = skipped || leftOut(selection, info);
    if (selection.kind === 'Field') {
      if (!('getFields' in type)) return [];
      const def = type.getFields()[selection.name.value];
      return def ? [{ field: selection, def, on, skipped: out }] : [];
    }
    const fragment = selection.kind === 'InlineFragment' ? selection : info.fragments[selection.name.value];
    const condition = fragment?.typeCondition?.name.value;
    const narrower = condition ? info.schema.getType(condition) : undefined;
    if (narrower && isCompositeType(narrower) && narrower !== type && isAbstractType(type)) {
      return selectedFields(narrower, fragment?.selectionSet, info, condition, out);
    }
    return selectedFields(type, fragment?.selectionSet, info, on, out);
  });
}

/** The field named `name` among `fields`, each selection of it (aliases included). */
const named = (fields: readonly Selected[], name: string) =>
  fields.filter((f) => f.field.name.value === name);

/** The composite type a field returns. */
const typeOf = (def: GraphQLField<unknown, unknown>) => getNamedType(def.type) as GraphQLCompositeType;

/** The `edges { node }` selections among the fields selected on a connection. */
const nodesOf = (connection: readonly Selected[], info: GraphQLResolveInfo) =>
  named(
    named(connection, 'edges').flatMap((e) =>
      selectedFields(typeOf(e.def), e.field.selectionSet, info, undefined, e.skipped),
    ),
    'node',
  );

function readOf(selected: Selected, info: GraphQLResolveInfo): Read | null {
  const extension = selected.def.extensions?.relation as RelationExtension | undefined;
  if (!extension) return null;
  const on = READ_LABELS.find((label) => label === selected.on);
  if (selected.on && !on) return null;
  const args = getArgumentValues(selected.def, selected.field, info.variableValues) as PageArgs &
    RelationFilter;
  let page: ReturnType<typeof toPage>;
  try {
    page = toPage(RELATIONS[extension.relation].ordering, args);
  } catch {
    return null;
  }
  const connection = selectedFields(typeOf(selected.def), selected.field.selectionSet, info);
  const nodes = nodesOf(connection, info).filter((n) => !n.skipped);
  const onNodes = nodes.flatMap((n) => selectedFields(typeOf(n.def), n.field.selectionSet, info));
  // The listed node is the edge's node itself, or the field of it holding the other end.
  const listed = (extension.other ? named(onNodes, extension.other) : nodes).filter((l) => !l.skipped);
  return {
    relation: extension.relation,
    args,
    page,
    // As the field's resolver names them (connection.ts), for the loader's key.
    links: fieldsOnNodes([selected.field], info.fragments),
    count: named(connection, 'totalCount').some((f) => !f.skipped),
    ...(on ? { on } : {}),
    below: listed.flatMap((l) => readsOn(typeOf(l.def), l.field.selectionSet, info)),
  };
}

/** The reads a selection on a node of `type` asks for. */
function readsOn(
  type: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
): Read[] {
  return selectedFields(type, set, info).flatMap((selected) =>
    selected.skipped ? [] : (readOf(selected, info) ?? []),
  );
}

/** What to read ahead below the node this field returns (`entity(key:)`, `node(id:)`): the reads its selection asks for. */
export function aheadOfField(info: GraphQLResolveInfo): Ahead {
  const type = getNamedType(info.returnType) as GraphQLCompositeType;
  return { links: [], reads: info.fieldNodes.flatMap((f) => readsOn(type, f.selectionSet, info)) };
}

/** What to read along with the nodes of the connection this field returns (a root list): their links selected, and the reads below them. */
export function aheadOfNodes(info: GraphQLResolveInfo): Ahead {
  const connectionType = getNamedType(info.returnType) as GraphQLCompositeType;
  const nodes = info.fieldNodes.flatMap((f) =>
    nodesOf(selectedFields(connectionType, f.selectionSet, info), info),
  );
  return {
    links: selectedOnNodes(info),
    reads: nodes.filter((n) => !n.skipped).flatMap((n) => readsOn(typeOf(n.def), n.field.selectionSet, info)),
  };
}

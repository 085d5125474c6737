/** What a client selected below a field, for loaders that read ahead (lookahead, not execution). */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields selected in a selection set, through fragments and inline fragments. */
function fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  return (set?.selections ?? []).flatMap((selection) => {
    if (selection.kind === 'Field') return [selection];
    if (selection.kind === 'InlineFragment') return fieldsOf(selection.selectionSet, fragments);
    return fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
  });
}

// The executor hands every item of a list the same fieldNodes array: walk each selection once.
const walked = new WeakMap<readonly FieldNode[], string[]>();

/**
 * Names of the fields selected on the nodes (`edges { node { … } }`) of these selections of a
 * connection field, through fragments of any type.
 */
export function fieldsOnNodes(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const at = (fields: FieldNode[], name: string) =>
    fields.filter((f) => f.name.value === name).flatMap((f) => fieldsOf(f.selectionSet, fragments));
  const selected = fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, fragments));
  return [...new Set(at(at(selected, 'edges'), 'node').map((f) => f.name.value))];
}

/** Names of the fields selected on the nodes of the connection field being resolved. */
export function selectedOnNodes(info: GraphQLResolveInfo): string[] {
  const known = walked.get(info.fieldNodes);
  if (known) return known;
  const names = fieldsOnNodes(info.fieldNodes, info.fragments);
  walked.set(info.fieldNodes, names);
  return names;
}

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

/** Names of the fields selected on the nodes of a connection field (`edges { node { … } }`). */
export function selectedOnNodes(info: GraphQLResolveInfo): string[] {
  const known = walked.get(info.fieldNodes);
  if (known) return known;
  const at = (fields: FieldNode[], name: string) =>
    fields.filter((f) => f.name.value === name).flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  const selected = info.fieldNodes.flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  const nodes = at(at(selected, 'edges'), 'node');
  const names = [...new Set(nodes.map((f) => f.name.value))];
  walked.set(info.fieldNodes, names);
  return names;
}

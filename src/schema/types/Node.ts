import { toGlobalId } from '../../model/globalId.js';
import { builder } from '../builder.js';
import { NodeRef } from '../refs.js';
import { nodeById, nodesByIds } from '../resolvers/nodes.js';

NodeRef.implement({
  description: 'Relay object identification: every stored object has an opaque global id.',
  resolveType: (node) => node.label,
  fields: (t) => ({
    id: t.id({
      description: 'Opaque global id, stable across databases: give it to node, nodes and every ID argument.',
      resolve: (node) => toGlobalId(node.label, node.key),
    }),
  }),
});

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description:
      'The node with this global id, of any type; null when there is none (a malformed id is BAD_USER_INPUT).',
    args: { id: t.arg.id({ required: true, description: 'A global id (Node.id).' }) },
    resolve: (_root, args, ctx) => nodeById(ctx, args.id),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'One entry per id, in order; null where there is no such node. At most 100 ids.',
    args: { ids: t.arg.idList({ required: true, description: 'Global ids (Node.id), at most 100.' }) },
    resolve: (_root, args, ctx) => nodesByIds(ctx, args.ids),
  }),
}));

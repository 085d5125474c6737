import { nodeById, nodesByIds } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { toGlobalId } from '../globalId.js';
import { NodeRef } from '../refs.js';

NodeRef.implement({
  description: 'Relay object identification: every stored object has an opaque global id.',
  resolveType: (node) => node.label,
  fields: (t) => ({
    id: t.id({ resolve: (node) => toGlobalId(node.label, node.key) }),
  }),
});

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => nodeById(ctx, String(args.id)),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'One entry per id, in order; null where there is no such node. At most 100 ids.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx) => nodesByIds(ctx, args.ids.map(String)),
  }),
}));

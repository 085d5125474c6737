import { nodeById } from '../../resolvers/entities.js';
import { builder } from '../builder.js';
import { toGlobalId } from '../globalId.js';

/** What every Node is underneath: its GraphQL type name and its stable key. */
export interface NodeShape {
  label: string;
  key: string;
}

export const NodeRef = builder.interfaceRef<NodeShape>('Node').implement({
  description: 'Relay object identification: every stored object has an opaque global id.',
  resolveType: (node) => node.label,
  fields: (t) => ({
    id: t.id({ resolve: (node) => toGlobalId(node.label, node.key) }),
  }),
});

builder.queryField('node', (t) =>
  t.field({
    type: NodeRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => nodeById(ctx, String(args.id)),
  }),
);

import { deleteNodeResolver, linkResolver, unlinkResolver } from '../../resolvers/mutations.js';
import { neighbourhoodOf, pathBetween } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { toGlobalId } from '../globalId.js';
import { GraphRelationshipRef, NodeRef, PathRef, SubgraphRef } from '../refs.js';
import { EvidenceInput } from './Evidence.js';
import { RelationshipType } from './enums.js';

export const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

GraphRelationshipRef.implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    from: t.id({ resolve: (r) => toGlobalId(r.from.label, r.from.key) }),
    to: t.id({ resolve: (r) => toGlobalId(r.to.label, r.to.key) }),
    properties: t.field({ type: JSONScalar, nullable: true, resolve: (r) => r.properties }),
  }),
});

PathRef.implement({
  description: 'A path through the graph: nodes[i] and nodes[i+1] are joined by relationships[i].',
  fields: (t) => ({
    length: t.exposeInt('length'),
    nodes: t.field({ type: [NodeRef], resolve: (p) => p.nodes }),
    relationships: t.field({ type: [GraphRelationshipRef], resolve: (p) => p.relationships }),
  }),
});

SubgraphRef.implement({
  fields: (t) => ({
    nodes: t.field({ type: [NodeRef], resolve: (s) => s.nodes }),
    relationships: t.field({ type: [GraphRelationshipRef], resolve: (s) => s.relationships }),
    truncated: t.exposeBoolean('truncated'),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: PathRef,
    nullable: true,
    description:
      'A shortest path over knowledge relationships (not provenance), or null. maxLength 1–8, default 6.',
    args: { from: t.arg.id({ required: true }), to: t.arg.id({ required: true }), maxLength: t.arg.int() },
    resolve: (_root, args, ctx) => pathBetween(ctx, String(args.from), String(args.to), args.maxLength),
  }),
  neighbourhood: t.field({
    type: SubgraphRef,
    description:
      'Nodes within depth (1–3, default 1) hops, nearest first, at most limit (default 100, at most 500).',
    args: { id: t.arg.id({ required: true }), depth: t.arg.int(), limit: t.arg.int() },
    resolve: (_root, args, ctx) => neighbourhoodOf(ctx, String(args.id), args.depth, args.limit),
  }),
}));

const LinkInput = builder.inputType('LinkInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: 'Key of the start node.' }),
    to: t.string({ required: true, description: 'Key of the end node.' }),
    type: t.field({ type: RelationshipType, required: true }),
    role: t.string(),
    since: t.string(),
    until: t.string(),
    evidence: t.field({ type: [EvidenceInput] }),
  }),
});

builder.mutationFields((t) => ({
  link: t.field({
    type: GraphRelationshipRef,
    args: { input: t.arg({ type: LinkInput, required: true }) },
    resolve: (_root, args, ctx) => linkResolver(ctx, args.input),
  }),
  unlink: t.boolean({
    args: { input: t.arg({ type: LinkInput, required: true }) },
    resolve: (_root, args, ctx) => unlinkResolver(ctx, args.input),
  }),
  deleteNode: t.boolean({
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteNodeResolver(ctx, String(args.id)),
  }),
}));

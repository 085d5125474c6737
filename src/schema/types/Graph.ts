import { jsonFromLiteral } from '../../json.js';
import { deleteNodeResolver, linkResolver, unlinkResolver } from '../../resolvers/mutations.js';
import { allPathsBetween, neighbourhoodOf, pathBetween } from '../../resolvers/nodes.js';
import { builder } from '../builder.js';
import { toGlobalId } from '../globalId.js';
import { GraphRelationshipRef, NodeRef, PathRef, SubgraphRef } from '../refs.js';
import { EvidenceInput } from './Evidence.js';
import { RelationshipType } from './enums.js';

export const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  // Variables were bounded for every request before parsing (useVariableBounds).
  parseValue: (value) => value,
  parseLiteral: (node, variables) => jsonFromLiteral(node, variables),
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

const pathArgs = builder.args((t) => ({
  from: t.id({ required: true }),
  to: t.id({ required: true }),
  maxLength: t.int(),
  types: t.stringList({ description: 'Relationship types to walk, e.g. ["AFFILIATED_WITH", "SAID_BY"].' }),
  exclude: t.idList({ description: 'Ids of nodes the path must not pass through.' }),
}));

const pathInput = (args: {
  from: string | number;
  to: string | number;
  maxLength?: number | null;
  types?: string[] | null;
  exclude?: (string | number)[] | null;
}) => ({ ...args, from: String(args.from), to: String(args.to), exclude: args.exclude?.map(String) });

builder.queryFields((t) => ({
  path: t.field({
    type: PathRef,
    nullable: true,
    description:
      'A shortest path over knowledge relationships (not provenance), or null. maxLength 1–8, default 6; ' +
      '`types` narrows the relationship types walked, `exclude` names nodes to avoid.',
    args: pathArgs,
    resolve: (_root, args, ctx) => pathBetween(ctx, pathInput(args)),
  }),
  paths: t.field({
    type: [PathRef],
    authScopes: { analyst: true },
    description: 'Analysts: every shortest path (up to limit, default 10), with the options of `path`.',
    args: { ...pathArgs, limit: t.arg.int() },
    resolve: (_root, args, ctx) => allPathsBetween(ctx, { ...pathInput(args), limit: args.limit }),
  }),
  neighbourhood: t.field({
    type: SubgraphRef,
    description:
      'Nodes within depth (1–3, default 1) hops, nearest first, at most limit (default 100, at most 500); ' +
      '`types` narrows the relationship types walked.',
    args: {
      id: t.arg.id({ required: true }),
      depth: t.arg.int(),
      limit: t.arg.int(),
      types: t.arg.stringList(),
    },
    resolve: (_root, args, ctx) => neighbourhoodOf(ctx, { ...args, id: String(args.id) }),
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

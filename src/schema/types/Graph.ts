import { z } from 'zod';
import { toGlobalId } from '../../model/globalId.js';
import { builder } from '../builder.js';
import { GraphRelationshipRef, NodeRef, PathRef, SubgraphRef } from '../refs.js';
import { allPathsBetween, neighbourhoodOf, pathBetween } from '../resolvers/nodes.js';
import { JSONScalar } from './JSON.js';

GraphRelationshipRef.implement({
  description: 'A relationship between two nodes, as paths, neighbourhoods, cypher and link return it.',
  fields: (t) => ({
    type: t.exposeString('type', {
      description: 'Its type, e.g. "SAID_BY", "AFFILIATED_WITH" or "PART_OF".',
    }),
    from: t.globalID({
      description: 'Global id of the node it starts at.',
      resolve: (r) => toGlobalId(r.from.label, r.from.key),
    }),
    to: t.globalID({
      description: 'Global id of the node it ends at.',
      resolve: (r) => toGlobalId(r.to.label, r.to.key),
    }),
    properties: t.field({
      type: JSONScalar,
      nullable: true,
      description:
        'Its properties as stored, as a JSON object: a role, partial-date fields, evidence offsets…',
      resolve: (r) => r.properties,
    }),
  }),
});

PathRef.implement({
  description: 'A path through the graph: nodes[i] and nodes[i+1] are joined by relationships[i].',
  fields: (t) => ({
    length: t.exposeInt('length', { description: 'How many relationships it has (nodes has one more).' }),
    nodes: t.field({
      type: [NodeRef],
      description: 'Its nodes, from `from` to `to`.',
      resolve: (p) => p.nodes,
    }),
    relationships: t.field({
      type: [GraphRelationshipRef],
      description: 'Its relationships in order; each keeps its own direction (see its from and to).',
      resolve: (p) => p.relationships,
    }),
  }),
});

SubgraphRef.implement({
  description: "A node's neighbourhood: the nodes within some hops of it and the relationships among them.",
  fields: (t) => ({
    nodes: t.field({
      type: [NodeRef],
      description: 'The centre first, then the others, nearest first (at most `limit`, the centre included).',
      resolve: (s) => s.nodes,
    }),
    relationships: t.field({
      type: [GraphRelationshipRef],
      description: 'The relationships of the walked types between any two of these nodes.',
      resolve: (s) => s.relationships,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when `limit` cut nodes off: more lie within `depth` hops.',
    }),
  }),
});

const pathArgs = builder.args((t) => ({
  from: t.globalID({
    required: true,
    description: 'Global id of the node to start from: an entity, statement or source.',
  }),
  to: t.globalID({ required: true, description: 'Global id of the node to reach (not the same as from).' }),
  maxLength: t.int({ description: 'Most relationships the path may have: 1–8, default 6.' }),
  types: t.stringList({ description: 'Relationship types to walk, e.g. ["AFFILIATED_WITH", "SAID_BY"].' }),
  exclude: t.globalIDList({ description: 'Ids of nodes the path must not pass through.' }),
}));

const PATHS_LIMIT = 'limit must be between 1 and 100';

builder.queryFields((t) => ({
  path: t.field({
    type: PathRef,
    nullable: true,
    description:
      'A shortest path over knowledge relationships (not provenance), or null. maxLength 1–8, default 6; ' +
      '`types` narrows the relationship types walked, `exclude` names nodes to avoid.',
    args: pathArgs,
    resolve: (_root, args, ctx) => pathBetween(ctx, args),
  }),
  paths: t.field({
    type: [PathRef],
    authScopes: { analyst: true },
    description: 'Analysts: every shortest path (up to limit, default 10), with the options of `path`.',
    args: {
      ...pathArgs,
      limit: t.arg.int({
        description: 'Most paths to return: 1–100, default 10.',
        validate: z.number().int().min(1, PATHS_LIMIT).max(100, PATHS_LIMIT),
      }),
    },
    resolve: (_root, args, ctx) => allPathsBetween(ctx, args),
  }),
  neighbourhood: t.field({
    type: SubgraphRef,
    description:
      'Nodes within depth (1–3, default 1) hops, nearest first, at most limit (default 100, at most 500); ' +
      '`types` narrows the relationship types walked.',
    args: {
      id: t.arg.globalID({
        required: true,
        description: 'Global id of the centre: an entity, statement or source.',
      }),
      depth: t.arg.int({ description: 'Hops from the centre: 1–3, default 1.' }),
      limit: t.arg.int({ description: 'Most nodes, the centre included: 1–500, default 100.' }),
      types: t.arg.stringList({
        description:
          'Relationship types to walk: SAID_BY, ON_BEHALF_OF, ADDRESSED_TO, ABOUT, REPORTS and every RelationshipType but MENTIONS (all of them by default).',
      }),
    },
    resolve: (_root, args, ctx) => neighbourhoodOf(ctx, args),
  }),
}));

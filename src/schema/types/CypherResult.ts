import type { CypherResult } from '../../queries/cypher.js';
import { builder } from '../builder.js';
import { GraphRelationshipRef, NodeRef } from '../refs.js';
import { cypherQuery } from '../resolvers/analyst.js';
import { JSONScalar } from './JSON.js';

const CypherResultRef = builder.objectRef<CypherResult>('CypherResult').implement({
  description:
    'What a read-only Cypher query returned: its rows, and the nodes and relationships in them as graph objects.',
  fields: (t) => ({
    columns: t.exposeStringList('columns', {
      description: 'The names of the returned columns, in RETURN order.',
    }),
    rows: t.field({
      type: [JSONScalar],
      description: 'One JSON array per row, in column order.',
      resolve: (r) => r.rows,
    }),
    nodes: t.field({
      type: [NodeRef],
      description:
        'Each node with a key found anywhere in the rows (paths and lists included), once, as an API object.',
      resolve: (r) => r.nodes,
    }),
    relationships: t.field({
      type: [GraphRelationshipRef],
      description: 'Each relationship found in the rows whose two ends have keys, once.',
      resolve: (r) => r.relationships,
    }),
    truncated: t.exposeBoolean('truncated', { description: 'The row cap or the byte cap cut the result.' }),
  }),
});

builder.queryField('cypher', (t) =>
  t.field({
    type: CypherResultRef,
    authScopes: { analyst: true },
    description:
      'Analysts only: a read-only Cypher query, run only if every operator of its plan (EXPLAIN) is on the read allow-list, in a READ transaction with a timeout, a row cap and a byte cap.',
    args: {
      query: t.arg.string({ required: true, description: 'The Cypher query (at most 10,000 characters).' }),
      params: t.arg({
        type: JSONScalar,
        description:
          'Query parameters as a JSON object, e.g. {"key": "person/david-babayan"} for $key (at most 64 KiB as JSON).',
      }),
    },
    resolve: (_root, args, ctx) => cypherQuery(ctx, args.query, args.params),
  }),
);

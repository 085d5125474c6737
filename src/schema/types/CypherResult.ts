import type { CypherResult } from '../../analyst/cypher.js';
import { cypherQuery } from '../../resolvers/analyst.js';
import { builder } from '../builder.js';
import { GraphRelationshipRef, NodeRef } from '../refs.js';
import { JSONScalar } from './Graph.js';

const CypherResultRef = builder.objectRef<CypherResult>('CypherResult').implement({
  description:
    'What a read-only Cypher query returned: its rows, and the nodes and relationships in them as graph objects.',
  fields: (t) => ({
    columns: t.exposeStringList('columns'),
    rows: t.field({
      type: [JSONScalar],
      description: 'One JSON array per row, in column order.',
      resolve: (r) => r.rows,
    }),
    nodes: t.field({ type: [NodeRef], resolve: (r) => r.nodes }),
    relationships: t.field({ type: [GraphRelationshipRef], resolve: (r) => r.relationships }),
    truncated: t.exposeBoolean('truncated', { description: 'The row cap or the byte cap cut the result.' }),
  }),
});

builder.queryField('cypher', (t) =>
  t.field({
    type: CypherResultRef,
    authScopes: { analyst: true },
    description:
      'Analysts only: a read-only Cypher query, run only if every operator of its plan (EXPLAIN) is on the read allow-list, in a READ transaction with a timeout, a row cap and a byte cap.',
    args: { query: t.arg.string({ required: true }), params: t.arg({ type: JSONScalar }) },
    resolve: (_root, args, ctx) => cypherQuery(ctx, args.query, args.params),
  }),
);

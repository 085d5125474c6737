import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { z } from 'zod';
import { hasRole } from '../auth/auth.js';
import { badInput, userError } from '../errors.js';
import { fromGlobalId, toGlobalId } from '../model/globalId.js';
import type { Context } from './context.js';
import { MAX_IDS, nodeWithReads } from './resolvers/nodes.js';
import { scopeAuthBeforeArguments } from './scopeAuthFirst.js';

/** The one SchemaBuilder: every type file under ./types adds to it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  // Ids reach resolvers as the strings clients sent (graphql-js coerces ID inputs to strings).
  Scalars: { ID: { Input: string; Output: string }; JSON: { Input: unknown; Output: unknown } };
  AuthScopes: { reader: boolean; editor: boolean; analyst: boolean; admin: boolean };
  // Connections: every edge and every node is there (`edges: [XEdge!]!`, `node: X!`), and each connection
  // counts its whole list when asked (totalCount).
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { count: () => Promise<number> };
}>({
  defaultFieldNullability: false,
  plugins: [scopeAuthBeforeArguments, RelayPlugin, ValidationPlugin],
  // Argument checks declared with zod (`validate:`) answer as every other bad input: BAD_USER_INPUT
  // with the schema's own message, naming the argument.
  validation: {
    validationError: ({ issues }) => {
      const [first] = issues;
      // The innermost name: `nameContains` of `filter.nameContains`, as the resolvers named it.
      const segment = first?.path?.at(-1);
      const argument = typeof segment === 'object' ? segment.key : segment;
      return badInput(first?.message ?? 'invalid argument', { argument: String(argument ?? '') });
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Our ids (model/globalId.ts): base64url of `<type>:<key>`, a malformed one BAD_USER_INPUT.
    encodeGlobalID: (typename, key) => toGlobalId(typename, String(key)),
    decodeGlobalID: (id) => {
      const { type, key } = fromGlobalId(id);
      return { typename: type, id: key };
    },
    nodeTypeOptions: {
      description: 'Relay object identification: every stored object has an opaque global id.',
      resolveType: (node) => (node as { label: string }).label,
    },
    idFieldOptions: {
      description: 'Opaque global id, stable across databases: give it to node, nodes and every ID argument.',
    },
    nodeQueryOptions: {
      description:
        'The node with this global id, of any type; null when there is none (a malformed id is BAD_USER_INPUT).',
      args: { id: { description: 'A global id (Node.id).' } },
      resolve: (_root, args, ctx, info, resolveNode) => nodeWithReads(ctx, info, args.id, resolveNode),
    },
    nodesQueryOptions: {
      description: `One entry per id, in order; null where there is no such node. At most ${MAX_IDS} ids.`,
      args: {
        ids: {
          description: `Global ids (Node.id), at most ${MAX_IDS}.`,
          validate: z.array(z.unknown()).max(MAX_IDS, `nodes takes at most ${MAX_IDS} ids`),
        },
      },
    },
    pageInfoTypeOptions: {
      description:
        'Where a page of a Relay connection sits in its list, and the cursors to fetch the pages around it.',
    },
    hasNextPageFieldOptions: {
      description:
        'Paging forward: whether more edges follow this page. Paging back (`last`): whether `before` was given.',
    },
    hasPreviousPageFieldOptions: {
      description:
        'Paging back (`last`): whether more edges precede this page. Paging forward: whether `after` was given.',
    },
    startCursorFieldOptions: {
      description:
        'Cursor of the first edge, to pass as `before` for the page before; null when the page is empty.',
    },
    endCursorFieldOptions: {
      description:
        'Cursor of the last edge, to pass as `after` for the next page; null when the page is empty.',
    },
    edgesFieldOptions: {
      nullable: false,
      description: "This page's edges, in the list's order; empty past the end.",
    },
    nodeFieldOptions: { nullable: false },
    pageInfoFieldOptions: {
      description: 'Whether pages follow or precede this one, and the cursors to fetch them.',
    },
    cursorFieldOptions: {
      description:
        'Opaque keyset cursor of this edge: pass it as `after` or `before` to the same field to page from here.',
    },
    // Page sizes above the maximum are refused with BAD_USER_INPUT where the page is read (queries/pagination.ts).
    firstArgOptions: { description: 'Page size from the start (default 20, at most 100).' },
    lastArgOptions: { description: 'Page size from the end (at most 100).' },
    afterArgOptions: {
      description: 'Only edges after this cursor (an edge cursor or endCursor of the same list).',
    },
    beforeArgOptions: {
      description: 'Only edges before this cursor (an edge cursor or startCursor of the same list).',
    },
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      reader: hasRole(ctx.viewer, 'reader'),
      editor: hasRole(ctx.viewer, 'editor'),
      analyst: hasRole(ctx.viewer, 'analyst'),
      admin: hasRole(ctx.viewer, 'admin'),
    }),
    // Nobody signed in: UNAUTHENTICATED (401); signed in without the role: FORBIDDEN (403).
    unauthorizedError: (_parent, ctx, info) =>
      ctx.viewer.anonymous
        ? userError('UNAUTHENTICATED', `${info.fieldName} needs credentials`, { http: { status: 401 } })
        : userError('FORBIDDEN', `${info.fieldName} needs a role this token does not have`, {
            http: { status: 403 },
          }),
  },
});

// Every query needs the reader role (anonymous readers have it unless AUTH_ANONYMOUS_READS is off);
// every mutation needs editor. node/nodes are queries, so they obey the same rule.
builder.queryType({
  description:
    'Reads of the news graph. Every field needs the reader role (anonymous requests have it unless the server turns that off); analyst fields need the analyst role. An operation that could return more objects than the server allows (50,000 by default; page sizes multiply down nested lists) is refused with QUERY_TOO_COMPLEX.',
  authScopes: { reader: true },
});
builder.mutationType({
  description:
    'Writes to the news graph; every field needs the editor role. Inputs refer to nodes by key ("person/david-babayan"), except deleteNode and AddStatementInput.reports, which take global ids.',
  authScopes: { editor: true },
});

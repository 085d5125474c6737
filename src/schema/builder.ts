import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { hasRole } from '../auth/auth.js';
import { userError } from '../errors.js';
import type { Context } from './context.js';

/** The one SchemaBuilder: every type file under ./types adds to it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  // Ids reach resolvers as the strings clients sent (graphql-js coerces ID inputs to strings).
  Scalars: { ID: { Input: string; Output: string }; JSON: { Input: unknown; Output: unknown } };
  AuthScopes: { reader: boolean; editor: boolean; analyst: boolean; admin: boolean };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin],
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

import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { hasRole, type Viewer } from '../auth/auth.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { userError } from '../errors.js';
import type { Loaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';

/** Everything a resolver may use; built fresh for every request by the context factory in yoga.ts. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
  /** Who is asking (anonymous readers included), resolved from the request's credentials. */
  viewer: Viewer;
}

/** The one SchemaBuilder: every type file under ./types adds to it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
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
builder.queryType({ authScopes: { reader: true } });
builder.mutationType({ authScopes: { editor: true } });

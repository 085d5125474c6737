/**
 * Query limits as configured: depth, aliases, directives and tokens (graphql-armor), the node limit,
 * introspection, and persisted operations. A rejected limit is QUERY_TOO_COMPLEX.
 */
import fs from 'node:fs';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Context } from '../schema/context.js';
import { useNodeLimit } from './nodeLimit.js';

/** A rejected limit as a QUERY_TOO_COMPLEX error (graphql-armor reports plain syntax errors). */
function tooComplex(context: ValidationContext | null, error: GraphQLError) {
  const coded = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } },
  });
  if (context) context.reportError(coded);
  else throw coded;
}

/** Query limits, introspection and persisted operations, as configured. */
export function protections(config: Config): Plugin<Context>[] {
  const reject = { propagateOnRejection: false, onReject: [tooComplex] };
  const plugins: Plugin<Context>[] = [
    maxDepthPlugin({ n: config.limits.depth, ...reject }),
    maxAliasesPlugin({ n: config.limits.aliases, ...reject }),
    maxDirectivesPlugin({ n: config.limits.directives, ...reject }),
    maxTokensPlugin({ n: config.limits.tokens, ...reject }),
    useNodeLimit(config),
  ];
  if (!config.introspection) {
    plugins.push(blockFieldSuggestionsPlugin(), {
      onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
    });
  }
  const store = persistedOperations(config);
  if (store) {
    plugins.push(
      usePersistedOperations({
        getPersistedOperation: (hash) => store[hash] ?? null,
        allowArbitraryOperations: false,
      }),
    );
  }
  return plugins;
}

/** The documents of PERSISTED_OPERATIONS_FILE by hash, or null when any operation may run. */
export function persistedOperations(config: Config): Record<string, string> | null {
  if (!config.persistedOperationsFile) return null;
  return JSON.parse(fs.readFileSync(config.persistedOperationsFile, 'utf8'));
}

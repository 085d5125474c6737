/**
 * Roles are checked before arguments are looked at. Pothos runs plugins' argument steps (plugin-relay
 * decoding ids, plugin-validation's zod checks) outside every plugin's resolver wrapper, where
 * plugin-scope-auth checks scopes; so a caller without the role would hear BAD_USER_INPUT about its
 * arguments instead of FORBIDDEN. This is plugin-scope-auth itself, wrapped one step further out.
 */
import SchemaBuilder, { type SchemaTypes } from '@pothos/core';
import { PothosScopeAuthPlugin } from '@pothos/plugin-scope-auth';

class ScopeAuthBeforeArguments<Types extends SchemaTypes> extends PothosScopeAuthPlugin<Types> {
  override wrapResolve(resolver: Parameters<PothosScopeAuthPlugin<Types>['wrapResolve']>[0]) {
    return resolver;
  }

  override wrapArgMappers(...args: Parameters<PothosScopeAuthPlugin<Types>['wrapResolve']>) {
    return super.wrapResolve(...args);
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      scopeAuthBeforeArguments: ScopeAuthBeforeArguments<Types>;
    }
  }
}

export const scopeAuthBeforeArguments = 'scopeAuthBeforeArguments' as const;
SchemaBuilder.registerPlugin(scopeAuthBeforeArguments, ScopeAuthBeforeArguments);

import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { brokenBound, MAX_JSON_DEPTH, MAX_VARIABLE_VALUES, REQUEST_ERROR, tooDeep } from '../model/json.js';
import type { Context } from '../schema/context.js';

/**
 * Refuses, before any other work, a request whose `variables` nest deeper than MAX_JSON_DEPTH or hold
 * more than MAX_VARIABLE_VALUES values: BAD_USER_INPUT, HTTP 400.
 */
export function useVariableBounds(): Plugin<Context> {
  return { onParams: ({ params }) => checkVariableBounds(params.variables) };
}

/** Throws the refusal above when `variables` break a bound (WebSocket operations are checked too). */
export function checkVariableBounds(variables: unknown): void {
  // One level more: the map of variables is itself an object.
  const broken = brokenBound(variables, MAX_JSON_DEPTH + 1, MAX_VARIABLE_VALUES);
  if (!broken) return;
  const message =
    broken === 'depth' ? tooDeep('variables') : `variables: more than ${MAX_VARIABLE_VALUES} values`;
  throw badInput(message, { argument: 'variables', ...REQUEST_ERROR });
}

/**
 * Free-form JSON from clients: a request's `variables`, and the JSON scalar (the analyst `cypher`
 * field's `params`). graphql-js, JSON.stringify (the response cache key) and the Neo4j driver all walk
 * such values recursively, and thousands of nested levels overflow their stack; so the values are
 * bounded before any work, by walks that do not recurse themselves (or stop at the bound).
 */
import { badInput } from '../errors.js';

/** Deepest nesting of lists and objects: real inputs need 3 (a statement's evidence); stacks overflow near 8,000. */
export const MAX_JSON_DEPTH = 32;
/**
 * Most values (scalars, lists and objects) in one request's variables: far above any real input (a few
 * hundred), far below the 500,000 a 1 MB body of `0,0,…` holds for graphql-js to coerce one by one.
 */
export const MAX_VARIABLE_VALUES = 100_000;
/** Largest cypher `params`, as JSON: parameters are values to match, not data to upload. */
export const MAX_PARAMS_BYTES = 64 * 1024;

/** Refused before parsing and validation: HTTP 400, like other request errors (see http/errors.ts). */
export const REQUEST_ERROR = { http: { status: 400, spec: true } };

/** The message for a value nested beyond MAX_JSON_DEPTH. */
export const tooDeep = (what: string) =>
  `${what}: nested deeper than ${MAX_JSON_DEPTH} levels of lists and objects`;

/**
 * The first bound a JSON value breaks — lists and objects nested deeper than `maxDepth`, or more than
 * `maxValues` values in all — or null. Walks with its own stack and stops at the first breach.
 */
export function brokenBound(value: unknown, maxDepth: number, maxValues = Number.POSITIVE_INFINITY) {
  const stack = [{ item: value, depth: 0 }];
  let values = 1;
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.item === null || typeof next.item !== 'object') continue;
    if (next.depth === maxDepth) return 'depth';
    const children = Object.values(next.item);
    values += children.length;
    if (values > maxValues) return 'values';
    for (const item of children) stack.push({ item, depth: next.depth + 1 });
  }
  return null;
}

/**
 * Checks the analyst cypher `params` (from the GraphQL argument or an export URL): a JSON object at most
 * MAX_JSON_DEPTH deep and MAX_PARAMS_BYTES long as JSON; BAD_USER_INPUT naming `params` otherwise.
 */
export function cypherParams(value: unknown): Record<string, unknown> {
  const refuse = (message: string) => badInput(message, { argument: 'params' });
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw refuse('params must be a JSON object');
  if (brokenBound(value, MAX_JSON_DEPTH)) throw refuse(tooDeep('params'));
  // Only now is JSON.stringify safe to call.
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_PARAMS_BYTES) {
    throw refuse(`params: larger than ${MAX_PARAMS_BYTES} bytes as JSON`);
  }
  return value as Record<string, unknown>;
}

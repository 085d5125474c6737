/**
 * Free-form JSON from clients: a request's `variables`, and the JSON scalar (the analyst `cypher`
 * field's `params`). graphql-js, JSON.stringify (the response cache key) and the Neo4j driver all walk
 * such values recursively, and thousands of nested levels overflow their stack; so the values are
 * bounded here, before any work, by walks that do not recurse themselves (or stop at the bound).
 */
import { Kind, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from './errors.js';
import type { Context } from './schema/builder.js';

/** Deepest nesting of lists and objects: real inputs need 3 (a statement's evidence); stacks overflow near 8,000. */
export const MAX_JSON_DEPTH = 32;
/**
 * Most values (scalars, lists and objects) in one request's variables: far above any real input (a few
 * hundred), far below the 500,000 a 1 MB body of `0,0,…` holds for graphql-js to coerce one by one.
 */
export const MAX_VARIABLE_VALUES = 100_000;
/** Largest cypher `params`, as JSON: parameters are values to match, not data to upload. */
export const MAX_PARAMS_BYTES = 64 * 1024;

/** Refused before parsing and validation: HTTP 400, like other request errors (see yoga.ts). */
const REQUEST_ERROR = { http: { status: 400, spec: true } };

const tooDeep = (what: string) => `${what}: nested deeper than ${MAX_JSON_DEPTH} levels of lists and objects`;

/**
 * The first bound a JSON value breaks — lists and objects nested deeper than `maxDepth`, or more than
 * `maxValues` values in all — or null. Walks with its own stack and stops at the first breach.
 */
function brokenBound(value: unknown, maxDepth: number, maxValues = Number.POSITIVE_INFINITY) {
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
 * Refuses, before any other work, a request whose `variables` nest deeper than MAX_JSON_DEPTH or hold
 * more than MAX_VARIABLE_VALUES values: BAD_USER_INPUT, HTTP 400.
 */
export function useVariableBounds(): Plugin<Context> {
  return {
    onParams({ params }) {
      // One level more: the map of variables is itself an object.
      const broken = brokenBound(params.variables, MAX_JSON_DEPTH + 1, MAX_VARIABLE_VALUES);
      if (!broken) return;
      const message =
        broken === 'depth' ? tooDeep('variables') : `variables: more than ${MAX_VARIABLE_VALUES} values`;
      throw badInput(message, { argument: 'variables', ...REQUEST_ERROR });
    },
  };
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

/**
 * A GraphQL literal (`{ x: 1, y: [1, "a", { z: true }], n: null }`, variables inside it included) as the
 * JSON value the same input sent as a variable is: plain objects (not graphql-js's null-prototype ones,
 * which the Neo4j driver cannot read), lists and numbers as JSON.parse reads them. A missing variable
 * leaves its field out (null in a list), as GraphQL does; bare enum words, which JSON lacks, are refused.
 */
export function jsonFromLiteral(
  node: ValueNode,
  variables?: Readonly<Record<string, unknown>> | null,
  depth = 0,
): unknown {
  switch (node.kind) {
    case Kind.NULL:
      return null;
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.ENUM:
      throw badInput(`JSON has no bare words: write "${node.value.slice(0, 40)}" as a string`, REQUEST_ERROR);
  }
  // Recursion, but never deeper than the bound.
  if (depth === MAX_JSON_DEPTH) throw badInput(tooDeep('JSON literal'), REQUEST_ERROR);
  if (node.kind === Kind.LIST)
    return node.values.map((v) => jsonFromLiteral(v, variables, depth + 1) ?? null);
  return Object.fromEntries(
    node.fields
      .map((field) => [field.name.value, jsonFromLiteral(field.value, variables, depth + 1)])
      .filter(([, value]) => value !== undefined),
  );
}

import { Kind, type ValueNode } from 'graphql';
import { badInput } from '../../errors.js';
import { MAX_JSON_DEPTH, REQUEST_ERROR, tooDeep } from '../../model/json.js';
import { builder } from '../builder.js';

/**
 * A GraphQL literal (`{ x: 1, y: [1, "a", { z: true }], n: null }`, variables inside it included) as the
 * JSON value the same input sent as a variable is: plain objects (not graphql-js's null-prototype ones,
 * which the Neo4j driver cannot read), lists and numbers as JSON.parse reads them. A missing variable
 * leaves its field out (null in a list), as GraphQL does; bare enum words, which JSON lacks, are refused.
 */
function jsonFromLiteral(
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

export const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  // Variables were bounded for every request before parsing (useVariableBounds).
  parseValue: (value) => value,
  parseLiteral: (node, variables) => jsonFromLiteral(node, variables),
});

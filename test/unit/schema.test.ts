import { readFileSync } from 'node:fs';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { printedSchema, SCHEMA_FILE } from '../../src/schema/print.js';

/** Our own types: not introspection's (`__Type`, …) nor the built-in scalars. */
const ownTypes = () =>
  Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));

/** Every type, field, argument, enum value and input field without a description, by its schema coordinate. */
function undescribed(type: GraphQLNamedType): string[] {
  const missing = (description: string | null | undefined) => !description?.trim();
  const found = missing(type.description) ? [type.name] : [];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (missing(field.description)) found.push(`${type.name}.${field.name}`);
      for (const arg of field.args) {
        if (missing(arg.description)) found.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (missing(field.description)) found.push(`${type.name}.${field.name}`);
    }
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) {
      if (missing(value.description)) found.push(`${type.name}.${value.name}`);
    }
  }
  return found;
}

describe('the printed schema', () => {
  it('is the one committed as schema.graphql', () => {
    let committed: string;
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      committed = '';
    }
    expect(
      committed,
      'The GraphQL schema differs from schema.graphql: run `npm run schema` and review the diff of schema.graphql (a change to the public contract must be deliberate).',
    ).toBe(printedSchema());
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(ownTypes().length).toBeGreaterThan(50);
    expect(ownTypes().flatMap(undescribed)).toEqual([]);
  });
});

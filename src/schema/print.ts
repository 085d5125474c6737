/** The schema as SDL, for `npm run schema` (which writes schema.graphql) and the test that compares them. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

/** `schema.graphql` at the repository root: the printed schema, committed so review sees API changes. */
export const SCHEMA_FILE = new URL('../../schema.graphql', import.meta.url);

/**
 * The schema in SDL, types, fields, arguments and enum values in alphabetical order, so the file changes
 * only where the API does.
 */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

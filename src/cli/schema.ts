/**
 * `npm run schema`: writes the printed schema to schema.graphql, so that every change to the API shows
 * in review as a diff of that file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema, SCHEMA_FILE } from '../schema/print.js';

const file = fileURLToPath(SCHEMA_FILE);
writeFileSync(file, printedSchema());
console.log(`wrote ${file}: review its diff`);

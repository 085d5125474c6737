import type { Database } from '../db/database.js';
import type { EntityRecord } from '../loaders/entities.js';
import { checkAliases, checkKey, checkText } from './validate.js';

export interface UpsertPersonInput {
  key: string;
  name: string;
  aliases?: readonly string[] | null;
  description?: string | null;
}

// Omitted aliases/description keep what is stored; `null` clears the description.
export const UPSERT_PERSON = `
  MERGE (n:Entity:Person {key: $key})
    ON CREATE SET n.aliases = []
  SET n.name = $name
  FOREACH (_ IN CASE WHEN $setAliases THEN [1] ELSE [] END | SET n.aliases = $aliases)
  FOREACH (_ IN CASE WHEN $setDescription THEN [1] ELSE [] END | SET n.description = $description)
  RETURN n { .*, label: 'Person' } AS entity`;

/** Creates or updates a person by key, in one transaction; running it twice changes nothing. */
export async function upsertPerson(db: Database, input: UpsertPersonInput): Promise<EntityRecord> {
  const params = {
    key: checkKey(input.key, 'person'),
    name: checkText(input.name, 'name', 200),
    setAliases: input.aliases != null,
    aliases: checkAliases(input.aliases ?? []),
    setDescription: input.description !== undefined,
    description: input.description == null ? null : checkText(input.description, 'description', 5000),
  };
  const [row] = await db.write('upsertPerson', (run) => run('merge', UPSERT_PERSON, params));
  return row?.entity as EntityRecord;
}

import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';

/** The GraphQL object types an Entity can be; also its Neo4j label (fixed allow-list). */
export const ENTITY_LABELS = ['Person', 'Organisation', 'Place', 'Event'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** An entity as the schema sees it: plain values, `label` naming its GraphQL type. */
export interface EntityRecord {
  label: EntityLabel;
  key: string;
  name: string;
  aliases: string[];
  description: string | null;
}

export const ENTITIES_BY_KEY = `
  UNWIND $keys AS key
  OPTIONAL MATCH (n:Entity {key: key})
  RETURN key, n { .*, label: [l IN labels(n) WHERE l IN $labels][0] } AS entity`;

/** Batch function: entities by key, one result per key in key order (null where none). */
export async function loadEntitiesByKey(
  db: Database,
  keys: readonly string[],
): Promise<(EntityRecord | null)[]> {
  const rows = await db.read('entitiesByKey', ENTITIES_BY_KEY, { keys, labels: ENTITY_LABELS });
  const byKey = new Map(rows.map((r) => [r.key as string, r.entity as EntityRecord | null]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Per-request loader of entities by key. */
export function createEntityByKeyLoader(db: Database) {
  return new DataLoader<string, EntityRecord | null>((keys) => loadEntitiesByKey(db, keys));
}

/** What the graph holds, in numbers: for seeding decisions, the seed commands and their tests. */
import type { Database } from '../db/database.js';

/** True when the database holds no node at all. */
export async function isGraphEmpty(db: Database, name: string): Promise<boolean> {
  return (await db.read(name, 'MATCH (n) RETURN n LIMIT 1')).length === 0;
}

/** Nodes per label and relationships per type, as they are in the database now. */
export async function graphCounts(db: Database) {
  const labels = await db.read(
    'counts.labels',
    'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label',
  );
  const types = await db.read(
    'counts.types',
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type',
  );
  return {
    labels: Object.fromEntries(labels.map((r) => [r.label as string, Number(r.count)])),
    relationships: Object.fromEntries(types.map((r) => [r.type as string, Number(r.count)])),
  };
}

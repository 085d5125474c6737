/**
 * The benchmarks' graphs: a Neo4j (local instance, or NEO4J_URI) holding exactly the synthetic graph
 * of a given size, loaded once and reused, and the removal of what benchmarks write into it.
 */
import { createDriver, Database, deleteInBatches } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { startNeo4j } from '../src/db/provider.js';
import { graphCounts } from '../src/queries/stats.js';
import { loadSynthetic, sizes } from '../src/seed/synthetic.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** The title every article the ingestion benchmark drafts starts with (its source keys follow from it). */
export const BENCH_ARTICLE_TITLE = 'Benchmark article';

/** A Neo4j holding exactly the synthetic graph of `entities` entities (loaded when it does not). */
export async function prepareGraph(instance: string, entities: number) {
  const handle = await startNeo4j({ instance, reuseRunning: true, log });
  const driver = createDriver(handle);
  const db = new Database(driver, handle.database);
  await migrate(db);
  await removeBenchWrites(db);
  const expected = sizes(entities);
  const { labels } = await graphCounts(db);
  const want: Record<string, number> = {
    Person: expected.person,
    Organisation: expected.organisation,
    Place: expected.place,
    Event: expected.event,
    Source: expected.source,
    Statement: expected.statement,
  };
  if (Object.entries(want).some(([label, count]) => labels[label] !== count)) {
    log(
      `Loading the synthetic graph of ${entities} entities into "${instance}" (once; later runs reuse it)…`,
    );
    await loadSynthetic(db, { entities, clear: true, progress: process.stderr });
  }
  const counts = await graphCounts(db);
  const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  return {
    handle,
    db,
    nodes: total(counts.labels) - (counts.labels.Entity ?? 0),
    relationships: total(counts.relationships),
    close: async () => {
      await removeBenchWrites(db);
      await driver.close();
      await handle.stop();
    },
  };
}

/**
 * What benchmarks write, so every run reads the same graph: statements of W5 (all three systems use this
 * text prefix), and the drafts of the ingestion benchmark. In batches: a full run writes
 * tens of thousands, too many to delete in one transaction.
 */
export async function removeBenchWrites(db: Database) {
  const batches = (match: string) => deleteInBatches(db.driver, db.database, match, 2000);
  await batches("MATCH (n:Statement) WHERE n.text STARTS WITH 'benchmark statement '");
  await batches(`MATCH (n:Draft) WHERE n.text STARTS WITH '${BENCH_ARTICLE_TITLE} '`);
}

/**
 * Helpers for integration tests, ours and our users': get a real Neo4j, prepare its schema, reset it
 * between test files, and seed it with the article graph or a synthetic one.
 *
 *   const neo4j = await startNeo4j({ instance: 'test' });   // NEO4J_URI → Docker → local server
 *   const driver = createDriver(neo4j);
 *   await migrate(new Database(driver, neo4j.database));
 *   await clearGraph(driver, neo4j.database);               // before each test file
 *   await seedGraph(driver);                                // the article graph, if wanted
 *   …
 *   await driver.close(); await neo4j.stop();
 */
import type { Driver } from 'neo4j-driver';
import { ARTICLE_DATASET, type Dataset, loadDataset, readDataset } from '../seed/dataset.js';
import { loadSynthetic, type SyntheticOptions } from '../seed/synthetic.js';
import { Database } from './db/database.js';

export { ARTICLE_DATASET, type Dataset, readDataset } from '../seed/dataset.js';
export { clearGraph, createDriver, Database } from './db/database.js';
export { migrate } from './db/migrations.js';
export { type Neo4jHandle, type Neo4jProvider, type StartNeo4jOptions, startNeo4j } from './db/provider.js';

/** Loads a dataset (the article by default, or a dataset file) through the same validation as the mutations. */
export function seedGraph(driver: Driver, dataset: Dataset | string = ARTICLE_DATASET, database?: string) {
  return loadDataset(
    new Database(driver, database),
    typeof dataset === 'string' ? readDataset(dataset) : dataset,
  );
}

/** Loads a deterministic synthetic news-shaped graph into an empty database (see seed/synthetic.ts). */
export function seedSynthetic(driver: Driver, options: SyntheticOptions & { database?: string }) {
  return loadSynthetic(new Database(driver, options.database), options);
}

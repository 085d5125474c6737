/**
 * A dataset is a reviewable JSON file (seed/article.json is the demonstration one) describing sources,
 * entities, links and statements by key (format.ts). loadDataset checks the whole of it first, with the
 * mutations' own checks and messages (plan.ts), and writes nothing when one item is wrong; then it writes
 * it in a few batched transactions per kind with the mutations' own Cypher (write.ts), so the graph is
 * the one the mutations would make item by item. Every write is idempotent: seeding twice changes nothing
 * the second time.
 */
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.js';
import type { Dataset } from './format.js';
import { readDataset } from './format.js';
import { planDataset } from './plan.js';
import { DEFAULT_BATCH_SIZE, writePlan } from './write.js';

export { type Dataset, readDataset } from './format.js';

/** The article dataset that ships with newsgraph. */
export const ARTICLE_DATASET = fileURLToPath(new URL('../../seed/article.json', import.meta.url));

/** Loads the article graph: what `npm start` puts into an empty database. */
export const seedArticle = (db: Database) => loadDataset(db, readDataset(ARTICLE_DATASET));

export interface LoadOptions {
  /** Items per transaction (default 1000). */
  batchSize?: number;
}

/**
 * Loads a dataset: checks all of it (throwing BAD_USER_INPUT, NOT_FOUND or CONFLICT naming the item and
 * the argument before anything is written), then writes it in batches; returns the number of items per kind.
 */
export async function loadDataset(db: Database, dataset: Dataset, options: LoadOptions = {}) {
  const plan = await planDataset(db, dataset);
  await writePlan(db, plan, options.batchSize ?? DEFAULT_BATCH_SIZE);
  return {
    sources: dataset.sources.length,
    entities:
      dataset.places.length + dataset.organisations.length + dataset.people.length + dataset.events.length,
    links: dataset.links.length,
    statements: dataset.statements.length,
  };
}

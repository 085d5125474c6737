import type { Database } from '../db/database.js';
import { createConnectionLoader, type PrimeLinks } from './connections.js';
import { createNodeLoaders } from './nodes.js';

/** All loaders of one request; created fresh per request so nothing is shared between users. */
export function createLoaders(db: Database) {
  const nodes = createNodeLoaders(db);
  /** Stores a node's links read by another query (a page, a planned read). */
  const primeLinks: PrimeLinks = (label, key, links) =>
    (label === 'Statement' ? nodes.statementLinks : nodes.entityLinks).prime(key, links);
  return { ...nodes, primeLinks, connections: createConnectionLoader(db, primeLinks) };
}

export type Loaders = ReturnType<typeof createLoaders>;

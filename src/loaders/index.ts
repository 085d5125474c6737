import type { Database } from '../db/database.js';
import { createConnectionLoader } from './connections.js';
import { createNodeLoaders } from './nodes.js';

/** All loaders of one request; created fresh per request so nothing is shared between users. */
export function createLoaders(db: Database) {
  const nodes = createNodeLoaders(db);
  return {
    ...nodes,
    connections: createConnectionLoader(db, (label, key, links) =>
      (label === 'Statement' ? nodes.statementLinks : nodes.entityLinks).prime(key, links),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

import type { Database } from '../db/database.js';
import { createEntityByKeyLoader } from './entities.js';

/** All loaders of one request; created fresh per request so nothing is shared between users. */
export function createLoaders(db: Database) {
  return {
    entityByKey: createEntityByKeyLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

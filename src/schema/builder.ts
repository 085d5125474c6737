import SchemaBuilder from '@pothos/core';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Loaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';

/** Everything a resolver may use; built fresh for every request by the context factory in yoga.ts. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
}

/** The one SchemaBuilder: every type file under ./types adds to it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
}>({ defaultFieldNullability: false });

builder.queryType({});
builder.mutationType({});

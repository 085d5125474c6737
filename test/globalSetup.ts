import type { TestProject } from 'vitest/node';
import { createDriver, Database, migrate, type Neo4jProvider, startNeo4j } from '../src/testing.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database?: string; provider: Neo4jProvider };
  }
}

/** Starts one Neo4j for the run (NEO4J_URI → Docker → local instance "test") and migrates it once. */
export default async function setup(project: TestProject) {
  const handle = await startNeo4j({ instance: 'test', log: (m) => console.log(m) });
  const driver = createDriver(handle);
  try {
    await migrate(new Database(driver, handle.database));
  } finally {
    await driver.close();
  }
  project.provide('neo4j', {
    uri: handle.uri,
    user: handle.user,
    password: handle.password,
    database: handle.database,
    provider: handle.provider,
  });
  return () => handle.stop();
}

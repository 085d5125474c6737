/**
 * `npm run bench:seed -- [--statements 10000] [--instance bench-seed] [--batch 1000]`: how long
 * loadDataset takes. Gets a Neo4j (NEO4J_URI as is; else a fresh testcontainers one; else a freshly
 * started local instance `bench-seed`), migrates it, empties it and, restarting nothing, times: the article
 * into the empty database (the first load right after the server started, which plans every query cold),
 * the article again (idempotent: changes nothing), the article after a clear (plans warm) and again, then
 * a generated dataset of N statements (check and write apart) and that again. Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { clearGraph, createDriver, Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { startNeo4j } from '../src/db/provider.js';
import { exitWithError } from '../src/fatal.js';
import { graphCounts } from '../src/queries/stats.js';
import { ARTICLE_DATASET, loadDataset, readDataset } from '../src/seed/dataset.js';
import { generateDataset } from '../src/seed/generated.js';
import { planDataset } from '../src/seed/plan.js';
import { writePlan } from '../src/seed/write.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

try {
  const { values } = parseArgs({
    options: {
      statements: { type: 'string', default: '10000' },
      instance: { type: 'string', default: 'bench-seed' },
      batch: { type: 'string', default: '1000' },
    },
  });
  const statements = Number(values.statements);
  const batchSize = Number(values.batch);

  const serverStarted = performance.now();
  const handle = await startNeo4j({ instance: values.instance, log });
  const fresh = handle.provider !== 'external';
  log(
    fresh
      ? `Neo4j (${handle.provider}) started for this run in ${((performance.now() - serverStarted) / 1000).toFixed(1)} s`
      : 'Neo4j given by NEO4J_URI: the first load is only as cold as that server is',
  );
  const driver = createDriver(handle);
  const db = new Database(driver, handle.database, undefined, 120_000);
  const rows: [string, number, string][] = [];
  const row = (what: string, ms: number, note = '') => {
    rows.push([what, ms, note]);
    log(`${what}: ${(ms / 1000).toFixed(2)} s ${note}`);
  };
  try {
    row('migrate (indexes and constraints)', (await timed(() => migrate(db))).ms);
    row('clear', (await timed(() => clearGraph(driver, handle.database))).ms);

    const article = readDataset(ARTICLE_DATASET);
    const first = fresh
      ? 'article into the empty database, first load after the server started'
      : 'article into the empty database, first load of this run';
    row(first, (await timed(() => loadDataset(db, article, { batchSize }))).ms);
    const counts = await graphCounts(db);
    row('article again (idempotent re-run)', (await timed(() => loadDataset(db, article, { batchSize }))).ms);
    if (JSON.stringify(await graphCounts(db)) !== JSON.stringify(counts))
      throw new Error('the second load changed the graph');
    await clearGraph(driver, handle.database);
    row('article after a clear', (await timed(() => loadDataset(db, article, { batchSize }))).ms);
    row('article again (idempotent re-run)', (await timed(() => loadDataset(db, article, { batchSize }))).ms);

    const generated = await timed(async () => generateDataset({ statements }));
    const dataset = generated.result;
    const size = `${dataset.statements.length} statements, ${
      dataset.people.length + dataset.organisations.length + dataset.places.length + dataset.events.length
    } entities, ${dataset.sources.length} sources, ${dataset.links.length} links`;
    row(`generate a dataset (${size})`, generated.ms);
    await clearGraph(driver, handle.database);
    const plan = await timed(() => planDataset(db, dataset));
    const write = await timed(() => writePlan(db, plan.result, batchSize));
    row(`${statements} statements: check the whole dataset`, plan.ms);
    row(`${statements} statements: write`, write.ms, `(${write.result} transactions of up to ${batchSize})`);
    row(`${statements} statements into an empty database, in all`, plan.ms + write.ms);
    const generatedCounts = await graphCounts(db);
    row(
      `${statements} statements again (idempotent re-run)`,
      (await timed(() => loadDataset(db, dataset, { batchSize }))).ms,
    );
    if (JSON.stringify(await graphCounts(db)) !== JSON.stringify(generatedCounts))
      throw new Error('the second load changed the graph');
    const nodes = Object.entries(generatedCounts.labels)
      .map(([label, n]) => `${label} ${n}`)
      .join(', ');
    const relationships = Object.values(generatedCounts.relationships).reduce((a, b) => a + b, 0);

    console.log(`\nloadDataset, wall-clock (Neo4j ${handle.provider}, batches of ${batchSize}):\n`);
    for (const [what, ms, note] of rows)
      console.log(`  ${what.padEnd(78)} ${(ms / 1000).toFixed(2).padStart(7)} s ${note}`);
    console.log(`\nThe generated graph: ${nodes}; ${relationships} relationships.`);
  } finally {
    await driver.close();
    await handle.stop();
  }
} catch (error) {
  exitWithError('bench:seed', error);
}

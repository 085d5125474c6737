/**
 * `npm run seed [-- --file dataset.json]`: loads a dataset (the article by default) into the configured
 * (or local) Neo4j through the validated write path, then prints the counts by label.
 * `npm run seed:synthetic -- --entities N [--seed S] [--batch B] [--clear]`: a synthetic news-shaped graph.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../boot.js';
import { loadConfig } from '../config.js';
import { exitWithError } from '../fatal.js';
import { createLogger } from '../logger.js';
import { graphCounts } from '../queries/stats.js';
import { ARTICLE_DATASET, loadDataset, readDataset } from '../seed/dataset.js';
import { loadSynthetic } from '../seed/synthetic.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string', default: ARTICLE_DATASET },
    entities: { type: 'string' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '5000' },
    clear: { type: 'boolean', default: false },
  },
});

function wholeNumber(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number above 0 (got ${value ?? 'nothing'})`);
  return n;
}

try {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  try {
    const started = Date.now();
    if (positionals[0] === 'synthetic') {
      await loadSynthetic(database.db, {
        entities: wholeNumber('entities', values.entities),
        seed: wholeNumber('seed', values.seed),
        batchSize: wholeNumber('batch', values.batch),
        clear: values.clear,
        progress: process.stderr,
      });
    } else {
      const written = await loadDataset(database.db, readDataset(values.file));
      console.log(`Seeded ${values.file} in ${Date.now() - started} ms: ${JSON.stringify(written)}`);
    }
    const counts = await graphCounts(database.db);
    console.log('Nodes by label:', counts.labels);
    console.log('Relationships by type:', counts.relationships);
  } finally {
    await database.close();
  }
} catch (error) {
  exitWithError('seed', error);
}

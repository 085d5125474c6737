/**
 * Writes a checked dataset (see plan.ts) in batches, with the mutations' own statements (`UNWIND $rows`):
 * entities (places, organisations, people, events, in that order; the same three statements write any
 * label: nodes, their links, participants), sources, links (one statement per relationship type),
 * statements — transactions of up to `batchSize` items each. A batch commits whole or not at all; batches commit one after another, so a
 * load that fails midway (the database went away) leaves the batches before it, and loading again
 * completes it: every write merges on keys, so loading twice changes nothing.
 */
import type { Database } from '../db/database.js';
import { mergeEntities, replaceEntityLinks } from '../queries/writes/entities.js';
import { type LinkRow, writeLinks } from '../queries/writes/links.js';
import { writeSources, writeStatements } from '../queries/writes/statements.js';
import type { DatasetPlan } from './plan.js';

/** Items per transaction: small enough for Neo4j's transaction memory and timeout, large enough to be few. */
export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Characters of text per transaction at most (source texts, statement texts and excerpts): a thousand
 * long texts would outgrow the transaction memory Neo4j allows (db.memory.transaction.max, 256 MiB in
 * the local instance), so such batches are cut shorter.
 */
const MAX_BATCH_CHARACTERS = 8_000_000;

/** Consecutive items, `size` at most per batch, and no more than MAX_BATCH_CHARACTERS of `characters`. */
function* batches<T>(items: readonly T[], size: number, characters: (item: T) => number = () => 0) {
  let batch: T[] = [];
  let total = 0;
  for (const item of items) {
    const weight = characters(item);
    if (batch.length > 0 && (batch.length >= size || total + weight > MAX_BATCH_CHARACTERS)) {
      yield batch;
      batch = [];
      total = 0;
    }
    batch.push(item);
    total += weight;
  }
  if (batch.length > 0) yield batch;
}

/** Writes a plan, batch after batch; returns the number of transactions. */
export async function writePlan(
  db: Database,
  plan: DatasetPlan,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batch size ${batchSize} is not 1 or more`);
  let transactions = 0;
  // Entities of every label share batches (one statement writes any label), parents before children.
  for (const batch of batches(
    [...plan.places, ...plan.organisations, ...plan.people, ...plan.events],
    batchSize,
  )) {
    transactions++;
    await db.write('seed.entities', async (run) => {
      await mergeEntities(run, batch);
      await replaceEntityLinks(run, batch);
    });
  }
  for (const batch of batches(plan.sources, batchSize, (source) => source.text.length)) {
    transactions++;
    await db.write('seed.sources', (run) => writeSources(run, batch));
  }
  // Links of every type share batches: one statement per type in each.
  const links = plan.links.flatMap((group) => group.rows.map((row) => ({ group, row })));
  for (const batch of batches(links, batchSize)) {
    const byGroup = new Map<(typeof plan.links)[number], LinkRow[]>();
    for (const { group, row } of batch) {
      const rows = byGroup.get(group);
      if (rows) rows.push(row);
      else byGroup.set(group, [row]);
    }
    transactions++;
    await db.write('seed.links', async (run) => {
      for (const [group, rows] of byGroup) await writeLinks(run, group.type, rows);
    });
  }
  const statementCharacters = (row: (typeof plan.statements)[number]) =>
    String(row.props.text).length + row.evidence.reduce((sum, e) => sum + e.excerpt.length, 0);
  for (const batch of batches(plan.statements, batchSize, statementCharacters)) {
    transactions++;
    await db.write('seed.statements', (run) => writeStatements(run, batch));
  }
  return transactions;
}

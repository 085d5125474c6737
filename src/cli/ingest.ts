/**
 * `npm run ingest -- article.txt [--title … --url … --published 2024-03-13 --publisher organisation/… --language en]`:
 * takes in an article as the ingestArticle mutation does (same checks, same draft for the same text),
 * printing its steps, then a summary of the draft to review through the API.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../boot.js';
import { loadConfig } from '../config.js';
import { badInput } from '../errors.js';
import { exitWithError } from '../fatal.js';
import { createLogger } from '../logger.js';
import { type DraftRecord, ingestArticle } from '../queries/drafts.js';

const options = ['title', 'url', 'published', 'publisher', 'language'] as const;

/** The file's text; bytes that are not UTF-8 are refused as binary, not replaced. */
function readArticle(file: string | undefined): string {
  if (!file) throw badInput('name the article file: npm run ingest -- article.txt');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw badInput(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`${file} is not UTF-8 text (binary data?)`);
  }
}

/** A few lines on what the draft proposes. */
function summary({ key, source, status, content }: DraftRecord, created: boolean, ms: number) {
  const { entities, mentions, statements } = content;
  const count = <T>(list: readonly T[], test: (x: T) => boolean) => list.filter(test).length;
  const kinds = [...new Set(statements.map((s) => s.kind))]
    .map((kind) => `${count(statements, (s) => s.kind === kind)} ${kind}`)
    .join(', ');
  return [
    `${created ? 'Drafted' : 'Already drafted'} ${key} (${status}) for ${source.key} in ${ms} ms`,
    `  entities: ${entities.length} (${count(entities, (e) => e.link !== null)} linked to the graph, ${count(entities, (e) => !e.link && !e.unnamed)} new, ${count(entities, (e) => e.unnamed !== null)} unnamed speakers)`,
    `  mentions: ${mentions.length}`,
    `  statements: ${statements.length}${kinds ? ` (${kinds})` : ''}, ${count(statements, (s) => s.corroborates !== null)} saying again what the graph holds`,
    `Review it through the API: draft(id: "${key}"), then acceptProposal, rejectProposal, editProposal or acceptDraft.`,
  ].join('\n');
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(options.map((n) => [n, { type: 'string' as const }])),
  });
  const text = readArticle(positionals[0]);
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    const started = Date.now();
    const { draft, created } = await ingestArticle(database.db, { text, ...values }, (step) =>
      console.error(`ingest: ${step} (${Date.now() - started} ms)`),
    );
    console.log(summary(draft, created, Date.now() - started));
  } finally {
    await database.close();
  }
} catch (error) {
  exitWithError('ingest', error);
}

/**
 * `npm run bench:ingest -- [--runs 10] [--words 1000]`: how long ingestArticle takes for an article of
 * about `words` words on the medium synthetic graph (100,000 entities; the local instance `bench-medium`,
 * loaded once, or NEO4J_URI). The article is prose from the labelled set (test/ingest) with a paragraph
 * quoting statements the graph holds by their speakers, so the lookup, the corroboration query and the
 * write all do real work. Three warm-up articles first (they start the extraction thread, load the NLP
 * library, plan the queries and warm the JIT), then `runs` articles, each new (a numbered title and
 * line), timed step by step. Prints figures; asserts nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exitWithError } from '../src/fatal.js';
import { ingestArticle } from '../src/queries/drafts.js';
import { BENCH_ARTICLE_TITLE, prepareGraph, removeBenchWrites } from './graph.js';

const log = (message: string) => process.stderr.write(`${message}\n`);
const SET = path.resolve(import.meta.dirname, '../test/ingest/articles');

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Prose of the labelled set, whole paragraphs, until about `words` words are reached (the quotes included). */
function articleOf(words: number, quotes: string, n: number): string {
  const paragraphs = fs
    .readdirSync(SET)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) =>
      fs
        .readFileSync(path.join(SET, f), 'utf8')
        .split(/\n\s*\n/)
        .slice(1),
    );
  const body: string[] = [];
  let count = wordCount(quotes);
  for (const p of paragraphs) {
    if (count >= words) break;
    body.push(p);
    count += wordCount(p);
  }
  return [`${BENCH_ARTICLE_TITLE} ${n}`, `Run ${n} of the ingestion benchmark.`, quotes, ...body].join(
    '\n\n',
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '10' }, words: { type: 'string', default: '1000' } },
  });
  const runs = Number(values.runs);
  const words = Number(values.words);
  const graph = await prepareGraph('bench-medium', 100_000);
  try {
    await removeBenchWrites(graph.db);
    // Statements the graph holds, quoted by their speakers: the corroboration step finds them.
    const held = await graph.db.read(
      'bench.statements',
      `MATCH (s:Statement)-[:SAID_BY]->(p:Person) WITH s, p ORDER BY s.key LIMIT 3
       RETURN s.text AS text, p.name AS name`,
    );
    const quotes = held.map((r) => `“${r.text},” ${r.name} said on Tuesday.`).join(' ');
    const samples: { total: number; steps: Record<string, number>; statements: number; matched: number }[] =
      [];
    const WARM_UP = 3;
    for (let n = 1; n <= WARM_UP + runs; n++) {
      const text = articleOf(words, quotes, n);
      const steps: Record<string, number> = {};
      const started = performance.now();
      let last = started;
      const { draft } = await ingestArticle(
        graph.db,
        { text, published: '2024-03-13', title: `${BENCH_ARTICLE_TITLE} ${n}` },
        (step) => {
          const now = performance.now();
          steps[step.split(' ')[0] as string] = now - last;
          last = now;
        },
      );
      const total = performance.now() - started;
      const matched = draft.content.statements.filter((s) => s.corroborates).length;
      const label = n <= WARM_UP ? 'warm-up' : `run ${n - WARM_UP}`;
      log(
        `${label}: ${wordCount(text)} words, ${total.toFixed(0)} ms (${Object.entries(steps)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(
            ', ',
          )}); ${draft.content.entities.length} entities, ${draft.content.statements.length} statements, ${matched} corroborated`,
      );
      if (n > WARM_UP) samples.push({ total, steps, statements: draft.content.statements.length, matched });
    }
    const totals = samples.map((s) => s.total);
    const step = (name: string) => median(samples.map((s) => s.steps[name] ?? 0)).toFixed(0);
    console.log(
      [
        `ingestArticle, ${words}-word articles, medium graph (${graph.nodes.toLocaleString('en')} nodes), ${runs} runs after ${WARM_UP} warm-ups:`,
        `  median ${median(totals).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms`,
        `  median by step: checks ${step('checked')} ms, extraction with the graph lookup ${step('found')} ms, corroboration ${step('matched')} ms, write ${step('stored')} ms`,
      ].join('\n'),
    );
  } finally {
    await removeBenchWrites(graph.db);
    await graph.close();
  }
} catch (error) {
  exitWithError('bench:ingest', error);
}

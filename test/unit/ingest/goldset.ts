/**
 * The labelled ingestion set (test/ingest: articles, their gold files and known.json) as the evaluation
 * needs it, and a runner: `npx tsx test/unit/ingest/goldset.ts [slug…] [--misses]` prints the figures
 * per article and overall.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  combine,
  type EvaluationReport,
  evaluate,
  type Gold,
  type GoldEntity,
} from '../../../src/ingest/evaluate.js';
import { extract } from '../../../src/ingest/extract.js';
import { lookupFrom } from '../../../src/ingest/lookup.js';
import type { EntityLabel, Extraction, KnownEntity, Lookup } from '../../../src/ingest/types.js';

export const SET_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ingest');

export interface Article {
  slug: string;
  text: string;
  published: string | null;
  gold: Gold;
}

/** The known entities of a dataset file, as a lookup returns them. */
export function knownOf(dataset: Gold): KnownEntity[] {
  const lists: [EntityLabel, GoldEntity[] | undefined][] = [
    ['Person', dataset.people],
    ['Organisation', dataset.organisations],
    ['Place', dataset.places],
    ['Event', dataset.events],
  ];
  return lists.flatMap(([label, list]) =>
    (list ?? []).map((e) => ({ key: e.key, label, name: e.name, aliases: e.aliases ?? [] })),
  );
}

export function setExists(): boolean {
  return fs.existsSync(path.join(SET_DIR, 'known.json')) && fs.existsSync(path.join(SET_DIR, 'articles'));
}

export function loadSet(): { known: KnownEntity[]; articles: Article[] } {
  const known = knownOf(JSON.parse(fs.readFileSync(path.join(SET_DIR, 'known.json'), 'utf8')) as Gold);
  const dir = path.join(SET_DIR, 'articles');
  const articles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const gold = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Gold;
      const source = gold.sources?.[0];
      const text =
        source?.text ??
        fs.readFileSync(path.join(dir, source?.textFile ?? f.replace(/\.json$/, '.txt')), 'utf8');
      return { slug: f.replace(/\.json$/, ''), text, published: source?.published ?? null, gold };
    });
  return { known, articles };
}

/** Extracts every article (or those whose slug contains one of `slugs`) and scores it against its gold. */
export async function evaluateSet(
  slugs: string[] = [],
  lookupOf: (known: KnownEntity[]) => Lookup = lookupFrom,
) {
  const { known, articles } = loadSet();
  const lookup = lookupOf(known);
  const keys = known.map((k) => k.key);
  const results: { slug: string; extraction: Extraction; report: EvaluationReport }[] = [];
  for (const a of articles) {
    if (slugs.length > 0 && !slugs.some((s) => a.slug.includes(s))) continue;
    const extraction = await extract({ text: a.text, published: a.published, lookup });
    results.push({
      slug: a.slug,
      extraction,
      report: evaluate(extraction, a.gold, { text: a.text, known: keys }),
    });
  }
  return { results, overall: combine(results.map((r) => r.report)) };
}

const pct = (n: number) => n.toFixed(2);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const { results, overall } = await evaluateSet(args.filter((a) => !a.startsWith('--')));
  const row = (name: string, r: EvaluationReport) =>
    `${name.padEnd(50)} ent ${pct(r.entities.precision)}/${pct(r.entities.recall)}/${pct(r.entities.f1)}  men ${pct(r.mentions.f1)}  span ${pct(r.statements.f1)}  DQ ${pct(r.speakers.direct.precision)}/${pct(r.speakers.direct.recall)}/${pct(r.speakers.direct.f1)}  REP ${pct(r.speakers.reported.precision)}/${pct(r.speakers.reported.recall)}/${pct(r.speakers.reported.f1)}  bad ${r.evidenceMismatches}`;
  for (const { slug, report } of results) {
    console.log(row(slug, report));
    if (args.includes('--misses')) console.log(JSON.stringify(report.misses, null, 1), report.goldProblems);
  }
  console.log(row('OVERALL (P/R/F1)', overall));
}

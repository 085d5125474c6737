/**
 * The labelled ingestion set (test/ingest: articles, their gold files and known.json, plus the seed
 * article against seed/article.json) as the evaluation needs it, and a runner:
 * `npx tsx test/unit/ingest/goldset.ts [slug…] [--misses]` prints the figures per article and overall.
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
  type GoldStatement,
} from '../../../src/ingest/evaluate.js';
import { extract } from '../../../src/ingest/extract.js';
import { lookupFrom } from '../../../src/ingest/lookup.js';
import type { EntityLabel, Extraction, KnownEntity, Lookup, Span } from '../../../src/ingest/types.js';

export const SET_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ingest');
export const SEED_DIR = path.resolve(SET_DIR, '../../seed');

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

function readArticle(dir: string, file: string): Article {
  const gold = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Gold;
  const source = gold.sources?.[0];
  const text =
    source?.text ??
    fs.readFileSync(path.join(dir, source?.textFile ?? file.replace(/\.json$/, '.txt')), 'utf8');
  const slug = (source?.key ?? file).replace(/^source\//, '').replace(/\.json$/, '');
  return { slug, text, published: source?.published ?? null, gold };
}

/** Every whole-word, case-insensitive occurrence of `name` in `text`. */
function occurrences(text: string, name: string): Span[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * seed/article.json brought to the annotation rules of test/ingest/README.md (the file itself stays as the
 * API's contract tests use it):
 *   - it also lists entities it only describes (an unnamed meeting, "the political factions"); the rules
 *     list named ones, so an entity none of whose names occurs in the text is left out;
 *   - it gives the first mention of each entity; the rules give every one, so each name and alias is
 *     found in the text, except inside a longer name of another entity ("Baku" in "Baku massacres");
 *   - its outlet relaying the spokesman ("…, Public Radio of Armenian ( reports") has the attribution as
 *     its span; the rules give a report-first relay the clause before its attribution, which holds the
 *     inner statement, so the span becomes that clause (from the start of the sentence).
 */
export function seedToRules(seed: Gold, text: string): Gold {
  const all = [
    ...(seed.people ?? []),
    ...(seed.organisations ?? []),
    ...(seed.places ?? []),
    ...(seed.events ?? []),
  ];
  const spansOf = new Map(
    all.map((e) => [e.key, [e.name, ...(e.aliases ?? [])].flatMap((n) => occurrences(text, n))]),
  );
  const named = (e: GoldEntity) => (spansOf.get(e.key) ?? []).length > 0;
  const kept = new Set(all.filter(named).map((e) => e.key));
  const insideOther = (key: string, s: Span) =>
    [...spansOf].some(
      ([other, spans]) =>
        other !== key &&
        kept.has(other) &&
        spans.some((o) => o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start),
    );
  const sourceKey = seed.sources?.[0]?.key;
  const statements = seed.statements ?? [];
  const spanOf = (name: string | undefined) => {
    const ev = statements.find((s) => s.name === name)?.evidence[0];
    if (!ev) return null;
    const start = 'quote' in ev ? text.indexOf(ev.quote) : ev.start;
    return start < 0 ? null : { start, end: start + ('quote' in ev ? ev.quote.length : ev.end - ev.start) };
  };
  const asRelay = (s: GoldStatement): GoldStatement => {
    const outer = spanOf(s.name);
    const inner = spanOf(s.reports);
    if (!outer || !inner || (outer.start < inner.end && inner.start < outer.end)) return s;
    const start = Math.max(text.lastIndexOf('\n', inner.start) + 1, text.lastIndexOf('. ', inner.start) + 2);
    const end = start + text.slice(start, outer.start).trimEnd().replace(/,$/, '').length;
    const evidence = { source: sourceKey, start, end, excerpt: text.slice(start, end) };
    return { ...s, evidence: [evidence] };
  };
  return {
    ...seed,
    people: seed.people?.filter(named),
    organisations: seed.organisations?.filter(named),
    places: seed.places?.filter(named),
    events: seed.events?.filter(named),
    links: (seed.links ?? [])
      .filter((l) => (kept.has(l.from) || l.from === sourceKey) && kept.has(l.to))
      .map((l) => {
        if (l.type !== 'MENTIONS') return l;
        const given = (l.evidence ?? []).flatMap((ev) =>
          'quote' in ev ? [] : [{ start: ev.start, end: ev.end }],
        );
        const found = (spansOf.get(l.to) ?? []).filter((s) => !insideOther(l.to, s));
        const spans = [...given, ...found]
          .filter((s, i, list) => list.findIndex((o) => o.start === s.start && o.end === s.end) === i)
          .sort((a, b) => a.start - b.start);
        return {
          ...l,
          evidence: spans.map((s) => ({ start: s.start, end: s.end, excerpt: text.slice(s.start, s.end) })),
        };
      }),
    statements: statements.map(asRelay),
  };
}

/** The seed article, its gold brought to the rules. */
export function loadSeed(): Article {
  const seed = readArticle(SEED_DIR, 'article.json');
  return { ...seed, gold: seedToRules(seed.gold, seed.text) };
}

/**
 * The set: known.json, the articles of test/ingest/articles and the seed article. The lookup knows
 * known.json for every article, the seed included (the graph knows nothing of Artsakh before it).
 */
export function loadSet(): { known: KnownEntity[]; articles: Article[] } {
  const known = knownOf(JSON.parse(fs.readFileSync(path.join(SET_DIR, 'known.json'), 'utf8')) as Gold);
  const dir = path.join(SET_DIR, 'articles');
  const articles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readArticle(dir, f));
  return { known, articles: [...articles, loadSeed()] };
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
    `${name.padEnd(52)} ent ${pct(r.entities.precision)}/${pct(r.entities.recall)}/${pct(r.entities.f1)}  men ${pct(r.mentions.f1)}  span ${pct(r.statements.f1)}  DQ ${pct(r.speakers.direct.precision)}/${pct(r.speakers.direct.recall)}/${pct(r.speakers.direct.f1)}  REP ${pct(r.speakers.reported.precision)}/${pct(r.speakers.reported.recall)}/${pct(r.speakers.reported.f1)}  bad ${r.evidenceMismatches}`;
  for (const { slug, report } of results) {
    console.log(row(slug, report));
    if (args.includes('--misses')) console.log(JSON.stringify(report.misses, null, 1), report.goldProblems);
  }
  console.log(row('OVERALL (P/R/F1)', overall));
}

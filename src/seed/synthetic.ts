/**
 * Synthetic graphs shaped like news, for measuring speed and scale. Deterministic: every node and its
 * relationships come from a random-number stream seeded by (seed, kind, index), so any part can be
 * regenerated without holding the rest. Loading streams in batches of `UNWIND` writes: memory stays
 * flat whatever the size.
 *
 * Shape, for N entities: 50% people, 20% organisations, 15% places, 15% events, 1.3 N statements and
 * N / 200 sources. Links pick their targets with a power law, so a few organisations, places and
 * people are hubs. Statements have one speaker, 0–3 addressees, 1–5 `about`, and evidence in a source.
 */
import { clearGraph, type Database, type Row } from '../db/database.js';
import { lookupLabel, typeOfKey } from '../model/keys.js';
import { datePropertiesOf, parsePartialDate } from '../model/partialDate.js';
import { dateOrderOf, entitySortKey, START_ORDER, statementSortKey } from '../model/sortKeys.js';
import {
  EVENT_KINDS,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLES,
  STATEMENT_KINDS,
} from '../model/vocabulary.js';
import { isGraphEmpty } from '../queries/stats.js';

export interface SyntheticOptions {
  entities: number;
  seed?: number;
  batchSize?: number;
  /** Delete everything first; without it, a graph that is not empty is refused. */
  clear?: boolean;
  /** Where the progress bar and the final rate line go (nothing when absent). */
  progress?: NodeJS.WritableStream;
}

export interface SyntheticResult {
  nodes: number;
  relationships: number;
  seconds: number;
  /** Highest resident memory of this (loading) process, sampled after every batch. */
  peakRssBytes: number;
}

type Kind = 'place' | 'organisation' | 'person' | 'event' | 'source' | 'statement';

/** mulberry32: a small, fast, well-mixed 32-bit generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_CODES: Record<Kind, number> = {
  place: 1,
  organisation: 2,
  person: 3,
  event: 4,
  source: 5,
  statement: 6,
};
const streamOf = (seed: number, kind: Kind, i: number) =>
  random(Math.imul(seed, 2654435761) ^ Math.imul(KIND_CODES[kind], 40503) ^ Math.imul(i + 1, 2246822519));

const SYLLABLES = [
  'ar',
  'ba',
  'ka',
  'le',
  'mi',
  'no',
  'ra',
  'sa',
  'ta',
  've',
  'zo',
  'gy',
  'ku',
  'da',
  'ne',
  'an',
  'ts',
  'ho',
];
const FIRST = [
  'Anna',
  'David',
  'Maria',
  'Arman',
  'Lilit',
  'Karen',
  'Nune',
  'Tigran',
  'Elena',
  'Samvel',
  'Ani',
  'Ruben',
];
const WORDS =
  'the of and to in a said government city war peace talks border attack minister council report press people region state army meeting agreement crisis vote election court law security election rights aid refugees ceasefire troops villages statement envoy condemns calls urges warns denies claims accuses supports'.split(
    ' ',
  );

/** Counts per kind for N entities. */
export function sizes(entities: number) {
  const person = Math.max(1, Math.round(entities * 0.5));
  const organisation = Math.max(1, Math.round(entities * 0.2));
  const place = Math.max(1, Math.round(entities * 0.15));
  const event = Math.max(1, entities - person - organisation - place);
  return {
    place,
    organisation,
    person,
    event,
    source: Math.max(1, Math.round(entities / 200)),
    statement: Math.round(entities * 1.3),
  };
}

function helpers(rng: () => number) {
  const int = (n: number) => Math.floor(rng() * n);
  return {
    int,
    /** An index in [0, n) drawn with a power law: low indices (the hubs) are far more likely. */
    hub: (n: number) => Math.floor(n * rng() ** 3),
    of: <T>(list: readonly T[]) => list[int(list.length)] as T,
    words: (count: number) => Array.from({ length: count }, () => WORDS[int(WORDS.length)]).join(' '),
    name: (parts: number) => {
      const word = Array.from({ length: parts }, () => SYLLABLES[int(SYLLABLES.length)]).join('');
      return word.charAt(0).toUpperCase() + word.slice(1);
    },
    date: (from: number, to: number, precisions: readonly string[]) => {
      const year = from + int(to - from);
      const month = String(1 + int(12)).padStart(2, '0');
      const day = String(1 + int(28)).padStart(2, '0');
      const precision = precisions[int(precisions.length)];
      const iso =
        precision === 'DECADE'
          ? `${year - (year % 10)}s`
          : precision === 'YEAR'
            ? `${year}`
            : precision === 'MONTH'
              ? `${year}-${month}`
              : `${year}-${month}-${day}`;
      return parsePartialDate(iso);
    },
  };
}

const key = (kind: Kind, i: number) => `${kind}/${kind.slice(0, 3)}-${i}`;

interface Rel {
  type: string;
  from: string;
  to: string;
  props?: Row;
}

/** Bounded cache of source texts (statements pick sources by power law, so hubs stay cached). */
class TextCache {
  private readonly texts = new Map<number, string>();
  constructor(
    private readonly seed: number,
    private readonly limit = 500,
  ) {}
  get(i: number): string {
    const cached = this.texts.get(i);
    if (cached !== undefined) return cached;
    const text = helpers(streamOf(this.seed, 'source', i)).words(400);
    if (this.texts.size >= this.limit) this.texts.delete(this.texts.keys().next().value as number);
    this.texts.set(i, text);
    return text;
  }
}

/** One node and its outgoing relationships, regenerated identically on every call. */
function generate(
  kind: Kind,
  i: number,
  seed: number,
  n: ReturnType<typeof sizes>,
  texts: TextCache,
): { node: Row; rels: Rel[] } {
  const rng = streamOf(seed, kind, i);
  const h = helpers(rng);
  const k = key(kind, i);
  const entity = (name: string) => ({ key: k, name, aliases: [], sortKey: entitySortKey(name, k) });
  const rels: Rel[] = [];
  switch (kind) {
    case 'place': {
      const regions = Math.max(1, Math.floor(n.place / 20));
      const node = {
        ...entity(`${h.name(3)} ${i}`),
        kind: i < regions ? 'REGION' : 'CITY',
        latitude: h.int(17000) / 100 - 85,
        longitude: h.int(36000) / 100 - 180,
      };
      if (i >= regions) rels.push({ type: 'PART_OF', from: k, to: key('place', h.hub(regions)) });
      return { node, rels };
    }
    case 'organisation': {
      const node = {
        ...entity(
          `${h.name(2)} ${h.of(['Council', 'Ministry', 'Party', 'Agency', 'Front', 'Union', 'Times'])} ${i}`,
        ),
        kind: h.of(ORGANISATION_KINDS),
      };
      rels.push({ type: 'BASED_IN', from: k, to: key('place', h.hub(n.place)) });
      if (i > 0 && rng() < 0.2) rels.push({ type: 'PART_OF', from: k, to: key('organisation', h.hub(i)) });
      return { node, rels };
    }
    case 'person': {
      const node = { ...entity(`${h.of(FIRST)} ${h.name(3)}yan ${i}`) };
      for (let a = 0, count = rng() < 0.3 ? 2 : 1; a < count; a++) {
        rels.push({
          type: 'AFFILIATED_WITH',
          from: k,
          to: key('organisation', h.hub(n.organisation)),
          props: { role: h.of(['member', 'spokesman', 'president', 'envoy', 'minister']) },
        });
      }
      return { node, rels };
    }
    case 'event': {
      const start = h.date(1950, 2026, ['DECADE', 'YEAR', 'YEAR', 'MONTH', 'MONTH', 'DAY', 'DAY']);
      const end = rng() < 0.2 ? parsePartialDate(`${Number(start.latest.slice(0, 4)) + 1}`) : null;
      const node = {
        ...entity(`${h.name(2)} ${h.of(EVENT_KINDS).toLowerCase()} ${i}`),
        kind: h.of(EVENT_KINDS),
        ...datePropertiesOf('start', start),
        ...datePropertiesOf('end', end),
      };
      // Each place once: the hub draw can repeat one, and the model links an event to a place once.
      for (const to of new Set(Array.from({ length: 1 + h.int(2) }, () => key('place', h.hub(n.place)))))
        rels.push({ type: 'OCCURRED_IN', from: k, to });
      for (let p = 0, count = h.int(5); p < count; p++) {
        const who = rng() < 0.7 ? key('person', h.hub(n.person)) : key('organisation', h.hub(n.organisation));
        rels.push({ type: 'PARTICIPATED_IN', from: who, to: k, props: { role: h.of(PARTICIPATION_ROLES) } });
      }
      return { node, rels };
    }
    case 'source': {
      const node = {
        key: k,
        title: h.words(6),
        text: texts.get(i),
        language: 'en',
        ...datePropertiesOf('published', h.date(1990, 2026, ['DAY'])),
      };
      return {
        node,
        rels: [{ type: 'PUBLISHED_BY', from: k, to: key('organisation', h.hub(n.organisation)) }],
      };
    }
    case 'statement': {
      const source = h.hub(n.source);
      const text = texts.get(source);
      const start = h.int(text.length - 150);
      const end = start + 20 + h.int(120);
      const date = h.date(1990, 2026, ['MONTH', 'DAY']);
      const node = {
        key: k,
        kind: h.of(STATEMENT_KINDS),
        text: h.words(8 + h.int(20)),
        sortKey: statementSortKey(key('source', source), start, k),
        ...datePropertiesOf('date', date),
      };
      const anyEntity = () => {
        const r = rng();
        if (r < 0.4) return key('person', h.hub(n.person));
        if (r < 0.7) return key('organisation', h.hub(n.organisation));
        if (r < 0.85) return key('place', h.hub(n.place));
        return key('event', h.hub(n.event));
      };
      const speaker =
        rng() < 0.8 ? key('person', h.hub(n.person)) : key('organisation', h.hub(n.organisation));
      rels.push({ type: 'SAID_BY', from: k, to: speaker });
      rels.push({
        type: 'REPORTED_IN',
        from: k,
        to: key('source', source),
        props: { start, end, excerpt: text.slice(start, end) },
      });
      if (rng() < 0.5)
        rels.push({ type: 'ON_BEHALF_OF', from: k, to: key('organisation', h.hub(n.organisation)) });
      for (const to of new Set(
        Array.from({ length: h.int(4) }, () => key('organisation', h.hub(n.organisation))),
      )) {
        rels.push({ type: 'ADDRESSED_TO', from: k, to });
      }
      for (const to of new Set(Array.from({ length: 1 + h.int(5) }, anyEntity)))
        rels.push({ type: 'ABOUT', from: k, to });
      return { node, rels };
    }
  }
}

// Node writes, one per kind (labels cannot be parameters).
const CREATE_NODES: Record<Kind, string> = {
  place: `UNWIND $rows AS r CREATE (n:Entity:Place) SET n = r, n.location = point({latitude: r.latitude, longitude: r.longitude})
          REMOVE n.latitude, n.longitude`,
  organisation: 'UNWIND $rows AS r CREATE (n:Entity:Organisation) SET n = r',
  person: 'UNWIND $rows AS r CREATE (n:Entity:Person) SET n = r',
  event: `UNWIND $rows AS r CREATE (n:Entity:Event) SET n = r, n.startOrder = ${START_ORDER}`,
  source: 'UNWIND $rows AS r CREATE (n:Source) SET n = r',
  statement: `UNWIND $rows AS r CREATE (n:Statement) SET n = r, n.dateOrder = ${dateOrderOf('n')}`,
};

const labelOf = (k: string) => lookupLabel(typeOfKey(k) ?? '');
// Types and labels come from generate() and the key table: constants, never input.
const createRels = (type: string, from: string, to: string) =>
  `UNWIND $rows AS r MATCH (a:${from} {key: r.from}) MATCH (b:${to} {key: r.to}) CREATE (a)-[x:${type}]->(b) SET x = r.props`;
const KINDS: Kind[] = ['place', 'organisation', 'person', 'event', 'source', 'statement'];

/** Loads a synthetic graph into an empty database (or one emptied with `clear`). */
export async function loadSynthetic(db: Database, options: SyntheticOptions): Promise<SyntheticResult> {
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 5000;
  const n = sizes(options.entities);
  if (options.clear) await clearGraph(db.driver, db.database);
  else if (!(await isGraphEmpty(db, 'synthetic.empty'))) {
    throw new Error(
      'the database is not empty: load synthetic graphs into an empty one, or pass --clear to delete everything first',
    );
  }
  const texts = new TextCache(seed);
  const totalRows = KINDS.reduce((sum, kind) => sum + n[kind], 0) * 2;
  const started = Date.now();
  let done = 0;
  let nodes = 0;
  let relationships = 0;
  let peakRss = 0;
  const report = (final = false) => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!options.progress) return;
    const seconds = (Date.now() - started) / 1000;
    const width = 30;
    const filled = Math.round((done / totalRows) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor((done / totalRows) * 100)}%`;
    options.progress.write(
      `\r${bar} ${nodes} nodes, ${relationships} relationships, ${seconds.toFixed(0)} s`,
    );
    if (final) {
      options.progress.write(
        `\nLoaded ${nodes} nodes and ${relationships} relationships in ${seconds.toFixed(1)} s: ` +
          `${Math.round(nodes / seconds)} nodes/s, ${Math.round(relationships / seconds)} relationships/s ` +
          `(loader peak RSS ${Math.round(peakRss / 2 ** 20)} MB)\n`,
      );
    }
  };

  // Pass 1: every node. Pass 2: every relationship (all their ends exist by then).
  for (const kind of KINDS) {
    for (let from = 0; from < n[kind]; from += batchSize) {
      const rows: Row[] = [];
      for (let i = from; i < Math.min(from + batchSize, n[kind]); i++)
        rows.push(generate(kind, i, seed, n, texts).node);
      await db.write(`synthetic.${kind}`, (run) => run('create', CREATE_NODES[kind], { rows }));
      nodes += rows.length;
      done += rows.length;
      report();
    }
  }
  for (const kind of KINDS) {
    for (let from = 0; from < n[kind]; from += batchSize) {
      const byType = new Map<string, Row[]>();
      const to = Math.min(from + batchSize, n[kind]);
      for (let i = from; i < to; i++) {
        for (const rel of generate(kind, i, seed, n, texts).rels) {
          const group = `${rel.type}|${labelOf(rel.from)}|${labelOf(rel.to)}`;
          const rows = byType.get(group) ?? byType.set(group, []).get(group);
          rows?.push({ from: rel.from, to: rel.to, props: rel.props ?? {} });
        }
      }
      await db.write(`synthetic.${kind}.links`, async (run) => {
        for (const [group, rows] of byType) {
          const [type, fromLabel, toLabel] = group.split('|') as [string, string, string];
          await run(type, createRels(type, fromLabel, toLabel), { rows });
        }
      });
      for (const rows of byType.values()) relationships += rows.length;
      done += to - from;
      report();
    }
  }
  report(true);
  return { nodes, relationships, seconds: (Date.now() - started) / 1000, peakRssBytes: peakRss };
}

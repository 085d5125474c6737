/**
 * loadDataset checks a whole dataset first and writes it in batches. These tests prove that the graph
 * it writes is identical to the one the mutations' write functions make item by item (the way datasets
 * were loaded before), that a dataset with one bad item is refused with the mutation's own error naming
 * the item before anything is written, and that datasets may refer to what the graph already holds.
 */
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { LinkType } from '../src/model/vocabulary.js';
import { graphCounts } from '../src/queries/stats.js';
import {
  upsertEvent,
  upsertOrganisation,
  upsertPerson,
  upsertPlace,
} from '../src/queries/writes/entities.js';
import { link } from '../src/queries/writes/links.js';
import { addSource, addStatement } from '../src/queries/writes/statements.js';
import { ARTICLE_DATASET, type Dataset, loadDataset, readDataset } from '../src/seed/dataset.js';
import { parentsFirst, sourceTextsOf, toEvidenceInput } from '../src/seed/format.js';
import { generateDataset } from '../src/seed/generated.js';
import { clearGraph } from '../src/testing.js';
import { SOURCE_KEY, useTestGraph } from './helpers.js';

const { db, driver, count, snapshot } = useTestGraph();
const article = readDataset(ARTICLE_DATASET);
const clear = () => clearGraph(driver, db.database);

/** How datasets were loaded before: through the mutations' write functions, one transaction per item. */
async function loadOneByOne(database: Database, dataset: Dataset) {
  const texts = sourceTextsOf(dataset);
  for (const place of parentsFirst(
    dataset.places,
    (p) => p.key,
    (p) => p.partOf,
  ))
    await upsertPlace(database, place);
  for (const org of parentsFirst(
    dataset.organisations,
    (o) => o.key,
    (o) => o.partOf,
  ))
    await upsertOrganisation(database, org);
  for (const person of dataset.people) await upsertPerson(database, person);
  for (const source of dataset.sources) {
    const { textFile: _file, ...input } = source;
    await addSource(database, { ...input, text: texts.get(source.key) ?? '' });
  }
  for (const event of parentsFirst(
    dataset.events,
    (e) => e.key,
    (e) => e.partOf,
  ))
    await upsertEvent(database, event);
  for (const l of dataset.links) {
    await link(database, {
      ...l,
      type: l.type as LinkType,
      evidence: l.evidence && toEvidenceInput(l.evidence, texts),
    });
  }
  const keys = new Map<string, string>();
  for (const s of parentsFirst(
    dataset.statements,
    (s) => s.name,
    (s) => s.reports,
  )) {
    const { name, reports, ...input } = s;
    const added = await addStatement(database, {
      ...input,
      evidence: toEvidenceInput(s.evidence, texts),
      reports: reports === undefined ? null : keys.get(reports),
    });
    keys.set(name, added.record.key);
  }
}

// Each property as [name, Neo4j type, value] (integers and floats, lists and points stay apart), points
// with their coordinate system; nodes and relationships each as one sorted line.
const PROPERTIES = (v: string) => `[k IN keys(${v}) | [k, valueType(${v}[k]), ${v}[k],
  CASE WHEN valueType(${v}[k]) STARTS WITH 'POINT' THEN ${v}[k].srid END]]`;

/** Every node (labels, properties) and relationship (ends, type, properties), canonical and sorted. */
async function dump(): Promise<string[]> {
  const nodes = await db.read(
    'test.dumpNodes',
    `MATCH (n) RETURN labels(n) AS labels, ${PROPERTIES('n')} AS props`,
  );
  const relationships = await db.read(
    'test.dumpRelationships',
    `MATCH (a)-[r]->(b) RETURN a.key AS from, type(r) AS type, b.key AS to, ${PROPERTIES('r')} AS props`,
  );
  const sorted = (props: unknown) =>
    [...(props as [string, ...unknown[]][])].sort((x, y) => x[0].localeCompare(y[0]));
  return [
    ...nodes.map((n) => JSON.stringify(['node', [...(n.labels as string[])].sort(), sorted(n.props)])),
    ...relationships.map((r) => JSON.stringify(['rel', r.from, r.type, r.to, sorted(r.props)])),
  ].sort();
}

/** What a failed load or write threw. */
async function refusal(work: Promise<unknown>): Promise<GraphQLError> {
  try {
    await work;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

const copy = (dataset: Dataset): Dataset => ({ ...structuredClone(dataset), dir: dataset.dir });
const empty = (): Dataset => ({
  dir: article.dir,
  sources: [],
  places: [],
  organisations: [],
  people: [],
  events: [],
  links: [],
  statements: [],
});

describe('loadDataset writes in batches the graph the mutations write item by item', () => {
  it('for the article: the same nodes, labels, properties and relationships', async () => {
    await clear();
    await loadOneByOne(db, article);
    const oneByOne = await dump();
    const oneByOneCounts = await graphCounts(db);
    expect(oneByOneCounts.labels.Statement).toBe(24);

    await clear();
    expect(await loadDataset(db, article)).toEqual({ sources: 1, entities: 38, links: 42, statements: 24 });
    expect(await graphCounts(db)).toEqual(oneByOneCounts);
    expect(await dump()).toEqual(oneByOne);

    // Idempotent both ways: the batches again, and the mutations over the batches' graph.
    await loadDataset(db, article);
    expect(await dump()).toEqual(oneByOne);
    await loadOneByOne(db, article);
    expect(await dump()).toEqual(oneByOne);
  }, 120_000);

  it('for a generated dataset written in many small batches', async () => {
    const dataset = generateDataset({ statements: 150, seed: 3 });
    await clear();
    await loadOneByOne(db, dataset);
    const oneByOne = await dump();
    const counts = await graphCounts(db);
    expect(counts.labels.Statement).toBe(150);
    expect(counts.relationships.REPORTS).toBeGreaterThan(0);

    await clear();
    await loadDataset(db, dataset, { batchSize: 7 });
    expect(await graphCounts(db)).toEqual(counts);
    expect(await dump()).toEqual(oneByOne);
    await loadDataset(db, dataset, { batchSize: 1000 });
    expect(await dump()).toEqual(oneByOne);
  }, 300_000);
});

type Case = {
  name: string;
  change: (d: Dataset) => void;
  code: string;
  argument: string;
  item: string;
  /** The mutation write function given the same item on an empty graph, for its error. */
  mutation?: (d: Dataset) => Promise<unknown>;
};

const CASES: Case[] = [
  {
    name: 'a key that is not a key',
    change: (d) => {
      (d.places[1] as Dataset['places'][number]).key = 'place/Armenia';
    },
    code: 'BAD_USER_INPUT',
    argument: 'key',
    item: 'places[1] "place/Armenia"',
    mutation: (d) => upsertPlace(db, d.places[1] as Dataset['places'][number]),
  },
  {
    name: 'an empty name',
    change: (d) => {
      (d.people[2] as Dataset['people'][number]).name = '   ';
    },
    code: 'BAD_USER_INPUT',
    argument: 'name',
    item: `people[2] "${article.people[2]?.key}"`,
    mutation: (d) => upsertPerson(db, d.people[2] as Dataset['people'][number]),
  },
  {
    name: 'an impossible date',
    change: (d) => {
      (d.events[0] as Dataset['events'][number]).start = '1988-13';
    },
    code: 'BAD_USER_INPUT',
    argument: 'start',
    item: `events[0] "${article.events[0]?.key}"`,
    mutation: (d) => upsertEvent(db, d.events[0] as Dataset['events'][number]),
  },
  {
    name: 'an end before the start',
    change: (d) => {
      Object.assign(d.events[1] as object, { start: '1990-01', end: '1989' });
    },
    code: 'BAD_USER_INPUT',
    argument: 'end',
    item: `events[1] "${article.events[1]?.key}"`,
    mutation: (d) => upsertEvent(db, d.events[1] as Dataset['events'][number]),
  },
  {
    name: 'a link type that cannot join its ends',
    change: (d) => {
      (d.links[0] as Dataset['links'][number]).type = 'BASED_IN';
    },
    code: 'BAD_USER_INPUT',
    argument: 'type',
    item: `links[0] "${article.links[0]?.from} BASED_IN ${article.links[0]?.to}"`,
    mutation: (d) =>
      link(db, { ...(d.links[0] as Dataset['links'][number]), type: 'BASED_IN', evidence: [] }),
  },
  {
    name: 'a speaker no one defines',
    change: (d) => {
      (d.statements[3] as Dataset['statements'][number]).speaker = 'person/nobody';
    },
    code: 'NOT_FOUND',
    argument: 'speaker',
    item: `statements[3] "${article.statements[3]?.name}"`,
    mutation: (d) => {
      const { name: _name, reports: _reports, ...input } = d.statements[3] as Dataset['statements'][number];
      return addStatement(db, { ...input, evidence: input.evidence as { source: string; quote: string }[] });
    },
  },
  {
    name: 'a quote the source does not hold',
    change: (d) => {
      (d.statements[5] as Dataset['statements'][number]).evidence = [
        { source: SOURCE_KEY, quote: 'words the article never prints' },
      ];
    },
    code: 'BAD_USER_INPUT',
    argument: 'evidence[0]',
    item: `statements[5] "${article.statements[5]?.name}"`,
  },
  {
    name: 'offsets that do not cut their excerpt',
    change: (d) => {
      (d.links[6] as Dataset['links'][number]).evidence = [
        { source: SOURCE_KEY, start: 0, end: 5, excerpt: 'wrong' },
      ];
    },
    code: 'BAD_USER_INPUT',
    argument: 'evidence[0]',
    item: `links[6] "${article.links[6]?.from} ${article.links[6]?.type} ${article.links[6]?.to}"`,
  },
  {
    name: 'a kind outside the vocabulary',
    change: (d) => {
      (d.places[0] as Dataset['places'][number]).kind = 'PLANET';
    },
    code: 'BAD_USER_INPUT',
    argument: 'kind',
    item: `places[0] "${article.places[0]?.key}"`,
  },
  {
    name: 'a key defined twice',
    change: (d) => {
      d.people.push({ ...(d.people[0] as Dataset['people'][number]), name: 'Someone else' });
    },
    code: 'BAD_USER_INPUT',
    argument: 'key',
    item: `people[${article.people.length}] "${article.people[0]?.key}"`,
  },
  {
    name: 'a place inside itself',
    change: (d) => {
      const baku = d.places.findIndex((p) => p.key === 'place/baku');
      (d.places[0] as Dataset['places'][number]).partOf = (d.places[baku] as { key: string }).key;
    },
    code: 'BAD_USER_INPUT',
    argument: 'partOf',
    item: `places[0] "place/azerbaijan"`,
  },
  {
    name: 'a report of a statement the dataset does not name',
    change: (d) => {
      (d.statements[7] as Dataset['statements'][number]).reports = 'no-such-statement';
    },
    code: 'NOT_FOUND',
    argument: 'reports',
    item: `statements[7] "${article.statements[7]?.name}"`,
  },
];

describe('a dataset with one bad item', () => {
  it.each(CASES)('is refused before anything is written: $name', async (c) => {
    await clear();
    const bad = copy(article);
    c.change(bad);
    const error = await refusal(loadDataset(db, bad));
    expect(error.extensions).toMatchObject({ code: c.code, argument: c.argument, item: c.item });
    expect(error.message.startsWith(`dataset ${c.item}: `)).toBe(true);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(0);
    if (c.mutation) {
      // The mutation refuses the same item with the same message, code and argument.
      const mutation = await refusal(c.mutation(bad));
      expect(error.message).toBe(`dataset ${c.item}: ${mutation.message}`);
      expect(mutation.extensions).toMatchObject({ code: c.code, argument: c.argument });
      expect(await count('MATCH (n) RETURN count(n)')).toBe(0);
    }
  });

  it('leaves a loaded graph exactly as it was', async () => {
    await clear();
    await loadDataset(db, article);
    const before = await snapshot();
    for (const c of CASES) {
      const bad = copy(article);
      c.change(bad);
      const error = await refusal(loadDataset(db, bad));
      expect(error.extensions, c.name).toMatchObject({ code: c.code, argument: c.argument, item: c.item });
    }
    expect(await snapshot()).toBe(before);
  }, 120_000);
});

describe('a dataset over a graph that holds data already', () => {
  const extra = (): Dataset => ({
    ...empty(),
    people: [{ key: 'person/correspondent', name: 'A correspondent' }],
    statements: [
      {
        name: 'correspondent-on-babayan',
        kind: 'PARAPHRASE',
        text: 'Babayan spoke for Artsakh.',
        speaker: 'person/correspondent',
        about: ['person/david-babayan', 'organisation/artsakh-republic'],
        evidence: [{ source: SOURCE_KEY, quote: 'Artsakh’s presidential spokesman David Babayan' }],
      },
    ],
  });

  it('may refer to its keys, and is written as the mutations would write it', async () => {
    await clear();
    await loadDataset(db, article);
    await loadDataset(db, extra());
    const batched = await dump();
    await clear();
    await loadOneByOne(db, article);
    await loadOneByOne(db, extra());
    expect(await dump()).toEqual(batched);
    expect(
      await count(
        `MATCH (:Person {key: 'person/correspondent'})<-[:SAID_BY]-(s:Statement)-[:ABOUT]->(:Person {key: 'person/david-babayan'})
         MATCH (s)-[:REPORTED_IN]->(:Source {key: $source}) RETURN count(s)`,
        { source: SOURCE_KEY },
      ),
    ).toBe(1);
  }, 120_000);

  it('is checked against it with the mutations’ rules: references, cycles, stored dates, source texts', async () => {
    await clear();
    await loadDataset(db, article);
    const before = await snapshot();
    const azerbaijan = article.places.find((p) => p.key === 'place/azerbaijan') as Dataset['places'][number];
    const ring = { key: 'event/operation-ring-1991', name: 'Operation Ring', kind: 'MILITARY_OPERATION' };
    const source = { ...(article.sources[0] as Dataset['sources'][number]), textFile: undefined };
    const cases: { dataset: Dataset; item: string; mutation: () => Promise<unknown> }[] = [
      {
        dataset: { ...empty(), places: [{ ...azerbaijan, partOf: 'place/baku' }] },
        item: 'places[0] "place/azerbaijan"',
        mutation: () => upsertPlace(db, { ...azerbaijan, partOf: 'place/baku' }),
      },
      {
        dataset: { ...empty(), events: [{ ...ring, end: '1990' }] },
        item: `events[0] "${ring.key}"`,
        mutation: () => upsertEvent(db, { ...ring, end: '1990' }),
      },
      {
        dataset: { ...empty(), sources: [{ ...source, text: 'Another text.' }] },
        item: `sources[0] "${SOURCE_KEY}"`,
        mutation: () => addSource(db, { ...source, text: 'Another text.' }),
      },
      {
        dataset: {
          ...empty(),
          links: [{ from: 'person/david-babayan', to: 'organisation/nobody', type: 'AFFILIATED_WITH' }],
        },
        item: 'links[0] "person/david-babayan AFFILIATED_WITH organisation/nobody"',
        mutation: () =>
          link(db, { from: 'person/david-babayan', to: 'organisation/nobody', type: 'AFFILIATED_WITH' }),
      },
    ];
    for (const c of cases) {
      const error = await refusal(loadDataset(db, c.dataset));
      const mutation = await refusal(c.mutation());
      expect(error.message).toBe(`dataset ${c.item}: ${mutation.message}`);
      expect(error.extensions).toMatchObject({ ...mutation.extensions, item: c.item });
    }
    expect(await snapshot()).toBe(before);
  }, 120_000);
});

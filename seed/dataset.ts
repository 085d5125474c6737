/**
 * A dataset is a reviewable JSON file (seed/article.json is the demonstration one) describing sources,
 * entities, links and statements by key. loadDataset loads it through the same write functions, and so
 * the same validation, as the GraphQL mutations; every write is idempotent, so seeding twice changes
 * nothing the second time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Database } from '../src/db/database.js';
import type { LinkType } from '../src/model/vocabulary.js';
import { upsertEvent, upsertOrganisation, upsertPerson, upsertPlace } from '../src/writes/entities.js';
import { link } from '../src/writes/links.js';
import { addSource, addStatement } from '../src/writes/statements.js';

/** The article dataset that ships with newsgraph. */
export const ARTICLE_DATASET = fileURLToPath(new URL('./article.json', import.meta.url));

const keys = z.array(z.string()).optional();
const entity = { key: z.string(), name: z.string(), aliases: keys, description: z.string().optional() };
const point = z.object({ latitude: z.number(), longitude: z.number() }).optional();
/** Evidence in a dataset: a unique quote, or offsets with the excerpt they must cut (for reviewers). */
const evidence = z.array(
  z.union([
    z.object({ source: z.string(), quote: z.string() }).strict(),
    z
      .object({ source: z.string(), start: z.number().int(), end: z.number().int(), excerpt: z.string() })
      .strict(),
  ]),
);

const DatasetSchema = z
  .object({
    sources: z.array(
      z
        .object({
          key: z.string(),
          title: z.string(),
          url: z.string().optional(),
          publisher: z.string().optional(),
          published: z.string().optional(),
          language: z.string().optional(),
          /** The text, or a file beside the dataset holding it. */
          text: z.string().optional(),
          textFile: z.string().optional(),
        })
        .strict(),
    ),
    places: z.array(
      z.object({ ...entity, kind: z.string(), location: point, partOf: z.string().optional() }).strict(),
    ),
    organisations: z.array(
      z
        .object({
          ...entity,
          kind: z.string(),
          basedIn: z.string().optional(),
          partOf: z.string().optional(),
        })
        .strict(),
    ),
    people: z.array(z.object(entity).strict()),
    events: z.array(
      z
        .object({
          ...entity,
          kind: z.string(),
          start: z.string().optional(),
          end: z.string().optional(),
          places: keys,
          partOf: z.string().optional(),
          participants: z.array(z.object({ entity: z.string(), role: z.string() })).optional(),
        })
        .strict(),
    ),
    links: z.array(
      z
        .object({
          from: z.string(),
          to: z.string(),
          type: z.string(),
          role: z.string().optional(),
          since: z.string().optional(),
          until: z.string().optional(),
          evidence: evidence.optional(),
        })
        .strict(),
    ),
    statements: z.array(
      z
        .object({
          /** A name for `reports` to refer to within the dataset. */
          name: z.string(),
          kind: z.string(),
          text: z.string(),
          speaker: z.string(),
          onBehalfOf: keys,
          addressedTo: keys,
          about: keys,
          date: z.string().optional(),
          evidence,
          reports: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type Dataset = z.infer<typeof DatasetSchema> & { dir: string };

/** Reads and checks a dataset file; errors name the file and the offending path. */
export function readDataset(file: string): Dataset {
  const parsed = DatasetSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...parsed.data, dir: path.dirname(file) };
}

/** Items ordered so that whatever `parentOf` names (inside the list) comes first. */
function parentsFirst<T>(
  items: readonly T[],
  id: (item: T) => string,
  parentOf: (item: T) => string | undefined,
): T[] {
  const byId = new Map(items.map((item) => [id(item), item]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    const key = id(item);
    if (done.has(key)) return;
    if (path.has(key)) throw new Error(`dataset: ${key} is its own ancestor`);
    const parent = parentOf(item);
    const parentItem = parent === undefined ? undefined : byId.get(parent);
    if (parentItem) visit(parentItem, new Set([...path, key]));
    done.add(key);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}

type EvidenceItem = z.infer<typeof evidence>[number];

/** Dataset evidence as write input: offsets are checked to cut exactly the excerpt the reviewer saw. */
function toEvidenceInput(items: readonly EvidenceItem[], texts: Map<string, string>) {
  return items.map((item) => {
    if ('quote' in item) return item;
    const text = texts.get(item.source) ?? '';
    if (text.slice(item.start, item.end) !== item.excerpt) {
      throw new Error(`dataset: ${item.source} ${item.start}..${item.end} is not "${item.excerpt}"`);
    }
    return { source: item.source, start: item.start, end: item.end };
  });
}

/** Loads a dataset through the validated write path; returns the number of writes per kind. */
export async function loadDataset(db: Database, dataset: Dataset) {
  const texts = new Map(
    dataset.sources.map((s) => [
      s.key,
      s.text ?? fs.readFileSync(path.join(dataset.dir, s.textFile ?? ''), 'utf8'),
    ]),
  );
  for (const place of parentsFirst(
    dataset.places,
    (p) => p.key,
    (p) => p.partOf,
  ))
    await upsertPlace(db, place);
  for (const org of parentsFirst(
    dataset.organisations,
    (o) => o.key,
    (o) => o.partOf,
  ))
    await upsertOrganisation(db, org);
  for (const person of dataset.people) await upsertPerson(db, person);
  for (const source of dataset.sources) {
    const { textFile: _file, ...input } = source;
    await addSource(db, { ...input, text: texts.get(source.key) ?? '' });
  }
  for (const event of parentsFirst(
    dataset.events,
    (e) => e.key,
    (e) => e.partOf,
  ))
    await upsertEvent(db, event);
  for (const l of dataset.links) {
    await link(db, {
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
    if (reports !== undefined && !keys.has(reports))
      throw new Error(`dataset: statement ${name} reports unknown ${reports}`);
    const added = await addStatement(db, {
      ...input,
      evidence: toEvidenceInput(s.evidence, texts),
      reports: reports === undefined ? null : keys.get(reports),
    });
    keys.set(name, added.key);
  }
  return {
    sources: dataset.sources.length,
    entities:
      dataset.places.length + dataset.organisations.length + dataset.people.length + dataset.events.length,
    links: dataset.links.length,
    statements: dataset.statements.length,
  };
}

/** Nodes per label and relationships per type, as they are in the database now. */
export async function graphCounts(db: Database) {
  const labels = await db.read(
    'counts.labels',
    'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label',
  );
  const types = await db.read(
    'counts.types',
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type',
  );
  return {
    labels: Object.fromEntries(labels.map((r) => [r.label as string, Number(r.count)])),
    relationships: Object.fromEntries(types.map((r) => [r.type as string, Number(r.count)])),
  };
}

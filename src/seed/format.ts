/**
 * The dataset file format: a reviewable JSON file (seed/article.json is the demonstration one)
 * describing sources, entities, links and statements by key, and the few rules of its own that the
 * mutations do not have (offsets carry the excerpt a reviewer saw; statements report each other by name).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { badInput } from '../errors.js';

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

/** The lists every dataset has, in file order. */
export const DATASET_LISTS = Object.keys(DatasetSchema.shape) as (keyof typeof DatasetSchema.shape)[];
export type EvidenceItem = z.infer<typeof evidence>[number];

/** Reads and checks a dataset file; errors name the file and the offending path. */
export function readDataset(file: string): Dataset {
  const parsed = DatasetSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...parsed.data, dir: path.dirname(file) };
}

/** The text of every source of the dataset by key: given inline, or read from its file beside the dataset. */
export function sourceTextsOf(dataset: Dataset): Map<string, string> {
  return new Map(
    dataset.sources.map((s) => [
      s.key,
      s.text ?? fs.readFileSync(path.join(dataset.dir, s.textFile ?? ''), 'utf8'),
    ]),
  );
}

/**
 * Items ordered so that whatever `parentOf` names (inside the list) comes first; `cycle` is called with
 * an item that is its own ancestor (and throws).
 */
export function parentsFirst<T>(
  items: readonly T[],
  id: (item: T) => string,
  parentOf: (item: T) => string | undefined,
  cycle: (item: T) => never = (item) => {
    throw badInput(`dataset: ${id(item)} is its own ancestor`);
  },
): T[] {
  const byId = new Map(items.map((item) => [id(item), item]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    const key = id(item);
    if (done.has(key)) return;
    if (path.has(key)) cycle(item);
    const parent = parentOf(item);
    const parentItem = parent === undefined ? undefined : byId.get(parent);
    if (parentItem) visit(parentItem, new Set([...path, key]));
    done.add(key);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}

/**
 * Dataset evidence as write input: offsets are checked to cut exactly the excerpt the reviewer saw in
 * the source's text (`texts`); a quote is left for the write path to find.
 */
export function toEvidenceInput(items: readonly EvidenceItem[], texts: ReadonlyMap<string, string>) {
  return items.map((item, i) => {
    if ('quote' in item) return item;
    const text = texts.get(item.source) ?? '';
    if (text.slice(item.start, item.end) !== item.excerpt) {
      throw badInput(`dataset: ${item.source} ${item.start}..${item.end} is not "${item.excerpt}"`, {
        argument: `evidence[${i}]`,
      });
    }
    return { source: item.source, start: item.start, end: item.end };
  });
}

/**
 * Checks a whole dataset before anything is written, and turns it into the rows of the batched writes.
 *
 * Every item goes through the checks of its mutation — the prepare* functions of src/queries/writes,
 * with their messages — in the order the mutations would write them one by one (places, organisations,
 * people, sources, events, links, statements). What a mutation checks inside its transaction against
 * the graph (that referenced keys exist with the right label, that partOf and PART_OF make no cycle, that
 * an event's dates stay in order with the stored ones, that a stored source keeps its text, that evidence
 * cuts its source's text) is checked here against the dataset's items before it plus what the graph
 * held when loading began, read in a few queries. An error names the item (`places[3] "place/x"`) in its
 * message and in `extensions.item`, beside the mutation's own code and `argument`.
 */
import type { Database, TxRun } from '../db/database.js';
import { badInput, type ErrorCode, isGraphQLError, notFound, userError } from '../errors.js';
import type { EntityRecord } from '../model/records.js';
import {
  EVENT_KINDS,
  LINK_TYPES,
  type LinkType,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLES,
  PLACE_KINDS,
  STATEMENT_KINDS,
} from '../model/vocabulary.js';
import { toEntity } from '../queries/projections.js';
import {
  checkPartOfSelf,
  checkUpsertDates,
  type PreparedUpsert,
  partOfCycleError,
  prepareEvent,
  prepareOrganisation,
  preparePerson,
  preparePlace,
} from '../queries/writes/entities.js';
import { type LinkRow, linkRow, partOfLinkCycleError, prepareLink } from '../queries/writes/links.js';
import {
  checkSourceText,
  type PreparedSource,
  prepareSource,
  prepareStatement,
  resolveEvidenceIn,
  type StatementRow,
  sourceTexts,
  statementRow,
} from '../queries/writes/statements.js';
import {
  checkRefsIn,
  lookupLabels,
  PART_OF_DEPTH,
  PART_OF_EDGES,
  STORED_EVENTS,
} from '../queries/writes/validate.js';
import { type Dataset, parentsFirst, sourceTextsOf, toEvidenceInput } from './format.js';

/** A dataset checked and ready to write: rows per kind, in the order they are written. */
export interface DatasetPlan {
  places: PreparedUpsert[];
  organisations: PreparedUpsert[];
  people: PreparedUpsert[];
  sources: PreparedSource[];
  events: PreparedUpsert[];
  /** Link rows, one group per relationship type and pair of end labels (one statement each). */
  links: { type: LinkType; rows: LinkRow[] }[];
  /** Statements, each after the one it reports. */
  statements: StatementRow[];
}

/** Runs `check` for one dataset item; a user error it throws is thrown again naming the item. */
function inItem<T>(item: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isGraphQLError(error)) throw error;
    const { code, http: _http, ...extensions } = error.extensions as Record<string, unknown>;
    throw userError(code as ErrorCode, `dataset ${item}: ${error.message}`, { ...extensions, item });
  }
}

/** A value of one of the API's enums (the mutations take these as GraphQL enum values). */
function checkWord(value: string, words: readonly string[], type: string, argument: string): void {
  if (!words.includes(value)) {
    throw badInput(`${argument} "${value.slice(0, 50)}" is not a ${type}: one of ${words.join(', ')}`, {
      argument,
    });
  }
}

/** PART_OF edges by start key: the graph's, then each write's of the dataset, in write order. */
class PartOfGraph {
  private readonly out = new Map<string, Set<string>>();

  add(from: string, to: string) {
    const targets = this.out.get(from) ?? new Set<string>();
    this.out.set(from, targets.add(to));
  }

  replace(from: string, targets: readonly string[]) {
    this.out.set(from, new Set(targets));
  }

  /** True when `to` lies at most PART_OF_DEPTH steps from `from` (0 steps: `from` itself), as the mutations ask. */
  reaches(from: string, to: string): boolean {
    let frontier = [from];
    const seen = new Set(frontier);
    for (let depth = 0; frontier.length > 0; depth++) {
      if (frontier.includes(to)) return true;
      if (depth === PART_OF_DEPTH) return false;
      const next: string[] = [];
      for (const key of frontier) {
        for (const target of this.out.get(key) ?? []) {
          if (!seen.has(target)) {
            seen.add(target);
            next.push(target);
          }
        }
      }
      frontier = next;
    }
    return false;
  }
}

/** What the graph holds that the checks need: labels by key, source texts, stored events, PART_OF edges. */
async function readGraph(db: Database, dataset: Dataset) {
  const read: TxRun = (name, cypher, params) => db.read(`seed.${name}`, cypher, params);
  const partOfTargets = [
    ...[...dataset.places, ...dataset.organisations, ...dataset.events].flatMap((e) =>
      e.partOf ? [e.partOf] : [],
    ),
    ...dataset.links.flatMap((l) => (l.type === 'PART_OF' ? [l.to] : [])),
  ];
  const evidenceSources = [
    ...dataset.links.flatMap((l) => (l.evidence ?? []).map((e) => e.source)),
    ...dataset.statements.flatMap((s) => s.evidence.map((e) => e.source)),
  ];
  const keys = [
    ...[...dataset.places, ...dataset.organisations, ...dataset.people, ...dataset.events].map((e) => e.key),
    ...dataset.sources.flatMap((s) => [s.key, ...(s.publisher ? [s.publisher] : [])]),
    ...partOfTargets,
    ...dataset.organisations.flatMap((o) => (o.basedIn ? [o.basedIn] : [])),
    ...dataset.events.flatMap((e) => [...(e.places ?? []), ...(e.participants ?? []).map((p) => p.entity)]),
    ...dataset.links.flatMap((l) => [l.from, l.to]),
    ...dataset.statements.flatMap((s) => [
      s.speaker,
      ...(s.onBehalfOf ?? []),
      ...(s.addressedTo ?? []),
      ...(s.about ?? []),
    ]),
    ...evidenceSources,
  ];
  const labels = new Map<string, readonly string[]>();
  for (const [key, found] of await lookupLabels(read, keys)) if (found) labels.set(key, found);
  const stored = (candidates: readonly string[]) => [...new Set(candidates.filter((k) => labels.has(k)))];

  const textKeys = stored([...dataset.sources.map((s) => s.key), ...evidenceSources]);
  const texts = textKeys.length > 0 ? await sourceTexts(read, textKeys) : new Map<string, string>();

  const eventKeys = stored(
    dataset.events.filter((e) => e.start === undefined || e.end === undefined).map((e) => e.key),
  );
  const events = new Map<string, EntityRecord>();
  if (eventKeys.length > 0) {
    for (const row of await read('storedEvents', STORED_EVENTS, { keys: eventKeys })) {
      const event = toEntity(row.entity as Record<string, unknown>);
      events.set(event.key, event);
    }
  }

  const partOf = new PartOfGraph();
  const partOfKeys = stored(partOfTargets);
  if (partOfKeys.length > 0) {
    for (const row of await read('partOfEdges', PART_OF_EDGES, { keys: partOfKeys }))
      partOf.add(row.from as string, row.to as string);
  }
  return { labels, texts, events, partOf };
}

/** Refuses a key (or statement name) defined twice: one item per key keeps the batches simple and exact. */
function checkUnique(items: readonly { id: string; item: string }[], what: string) {
  const first = new Map<string, string>();
  for (const { id, item } of items) {
    const earlier = first.get(id);
    if (earlier !== undefined) {
      inItem(item, () => {
        throw badInput(`${what} "${id}" is defined twice in the dataset (also ${earlier})`, {
          argument: what,
        });
      });
    }
    first.set(id, item);
  }
}

/**
 * Checks every item of the dataset, against the dataset and the graph, without writing anything; throws
 * the first error (BAD_USER_INPUT, NOT_FOUND or CONFLICT naming the item and the argument).
 */
export async function planDataset(db: Database, dataset: Dataset): Promise<DatasetPlan> {
  const named = <T>(list: readonly T[], kind: string, id: (item: T) => string) =>
    list.map((value, index) => ({ value, id: id(value), item: `${kind}[${index}] "${id(value)}"` }));
  const places = named(dataset.places, 'places', (p) => p.key);
  const organisations = named(dataset.organisations, 'organisations', (o) => o.key);
  const people = named(dataset.people, 'people', (p) => p.key);
  const sources = named(dataset.sources, 'sources', (s) => s.key);
  const events = named(dataset.events, 'events', (e) => e.key);
  const statements = named(dataset.statements, 'statements', (s) => s.name);
  checkUnique([...places, ...organisations, ...people, ...sources, ...events], 'key');
  checkUnique(statements, 'name');

  type Named<T> = { value: T; id: string; item: string };
  const ordered = <T>(list: Named<T>[], parentOf: (value: T) => string | undefined, argument: string) =>
    parentsFirst(
      list,
      (n) => n.id,
      (n) => parentOf(n.value),
      (n) =>
        inItem(n.item, () => {
          throw badInput(`${argument}: "${n.id}" is its own ancestor in the dataset`, { argument });
        }),
    );

  const datasetTexts = sourceTextsOf(dataset);
  const graph = await readGraph(db, dataset);
  const { labels, partOf } = graph;
  const texts = new Map([...graph.texts, ...datasetTexts]);
  const labelsOf = (key: string) => labels.get(key);

  /** The checks of an entity upsert that the mutation makes in its transaction. */
  const checkUpsert = (upsert: PreparedUpsert) => {
    checkRefsIn(upsert.refs, labelsOf);
    if (upsert.partOf) {
      checkPartOfSelf(upsert.key, upsert.partOf);
      if (partOf.reaches(upsert.partOf, upsert.key)) throw partOfCycleError(upsert.key, upsert.partOf);
    }
    if (upsert.label === 'Event') checkUpsertDates(upsert, graph.events.get(upsert.key));
    labels.set(upsert.key, ['Entity', upsert.label]);
    for (const link of upsert.links) if (link.type === 'PART_OF') partOf.replace(upsert.key, link.targets);
    return upsert;
  };

  const plan: DatasetPlan = {
    places: ordered(places, (p) => p.partOf, 'partOf').map(({ value, item }) =>
      inItem(item, () => {
        checkWord(value.kind, PLACE_KINDS, 'PlaceKind', 'kind');
        return checkUpsert(preparePlace(value));
      }),
    ),
    organisations: ordered(organisations, (o) => o.partOf, 'partOf').map(({ value, item }) =>
      inItem(item, () => {
        checkWord(value.kind, ORGANISATION_KINDS, 'OrganisationKind', 'kind');
        return checkUpsert(prepareOrganisation(value));
      }),
    ),
    people: people.map(({ value, item }) => inItem(item, () => checkUpsert(preparePerson(value)))),
    sources: sources.map(({ value, item }) =>
      inItem(item, () => {
        const { textFile: _file, ...input } = value;
        const source = prepareSource({ ...input, text: datasetTexts.get(value.key) ?? '' });
        checkRefsIn(source.refs, labelsOf);
        checkSourceText(source, graph.texts.get(source.key));
        labels.set(source.key, ['Source']);
        return source;
      }),
    ),
    events: ordered(events, (e) => e.partOf, 'partOf').map(({ value, item }) =>
      inItem(item, () => {
        checkWord(value.kind, EVENT_KINDS, 'EventKind', 'kind');
        for (const p of value.participants ?? [])
          checkWord(p.role, PARTICIPATION_ROLES, 'ParticipationRole', 'participants');
        return checkUpsert(prepareEvent(value));
      }),
    ),
    links: [],
    statements: [],
  };

  const groups = new Map<LinkType, Map<string, LinkRow>>();
  dataset.links.forEach((l, index) => {
    inItem(`links[${index}] "${l.from} ${l.type} ${l.to}"`, () => {
      checkWord(l.type, LINK_TYPES, 'RelationshipType', 'type');
      const type = l.type as LinkType;
      const link = prepareLink({ ...l, type, evidence: l.evidence && toEvidenceInput(l.evidence, texts) });
      checkRefsIn(link.refs, labelsOf);
      if (type === 'PART_OF') {
        if (partOf.reaches(l.to, l.from)) throw partOfLinkCycleError(l.from, l.to);
        partOf.add(l.from, l.to);
      }
      const row = linkRow(link, resolveEvidenceIn(texts, link.input.evidence ?? []));
      const rows = groups.get(type) ?? groups.set(type, new Map()).get(type);
      // The same link twice is one relationship with the later properties, as two `link` calls leave it;
      // MENTIONS merge on their offsets, so each row of them counts.
      rows?.set(type === 'MENTIONS' ? String(index) : `${row.from}|${row.to}|${row.role ?? ''}`, row);
    });
  });
  plan.links = [...groups].map(([type, rows]) => ({ type, rows: [...rows.values()] }));

  const keyOfName = new Map<string, string>();
  const itemOfKey = new Map<string, string>();
  plan.statements = ordered(statements, (s) => s.reports, 'reports').map(({ value, item }) =>
    inItem(item, () => {
      const { name, reports, ...rest } = value;
      checkWord(rest.kind, STATEMENT_KINDS, 'StatementKind', 'kind');
      const reported = reports === undefined ? null : keyOfName.get(reports);
      if (reported === undefined) {
        throw notFound(`reports: no statement of the dataset is named "${reports}"`, { argument: 'reports' });
      }
      const statement = prepareStatement({
        ...rest,
        evidence: toEvidenceInput(value.evidence, texts),
        reports: reported,
      });
      checkRefsIn(statement.refs, labelsOf);
      const row = statementRow(statement, resolveEvidenceIn(texts, statement.input.evidence));
      const same = itemOfKey.get(row.key);
      if (same !== undefined) {
        throw badInput(
          `evidence: the first evidence and speaker are those of ${same}, which gives the same statement key ${row.key}`,
          { argument: 'evidence' },
        );
      }
      itemOfKey.set(row.key, item);
      keyOfName.set(name, row.key);
      return row;
    }),
  );
  return plan;
}

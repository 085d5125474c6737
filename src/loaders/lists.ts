/**
 * The root lists of the API (people, events, statements, search, …) with their filters. Each list is
 * one fixed Cypher query per page (plus a count query, only when totalCount is selected); filter values
 * only ever reach Cypher as parameters, and a filter left out is a null parameter.
 */
import type { Database } from '../db/database.js';
import { BY_NAME, BY_START, NEWEST_FIRST } from './connections.js';
import {
  type Connection,
  cursorExpr,
  keysetWhere,
  type Ordering,
  orderBy,
  type PageArgs,
  pageParams,
  toConnection,
  toPage,
} from './pagination.js';
import {
  type EntityLabel,
  type EntityRecord,
  entityMap,
  type SourceRecord,
  type StatementRecord,
  statementMap,
  toEntity,
  toSource,
  toStatement,
} from './records.js';

type Row = Record<string, unknown>;

interface List<T> {
  name: string;
  /** MATCH (or CALL … YIELD) binding `n` (and `score` for search). */
  match: string;
  /**
   * The condition of each filter, by its parameter. Only the filters given become part of the query: a
   * condition like `$kinds IS NULL OR …`, tested on every candidate row, cost a fifth of a list's time.
   */
  filters: Readonly<Record<string, string>>;
  ordering: Ordering;
  project: string;
  toRecord: (row: Row, columns: Row) => T;
}

async function listConnection<T>(
  db: Database,
  list: List<T>,
  params: Row,
  args: PageArgs,
): Promise<Connection<T>> {
  const page = toPage(list.ordering, args);
  const where = Object.entries(list.filters)
    .filter(([param]) => params[param] !== null && params[param] !== undefined)
    .map(([, condition]) => `(${condition})`);
  const rows = await db.read(
    `list.${list.name}`,
    `${list.match}
     WITH * WHERE ${[...where, keysetWhere(list.ordering, page)].join(' AND ')}
     WITH *, ${cursorExpr(list.ordering)} AS cursor
     ORDER BY ${orderBy(list.ordering, page)}
     LIMIT $limit
     RETURN ${list.project} AS node, cursor`,
    { ...params, ...pageParams(page) },
  );
  const count = async () => {
    const [row] = await db.read(
      `count.${list.name}`,
      `${list.match} WITH * WHERE ${['true', ...where].join(' AND ')} RETURN count(n) AS total`,
      params,
    );
    return Number(row?.total ?? 0);
  };
  return toConnection(
    list.ordering,
    page,
    rows.map((r) => ({ cursor: r.cursor as unknown[], node: list.toRecord(r.node as Row, r) })),
    count,
  );
}

/** Checked filters: every field present, null where the client left it out (a null parameter). */
export interface EntityFilter {
  /** Lower-case fragment of the name or an alias. */
  nameContains: string | null;
  kinds: readonly string[] | null;
  /** Key of a source that mentions the entity. */
  mentionedIn: string | null;
}

const ENTITY_FILTERS = {
  nameContains:
    'toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)',
  kinds: 'n.kind IN $kinds',
  mentionedIn: 'EXISTS { (:Source {key: $mentionedIn})-[:MENTIONS]->(n) }',
};

// One fixed query text per label (labels cannot be parameters). Matched as Entity with a sort key, so
// Neo4j walks the entity_sort index in order and stops at the page (a scan and sort of every
// organisation took 10 ms on 20,000 of them; the index, 2).
const ENTITY_MATCH: Record<Exclude<EntityLabel, 'Event'>, string> = {
  Person: 'MATCH (n:Entity:Person) WHERE n.sortKey IS NOT NULL',
  Organisation: 'MATCH (n:Entity:Organisation) WHERE n.sortKey IS NOT NULL',
  Place: 'MATCH (n:Entity:Place) WHERE n.sortKey IS NOT NULL',
};

/** Query.people / organisations / places. */
export function entityList(
  db: Database,
  label: Exclude<EntityLabel, 'Event'>,
  filter: EntityFilter,
  args: PageArgs,
): Promise<Connection<EntityRecord>> {
  return listConnection(
    db,
    {
      name: label,
      match: ENTITY_MATCH[label],
      filters: ENTITY_FILTERS,
      ordering: BY_NAME,
      project: entityMap('n'),
      toRecord: toEntity,
    },
    { ...filter },
    args,
  );
}

export interface EventFilter {
  kinds: readonly string[] | null;
  /** Key of a place; events in it or in places inside it match. */
  place: string | null;
  /** Key of an entity that took part. */
  participant: string | null;
  /** Earliest day of the period's start, and latest day of its end (ISO dates). */
  from: string | null;
  to: string | null;
}

export const EVENTS = {
  name: 'events',
  match: 'MATCH (n:Event) WHERE n.startOrder IS NOT NULL',
  // Overlap of partial dates: the event can have ended no earlier than `from` and begun no later than `to`.
  filters: {
    kinds: 'n.kind IN $kinds',
    place: 'EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }',
    participant: 'EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }',
    from: 'coalesce(n.endLatest, n.startLatest) >= $from',
    to: 'n.startEarliest <= $to',
  },
  ordering: BY_START,
  project: entityMap('n'),
  toRecord: toEntity,
} satisfies List<EntityRecord>;

/** Query.events, oldest first. */
export function eventList(db: Database, filter: EventFilter, args: PageArgs) {
  return listConnection(db, EVENTS, { ...filter }, args);
}

/** Keys of the entities, kinds, and the period as ISO days. */
export interface StatementFilter {
  speaker: string | null;
  onBehalfOf: string | null;
  addressedTo: string | null;
  about: string | null;
  kinds: readonly string[] | null;
  from: string | null;
  to: string | null;
}

export const STATEMENTS = {
  name: 'statements',
  match: 'MATCH (n:Statement)',
  filters: {
    speaker: 'EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }',
    onBehalfOf: 'EXISTS { (n)-[:ON_BEHALF_OF]->(:Entity {key: $onBehalfOf}) }',
    addressedTo: 'EXISTS { (n)-[:ADDRESSED_TO]->(:Entity {key: $addressedTo}) }',
    about: 'EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }',
    kinds: 'n.kind IN $kinds',
    from: 'n.dateLatest >= $from',
    to: 'n.dateEarliest <= $to',
  },
  ordering: NEWEST_FIRST,
  project: statementMap('n'),
  toRecord: toStatement,
} satisfies List<StatementRecord>;

/** Query.statements, newest first. */
export function statementList(db: Database, filter: StatementFilter, args: PageArgs) {
  return listConnection(db, STATEMENTS, { ...filter }, args);
}

const SOURCES = {
  name: 'sources',
  match: 'MATCH (n:Source)',
  filters: {},
  ordering: { name: 'source', terms: [{ expr: 'n.key' }] },
  project: 'n { .* }',
  toRecord: toSource,
} satisfies List<SourceRecord>;

/** Query.sources, by key. */
export function sourceList(db: Database, args: PageArgs) {
  return listConnection(db, SOURCES, {}, args);
}

export interface SearchHitRecord {
  score: number;
  entity: EntityRecord;
}

const SEARCH = {
  name: 'search',
  match: "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score",
  filters: { labels: 'any(l IN labels(n) WHERE l IN $labels)' },
  ordering: { name: 'search', terms: [{ expr: 'score', desc: true }, { expr: 'n.key' }] },
  project: entityMap('n'),
  toRecord: (node: Row, row: Row): SearchHitRecord => ({
    entity: toEntity(node),
    score: (row.cursor as number[])[0] ?? 0,
  }),
} satisfies List<SearchHitRecord>;

/**
 * A Lucene query that treats the text as words, never as syntax: each word (letters and digits only,
 * lower-cased, accents removed) matches exactly, boosted, or within one edit ("Sahakain" finds
 * "Sahakian"). Returns null when the text has no word at all.
 */
export function toLuceneQuery(text: string): string | null {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return [...new Set(words)]
    .slice(0, 16)
    .map((w) => (w.length > 2 ? `(${w}^2 OR ${w}~1)` : w))
    .join(' ');
}

/** Query.search: ranked, best first. */
export async function searchEntities(
  db: Database,
  text: string,
  labels: readonly EntityLabel[] | null,
  args: PageArgs,
): Promise<Connection<SearchHitRecord>> {
  const query = toLuceneQuery(text);
  if (query === null) {
    return toConnection(SEARCH.ordering, toPage(SEARCH.ordering, args), [], async () => 0);
  }
  return listConnection(db, SEARCH, { query, labels }, args);
}

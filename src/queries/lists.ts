/**
 * The root lists of the API (people, events, statements, search, …) with their filters. Each list is
 * one fixed Cypher query per page (plus a count query, only when totalCount is selected); filter values
 * only ever reach Cypher as parameters, and a filter left out is a null parameter.
 */
import type { Database, Row } from '../db/database.js';
import type { EntityLabel, EntityRecord, SourceRecord, StatementRecord } from '../model/records.js';
import {
  BY_NAME,
  BY_START,
  type Connection,
  countClause,
  NEWEST_FIRST,
  type Ordering,
  type Page,
  type PageArgs,
  pageClauses,
  pageParams,
  toConnection,
  toPage,
} from './pagination.js';
import { entityMap, statementMap, toEntity, toSource, toStatement } from './projections.js';

export interface List<T> {
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

/** The conditions of the filters given (by parameter name), in the list's order of its filters. */
function filterConditions(list: List<unknown>, givenFilters: readonly string[]): string[] {
  return Object.entries(list.filters)
    .filter(([param]) => givenFilters.includes(param))
    .map(([, condition]) => `(${condition})`);
}

/**
 * The page query of a root list with the filters named in `givenFilters` (the others are left out of
 * the text): its rows, each with its cursor tuple (parameters: the filters' values and pageParams).
 */
export function listPageCypher(list: List<unknown>, page: Page, givenFilters: readonly string[]): string {
  return [
    list.match,
    ...pageClauses(list.ordering, page, filterConditions(list, givenFilters)),
    `RETURN ${list.project} AS node, cursor`,
  ].join('\n     ');
}

/** The count query of a root list with the filters named in `givenFilters`: one row, its total. */
export function listCountCypher(list: List<unknown>, givenFilters: readonly string[]): string {
  const where = ['true', ...filterConditions(list, givenFilters)].join(' AND ');
  return `${list.match} WITH * WHERE ${where} ${countClause()}`;
}

async function listConnection<T>(
  db: Database,
  list: List<T>,
  params: Row,
  args: PageArgs,
): Promise<Connection<T>> {
  const page = toPage(list.ordering, args);
  const given = Object.keys(params).filter((param) => params[param] !== null && params[param] !== undefined);
  const rows = await db.read(`list.${list.name}`, listPageCypher(list, page, given), {
    ...params,
    ...pageParams(page),
  });
  const count = async () => {
    const [row] = await db.read(`count.${list.name}`, listCountCypher(list, given), params);
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
const entityListOf = (label: Exclude<EntityLabel, 'Event'>): List<EntityRecord> => ({
  name: label,
  match: `MATCH (n:Entity:${label}) WHERE n.sortKey IS NOT NULL`,
  filters: ENTITY_FILTERS,
  ordering: BY_NAME,
  project: entityMap('n'),
  toRecord: toEntity,
});

export const ENTITY_LISTS = {
  Person: entityListOf('Person'),
  Organisation: entityListOf('Organisation'),
  Place: entityListOf('Place'),
} satisfies Record<Exclude<EntityLabel, 'Event'>, List<EntityRecord>>;

/** Query.people / organisations / places. */
export function entityList(
  db: Database,
  label: Exclude<EntityLabel, 'Event'>,
  filter: EntityFilter,
  args: PageArgs,
): Promise<Connection<EntityRecord>> {
  return listConnection(db, ENTITY_LISTS[label], { ...filter }, args);
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

export const SOURCES = {
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

export const SEARCH = {
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

/** Every root list, by its name (the query names are `list.<name>` and `count.<name>`). */
export const LISTS = {
  ...ENTITY_LISTS,
  events: EVENTS,
  statements: STATEMENTS,
  sources: SOURCES,
  search: SEARCH,
} as const;

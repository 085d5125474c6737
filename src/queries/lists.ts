/**
 * The root lists of the API (people, events, statements, search, …) with their filters. Each list is
 * one fixed Cypher query per page (plus a count query, only when totalCount is selected); filter values
 * only ever reach Cypher as parameters, and a filter left out is a null parameter.
 */
import type { Database, Row } from '../db/database.js';
import type { EntityLabel, EntityRecord, SourceRecord, StatementRecord } from '../model/records.js';
import { DRAFT_PROJECTION, type DraftRecord, type DraftStatus, toDraft } from './drafts.js';
import { STATEMENT_LINKS } from './nodes.js';
import {
  BY_NAME,
  BY_SOURCE_KEY,
  BY_START,
  type Connection,
  countClause,
  NEWEST_FIRST,
  type Ordering,
  orderBy,
  type Page,
  type PageArgs,
  pageClauses,
  pageParams,
  toConnection,
  toPage,
  whereClause,
} from './pagination.js';
import { entityMap, statementMap, toEntity, toSource, toStatement } from './projections.js';
import {
  type Ahead,
  type AheadAnswers,
  aheadClauses,
  NOTHING_AHEAD,
  readParams,
  toAheadAnswers,
} from './reads.js';
import { ENTITY_NODE_LINKS, type NodeLinks } from './relations.js';

/**
 * Where a filter can start the query: at the node it names (`a`, by its unique key), following `path`
 * to the listed nodes, so the query reads only that node's own instead of walking the whole list.
 */
export interface Anchor {
  /** Binds `a` by the key the filter's parameter gives. */
  node: string;
  /** The pattern from `a` to the listed `n`. */
  path: string;
  /**
   * How many `n` the path reaches from `a`, read cheaply where it can be (a relationship's degree is
   * stored with the node): of several anchors given, the query starts at the smallest.
   */
  size: string;
  /** `size` is exactly the number of `n` (each reached once): the total of a list filtered by it alone. */
  exact?: boolean;
  /** The path can reach the same `n` twice: keep one. */
  distinct?: boolean;
}

/** A filter of a root list: its exact condition, and what lets the query start narrower than the list. */
export interface Filter {
  /** The condition over `n`, tested on every row read (values as parameters). */
  where: string;
  anchor?: Anchor;
  /**
   * A MATCH of the `n` in an index range holding every `n` that meets `where` (and maybe more): the
   * start when no anchor is given. Its rows come unordered, so the page is sorted.
   */
  seek?: string;
  /**
   * A range of the ordering's first term that `where` implies: added to the walk, it makes the walk in
   * index order seek to where matching rows can begin (and stop where they must end).
   */
  bound?: string;
}

export interface List<T> {
  name: string;
  /**
   * The walk: a MATCH (or CALL … YIELD) binding `n` (and `score` for search) in the ordering's index
   * order, so an unfiltered page reads only its own rows. Used when no filter gives a narrower start.
   */
  walk: string;
  /** A MATCH of every `n` by its label alone, which Neo4j counts from its store (the unfiltered total). */
  all?: string;
  /** Links of the listed nodes a page can read along (see queries/reads.ts). */
  nodeLinks?: NodeLinks;
  /** The filters, by their parameter name; only those given become part of the query. */
  filters: Readonly<Record<string, Filter>>;
  ordering: Ordering;
  project: string;
  toRecord: (row: Row, columns: Row) => T;
}

/** How a list's query starts, and the conditions it still tests on each row. */
interface ListPlan {
  start: string[];
  conditions: string[];
}

const matchAnchor = (anchor: Anchor) => [
  `MATCH ${anchor.node}`,
  `MATCH ${anchor.path}`,
  ...(anchor.distinct ? ['WITH DISTINCT n'] : []),
];

/**
 * Starts at the smallest of several anchors, chosen by the query itself from their sizes (known only in
 * Neo4j): a speaker with three statements beats a country that 40,000 statements are about.
 */
function smallestAnchor(anchors: readonly Anchor[]): string[] {
  const sizes = anchors.map((a, i) => `MATCH ${a.node} RETURN ${i} AS anchor, ${a.size} AS size`);
  const starts = anchors.map(
    (a, i) => `WITH anchor WHERE anchor = ${i} ${matchAnchor({ ...a, distinct: false }).join(' ')} RETURN n`,
  );
  return [
    `CALL () { ${sizes.join(' UNION ALL ')} }`,
    'WITH anchor ORDER BY size LIMIT 1',
    // UNION keeps each `n` once, which also serves the anchors that can reach an `n` twice.
    `CALL (anchor) { ${starts.join(' UNION ')} }`,
  ];
}

/**
 * The plan of a root list for the filters named in `givenFilters`: start at the filters' anchor (the
 * smallest, when several), else at an index range a filter seeks, else walk the list in index order
 * (seeking to the filters' bounds); every other filter is a condition on each row.
 */
export function planList(list: List<unknown>, givenFilters: readonly string[]): ListPlan {
  const given = Object.entries(list.filters).filter(([param]) => givenFilters.includes(param));
  const where = (except?: Filter) => given.filter(([, f]) => f !== except).map(([, f]) => `(${f.where})`);
  const anchors = given.flatMap(([, f]) => (f.anchor ? [f] : []));
  const [only] = anchors;
  if (anchors.length === 1 && only?.anchor)
    return { start: matchAnchor(only.anchor), conditions: where(only) };
  if (anchors.length > 1) {
    return { start: smallestAnchor(anchors.map((f) => f.anchor as Anchor)), conditions: where() };
  }
  const seek = given.find(([, f]) => f.seek)?.[1];
  if (seek?.seek) return { start: [seek.seek], conditions: where() };
  const bounds = given.flatMap(([, f]) => (f.bound ? [`(${f.bound})`] : []));
  return { start: [list.walk], conditions: [...bounds, ...where()] };
}

/**
 * The page query of a root list with the filters named in `givenFilters` (the others are left out of
 * the text): its rows, each with its cursor tuple (parameters: the filters' values and pageParams).
 */
export function listPageCypher(
  list: List<unknown>,
  page: Page,
  givenFilters: readonly string[],
  ahead: Ahead = NOTHING_AHEAD,
): string {
  const plan = planList(list, givenFilters);
  const read = aheadClauses(ahead, list.nodeLinks);
  return [
    ...plan.start,
    ...pageClauses(list.ordering, page, plan.conditions),
    ...read.clauses,
    // Restated after reading ahead: nothing promises that the CALLs keep the page's order.
    `RETURN ${list.project} AS node, cursor${read.columns}${read.clauses.length ? ` ORDER BY ${orderBy(list.ordering, page)}` : ''}`,
  ].join('\n     ');
}

/**
 * The count query of a root list with the filters named in `givenFilters`: one row, its total (none
 * when the one anchor given does not exist). Counted from the store when unfiltered, from the anchor's
 * degree when one exact anchor is the only filter, else over the rows the page query would start from.
 */
export function listCountCypher(list: List<unknown>, givenFilters: readonly string[]): string {
  const given = Object.keys(list.filters).filter((param) => givenFilters.includes(param));
  if (given.length === 0 && list.all) return `${list.all} ${countClause()}`;
  const anchor = given.length === 1 ? list.filters[given[0] as string]?.anchor : undefined;
  if (anchor?.exact) return `MATCH ${anchor.node} RETURN ${anchor.size} AS total`;
  const plan = planList(list, givenFilters);
  return [...plan.start, `WITH *${whereClause(plan.conditions)}`, countClause()].join(' ');
}

/** A page of a list, with what was read ahead below its nodes for the loaders. */
export type ListPage<T> = Connection<T> & { ahead: AheadAnswers };

async function listConnection<T>(
  db: Database,
  list: List<T>,
  params: Row,
  args: PageArgs,
  ahead: Ahead,
): Promise<ListPage<T>> {
  const page = toPage(list.ordering, args);
  const given = Object.keys(params).filter((param) => params[param] !== null && params[param] !== undefined);
  const rows = await db.read(`list.${list.name}`, listPageCypher(list, page, given, ahead), {
    ...params,
    ...pageParams(page),
    ...readParams(ahead.reads),
  });
  const count = async () => {
    const [row] = await db.read(`count.${list.name}`, listCountCypher(list, given), params);
    return Number(row?.total ?? 0);
  };
  const shown = rows
    .slice(0, page.limit)
    .map((r) => ({ key: String((r.node as Row).key), links: r.links, below: r.below }));
  return Object.assign(
    toConnection(
      list.ordering,
      page,
      rows.map((r) => ({ cursor: r.cursor as unknown[], node: list.toRecord(r.node as Row, r) })),
      count,
    ),
    { ahead: toAheadAnswers(ahead, shown, list.nodeLinks) },
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

// Name fragments and kinds start nothing: no index answers a fragment of a lower-cased name or alias,
// and a kind is one of a handful each held by a large share of the list, so the walk in name order
// meets a page of them soon.
const entityFilters = (label: Exclude<EntityLabel, 'Event'>): List<EntityRecord>['filters'] => ({
  nameContains: {
    where:
      'toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)',
  },
  kinds: { where: 'n.kind IN $kinds' },
  mentionedIn: {
    where: 'EXISTS { (:Source {key: $mentionedIn})-[:MENTIONS]->(n) }',
    anchor: {
      node: '(a:Source {key: $mentionedIn})',
      path: `(a)-[:MENTIONS]->(n:Entity:${label})`,
      size: 'COUNT { (a)-[:MENTIONS]->() }',
      distinct: true,
    },
  },
});

// One fixed query text per label (labels cannot be parameters). Matched as Entity with a sort key, so
// Neo4j walks the entity_sort index in order and stops at the page (a scan and sort of every
// organisation took 10 ms on 20,000 of them; the index, 2). Each walk names its index: on a small label
// the planner's estimate preferred scanning and sorting it all, a cost that grows with the label.
const entityListOf = (label: Exclude<EntityLabel, 'Event'>): List<EntityRecord> => ({
  name: label,
  walk: `MATCH (n:Entity:${label}) USING INDEX n:Entity(sortKey) WHERE n.sortKey IS NOT NULL`,
  all: `MATCH (n:${label})`,
  nodeLinks: ENTITY_NODE_LINKS,
  filters: entityFilters(label),
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
  ahead: Ahead = NOTHING_AHEAD,
): Promise<ListPage<EntityRecord>> {
  return listConnection(db, ENTITY_LISTS[label], { ...filter }, args, ahead);
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

/** An entity's anchor over one relationship type that leads only to the listed nodes. */
// The hint: on a small graph the planner sometimes scanned the whole key index for the one entity.
const viaEntity = (param: string, path: string, degree: string, distinct = false): Anchor => ({
  node: `(a:Entity {key: $${param}}) USING INDEX a:Entity(key)`,
  path,
  size: `COUNT { ${degree} }`,
  exact: !distinct,
  distinct,
});

export const EVENTS = {
  name: 'events',
  nodeLinks: ENTITY_NODE_LINKS,
  walk: 'MATCH (n:Event) USING INDEX n:Event(startOrder) WHERE n.startOrder IS NOT NULL',
  all: 'MATCH (n:Event)',
  // Overlap of partial dates: the event can have ended no earlier than `from` and begun no later than `to`.
  filters: {
    kinds: { where: 'n.kind IN $kinds' },
    place: {
      where: 'EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }',
      anchor: {
        node: '(a:Place {key: $place})',
        path: '(a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event)',
        size: 'COUNT { (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-() }',
        distinct: true,
      },
    },
    participant: {
      where: 'EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }',
      // One participation per role: an entity can reach an event twice.
      anchor: viaEntity(
        'participant',
        '(a)-[:PARTICIPATED_IN]->(n:Event)',
        '(a)-[:PARTICIPATED_IN]->()',
        true,
      ),
    },
    from: {
      where: 'coalesce(n.endLatest, n.startLatest) >= $from',
      seek: 'MATCH (n:Event) WHERE n.endLatest >= $from OR n.startLatest >= $from',
    },
    // startOrder is the start day, '|', the key: it sorts before `$to + '}'` ('}' follows '|') exactly
    // when the start day is no later than `$to`.
    to: { where: 'n.startEarliest <= $to', bound: "n.startOrder < $to + '}'" },
  },
  ordering: BY_START,
  project: entityMap('n'),
  toRecord: toEntity,
} satisfies List<EntityRecord>;

/** Query.events, oldest first. */
export function eventList(db: Database, filter: EventFilter, args: PageArgs, ahead: Ahead = NOTHING_AHEAD) {
  return listConnection(db, EVENTS, { ...filter }, args, ahead);
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

// Every statement link leads from statements only, once per statement and entity: the entity's degree
// over the link's type is the number of its statements.
const statementsOf = (param: string, type: string): Filter => ({
  where: `EXISTS { (n)-[:${type}]->(:Entity {key: $${param}}) }`,
  anchor: viaEntity(param, `(a)<-[:${type}]-(n:Statement)`, `(a)<-[:${type}]-()`),
});

export const STATEMENTS = {
  name: 'statements',
  nodeLinks: { label: 'Statement', links: STATEMENT_LINKS },
  walk: 'MATCH (n:Statement) USING INDEX n:Statement(dateOrder) WHERE n.dateOrder IS NOT NULL',
  all: 'MATCH (n:Statement)',
  filters: {
    speaker: statementsOf('speaker', 'SAID_BY'),
    onBehalfOf: statementsOf('onBehalfOf', 'ON_BEHALF_OF'),
    addressedTo: statementsOf('addressedTo', 'ADDRESSED_TO'),
    about: statementsOf('about', 'ABOUT'),
    kinds: { where: 'n.kind IN $kinds' },
    // A partial date spans less than ten years (a decade at most): a statement that can have been made
    // on or after `from` began less than ten years before it.
    from: {
      where: 'n.dateLatest >= $from',
      bound: 'n.dateOrder >= toString(date($from) - duration({years: 10}))',
    },
    to: { where: 'n.dateEarliest <= $to', bound: 'n.dateOrder <= $to' },
  },
  ordering: NEWEST_FIRST,
  project: statementMap('n'),
  toRecord: toStatement,
} satisfies List<StatementRecord>;

/** Query.statements, newest first. */
export function statementList(
  db: Database,
  filter: StatementFilter,
  args: PageArgs,
  ahead: Ahead = NOTHING_AHEAD,
) {
  return listConnection(db, STATEMENTS, { ...filter }, args, ahead);
}

export const SOURCES = {
  name: 'sources',
  walk: 'MATCH (n:Source) USING INDEX n:Source(key) WHERE n.key IS NOT NULL',
  all: 'MATCH (n:Source)',
  filters: {},
  ordering: BY_SOURCE_KEY,
  project: 'n { .* }',
  toRecord: toSource,
} satisfies List<SourceRecord>;

/** Query.sources, by key. */
export function sourceList(db: Database, args: PageArgs, ahead: Ahead = NOTHING_AHEAD) {
  return listConnection(db, SOURCES, {}, args, ahead);
}

// Newest first, walking the index of the drafts' sort keys (creation time, then key).
export const DRAFTS = {
  name: 'drafts',
  walk: 'MATCH (n:Draft) USING INDEX n:Draft(sortKey) WHERE n.sortKey IS NOT NULL',
  all: 'MATCH (n:Draft)',
  filters: { status: { where: 'n.status = $status' } },
  ordering: { name: 'drafted', terms: [{ expr: 'n.sortKey', desc: true }] },
  project: DRAFT_PROJECTION,
  toRecord: toDraft,
} satisfies List<DraftRecord>;

/** Query.drafts, newest first, of one status or all. */
export function draftList(db: Database, status: DraftStatus | null, args: PageArgs) {
  return listConnection(db, DRAFTS, { status }, args, NOTHING_AHEAD);
}

export interface SearchHitRecord {
  score: number;
  entity: EntityRecord;
}

export const SEARCH = {
  name: 'search',
  walk: "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score",
  filters: { labels: { where: 'any(l IN labels(n) WHERE l IN $labels)' } },
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
  return listConnection(db, SEARCH, { query, labels }, args, NOTHING_AHEAD);
}

/** Every root list, by its name (the query names are `list.<name>` and `count.<name>`). */
export const LISTS = {
  ...ENTITY_LISTS,
  events: EVENTS,
  statements: STATEMENTS,
  sources: SOURCES,
  search: SEARCH,
  drafts: DRAFTS,
} as const;

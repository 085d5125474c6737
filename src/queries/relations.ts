/**
 * Connection fields of one parent (Person.statements, Event.participants, Place.events, …). Each field is
 * an entry of RELATIONS, a fixed allow-list of Cypher patterns; its page and count queries take many
 * parent keys at once (`UNWIND $keys`), for the connection loader to batch.
 */
import type { Row } from '../db/database.js';
import { partialDateFrom } from '../model/partialDate.js';
import type {
  AffiliationRecord,
  EntityRecord,
  EntitySummary,
  MentionRecord,
  ParticipationRecord,
  SourceRecord,
  StatementRecord,
} from '../model/records.js';
import { oneOf, PARTICIPATION_ROLES } from '../model/vocabulary.js';
import { ENTITY_LINKS, type LinkLabel, type Links, linksMap, STATEMENT_LINKS } from './nodes.js';
import {
  BY_NAME,
  BY_SOURCE_KEY,
  BY_START,
  countClause,
  NEWEST_FIRST,
  type Ordering,
  type Page,
  pageClauses,
} from './pagination.js';
import {
  entityMap,
  entitySummaryMap,
  statementMap,
  toEntity,
  toEntitySummary,
  toEvidenceList,
  toSource,
  toStatement,
} from './projections.js';

const BY_MENTION: Ordering = {
  name: 'mention',
  terms: [{ expr: 'n.key' }, { expr: 'r.start' }, { expr: 'r.end' }],
};
const BY_RELATED_NAME: Ordering = {
  name: 'related',
  terms: [{ expr: 'n.sortKey' }, { expr: "coalesce(r.role, '')" }],
};

/** Links of a kind of node, from its allow-list, that a query listing such nodes can read along. */
export interface NodeLinks {
  label: Exclude<LinkLabel, 'Source'>;
  links: Links;
}

export interface Relation<T> {
  /** Label of the parent, so the key lookup uses its unique index. */
  parent: string;
  /** Pattern from `p` (the parent) to `n` (the listed node), `r` being the relationship if needed. */
  match: string;
  /** Extra condition on optional field arguments, as parameters named with the given prefix. */
  where?: (prefix: string) => string;
  /** The pattern can reach the same `n` twice (variable length): keep one. */
  distinct?: boolean;
  ordering: Ordering;
  /** What each row returns (a Cypher map expression) and how it becomes a record. */
  project: string;
  /** The record also holds the parent (an affiliation its member and organisation): fetched once per parent. */
  withParent?: boolean;
  /** Links of the listed nodes a page query can read along, and the kind of node they belong to. */
  nodeLinks?: NodeLinks;
  toRecord: (row: Row, parent: EntitySummary | null) => T;
}

const statementsVia = (pattern: string, parent = 'Entity'): Relation<StatementRecord> => ({
  parent,
  match: pattern,
  ordering: NEWEST_FIRST,
  project: statementMap('n'),
  nodeLinks: { label: 'Statement', links: STATEMENT_LINKS },
  toRecord: (row) => toStatement(row),
});

/** The links of entities, for relations and lists listing them. */
export const ENTITY_NODE_LINKS: NodeLinks = { label: 'Entity', links: ENTITY_LINKS };

/** A link row: the relationship's properties and the node at its other end (the parent is the first). */
const LINK_PROJECTION = `r { .*, other: ${entitySummaryMap('n')} }`;
type Ends<T> = (parent: EntitySummary, other: EntitySummary) => T;
/** The parent a `withParent` relation's row always carries. */
function present(parent: EntitySummary | null): EntitySummary {
  if (!parent) throw new Error('a relation with withParent was read without its parent');
  return parent;
}

const affiliation =
  (ends: Ends<Pick<AffiliationRecord, 'member' | 'organisation'>>) =>
  (row: Row, parent: EntitySummary | null): AffiliationRecord => ({
    ...ends(present(parent), toEntitySummary(row.other as Row)),
    role: (row.role as string | null) ?? null,
    since: partialDateFrom(row, 'since'),
    until: partialDateFrom(row, 'until'),
    evidence: toEvidenceList(row),
  });

const participation =
  (ends: Ends<Pick<ParticipationRecord, 'entity' | 'event'>>) =>
  (row: Row, parent: EntitySummary | null): ParticipationRecord => ({
    ...ends(present(parent), toEntitySummary(row.other as Row)),
    role: oneOf(PARTICIPATION_ROLES, row.role),
    evidence: toEvidenceList(row),
  });

/** The allow-list: every connection field that hangs off a parent node. */
export const RELATIONS = {
  statementsBy: statementsVia('(p)<-[:SAID_BY]-(n:Statement)'),
  statementsOnBehalf: statementsVia('(p)<-[:ON_BEHALF_OF]-(n:Statement)'),
  statementsAddressedTo: statementsVia('(p)<-[:ADDRESSED_TO]-(n:Statement)'),
  statementsAbout: statementsVia('(p)<-[:ABOUT]-(n:Statement)'),
  sourceStatements: statementsVia('(p)<-[:REPORTED_IN]-(n:Statement)', 'Source'),
  affiliations: {
    parent: 'Entity',
    match: '(p)-[r:AFFILIATED_WITH]->(n:Organisation)',
    ordering: BY_RELATED_NAME,
    project: LINK_PROJECTION,
    withParent: true,
    toRecord: affiliation((member, organisation) => ({ member, organisation })),
  } satisfies Relation<AffiliationRecord>,
  members: {
    parent: 'Organisation',
    match: '(p)<-[r:AFFILIATED_WITH]-(n:Entity)',
    ordering: BY_RELATED_NAME,
    project: LINK_PROJECTION,
    withParent: true,
    toRecord: affiliation((organisation, member) => ({ member, organisation })),
  } satisfies Relation<AffiliationRecord>,
  participations: {
    parent: 'Entity',
    match: '(p)-[r:PARTICIPATED_IN]->(n:Event)',
    ordering: { ...BY_START, name: 'participation', terms: [...BY_START.terms, { expr: 'r.role' }] },
    project: LINK_PROJECTION,
    withParent: true,
    toRecord: participation((entity, event) => ({ entity, event })),
  } satisfies Relation<ParticipationRecord>,
  participants: {
    parent: 'Event',
    match: '(p)<-[r:PARTICIPATED_IN]-(n:Entity)',
    where: (prefix) => `($${prefix}role IS NULL OR r.role = $${prefix}role)`,
    ordering: BY_RELATED_NAME,
    project: LINK_PROJECTION,
    withParent: true,
    toRecord: participation((event, entity) => ({ entity, event })),
  } satisfies Relation<ParticipationRecord>,
  subEvents: {
    parent: 'Event',
    match: '(p)<-[:PART_OF]-(n:Event)',
    ordering: BY_START,
    project: entityMap('n'),
    nodeLinks: ENTITY_NODE_LINKS,
    toRecord: toEntity,
  } satisfies Relation<EntityRecord>,
  placeEvents: {
    parent: 'Place',
    // Events in this place or in any place inside it.
    match: '(p)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event)',
    distinct: true,
    ordering: BY_START,
    project: entityMap('n'),
    nodeLinks: ENTITY_NODE_LINKS,
    toRecord: toEntity,
  } satisfies Relation<EntityRecord>,
  mentions: {
    parent: 'Entity',
    match: '(p)<-[r:MENTIONS]-(n:Source)',
    ordering: BY_MENTION,
    project: 'r { .start, .end, source: n { .* } }',
    toRecord: (row) => {
      const source = toSource(row.source as Row);
      return { source, evidence: { sourceKey: source.key, start: Number(row.start), end: Number(row.end) } };
    },
  } satisfies Relation<MentionRecord>,
  statementSources: {
    parent: 'Statement',
    // One source can report a statement in several places: each source once.
    match: '(p)-[:REPORTED_IN]->(n:Source)',
    distinct: true,
    ordering: BY_SOURCE_KEY,
    project: 'n { .* }',
    toRecord: toSource,
  } satisfies Relation<SourceRecord>,
  sourceMentions: {
    parent: 'Source',
    match: '(p)-[:MENTIONS]->(n:Entity)',
    distinct: true,
    ordering: BY_NAME,
    project: entityMap('n'),
    nodeLinks: ENTITY_NODE_LINKS,
    toRecord: toEntity,
  } satisfies Relation<EntityRecord>,
} as const;

export type RelationName = keyof typeof RELATIONS;
export type RecordOf<R extends RelationName> = (typeof RELATIONS)[R] extends Relation<infer T> ? T : never;

/** Extra field arguments a relation's `where` may use, passed as parameters only. */
export interface RelationFilter {
  role?: string | null;
}

/** The MATCH from `p` to the listed `n` (and `r`), with its filter's parameters named with `prefix`. */
export function matchClause(relation: Relation<unknown>, prefix = ''): string {
  const where = relation.where ? ` WHERE ${relation.where(prefix)}` : '';
  // `WITH DISTINCT` keeps one row per listed node where the pattern can reach it twice.
  return relation.distinct
    ? `MATCH ${relation.match}${where} WITH DISTINCT p, n`
    : `MATCH ${relation.match}${where}`;
}

/** For each parent key: `body` run on that parent's matches, returning `columns`. */
const perParent = (relation: Relation<unknown>, body: string, columns: string) => `
    UNWIND $keys AS parentKey
    MATCH (p:${relation.parent} {key: parentKey})
    CALL (p) {
      ${matchClause(relation)}
      ${body}
    }
    RETURN parentKey, ${columns}`;

/**
 * The page query of a relation: one row per parent key, holding that parent's page of edges with the
 * links of the listed nodes the client asked for (names from the relation's nodeLinks allow-list).
 */
export function relationPageCypher(
  relation: Relation<unknown>,
  page: Page,
  links: readonly string[] = [],
): string {
  const kept = relation.distinct ? 'n' : '*';
  const withLinks =
    links.length && relation.nodeLinks ? `, links: ${linksMap(relation.nodeLinks.links, links)}` : '';
  return perParent(
    relation,
    [
      ...pageClauses(relation.ordering, page, [], kept),
      `RETURN collect({ cursor: cursor, row: ${relation.project}${withLinks} }) AS rows`,
    ].join('\n      '),
    relation.withParent ? `rows, ${entitySummaryMap('p')} AS parent` : 'rows',
  );
}

/** One parent's row of relationPageCypher as its edges, each with the statement links read along. */
export function toRelationEdges<T>(relation: Relation<T>, found: Row | undefined) {
  const parent = found?.parent ? toEntitySummary(found.parent as Row) : null;
  return ((found?.rows ?? []) as { cursor: unknown[]; row: Row; links?: Row }[]).map((e) => ({
    cursor: e.cursor,
    node: relation.toRecord(e.row, parent),
    key: String(e.row.key),
    links: e.links,
  }));
}

/** The count query of a relation: one row per parent key with its total. */
export function relationCountCypher(relation: Relation<unknown>): string {
  return perParent(relation, countClause(relation.distinct), 'total');
}

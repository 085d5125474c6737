/**
 * Connection fields of one parent (Person.statements, Event.participants, Place.events, …). Each field is
 * an entry of RELATIONS, a fixed allow-list of Cypher patterns; the loader batches every parent asking
 * for the same field with the same page arguments into one `UNWIND $keys` query.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { type PartialDate, partialDateFrom } from '../model/partialDate.js';
import { linksMap, STATEMENT_LINKS } from './nodes.js';
import {
  type Connection,
  cursorExpr,
  keysetWhere,
  type Ordering,
  orderBy,
  type Page,
  type PageArgs,
  pageParams,
  toConnection,
  toPage,
} from './pagination.js';
import {
  type EntityRecord,
  type EvidenceRecord,
  entityMap,
  entitySummaryMap,
  type SourceRecord,
  type StatementRecord,
  statementMap,
  toEntity,
  toEntitySummary,
  toEvidenceList,
  toSource,
  toStatement,
} from './records.js';

export interface AffiliationRecord {
  member: EntityRecord;
  organisation: EntityRecord;
  role: string | null;
  since: PartialDate | null;
  until: PartialDate | null;
  evidence: EvidenceRecord[];
}

export interface ParticipationRecord {
  entity: EntityRecord;
  event: EntityRecord;
  role: string;
  evidence: EvidenceRecord[];
}

export interface MentionRecord {
  source: SourceRecord;
  evidence: EvidenceRecord;
}

// Orderings of the lists (see pagination.ts); each ends in something unique.
export const BY_NAME: Ordering = { name: 'name', terms: [{ expr: 'n.sortKey' }] };
/**
 * An event's stored sort value, `startOrder`: its earliest start day (undated events last), then its key,
 * as one string in the event_order index, so a list of events walks the index instead of sorting every
 * event. Every write of an event sets it with this expression over `n`; a migration fills in older graphs.
 */
export const START_ORDER = "coalesce(n.startEarliest, '9999-12-31') + '|' + n.key";
export const BY_START: Ordering = { name: 'start', terms: [{ expr: 'n.startOrder' }] };
/** Statements: newest first, then in the order the source reports them. */
export const NEWEST_FIRST: Ordering = {
  name: 'newest',
  terms: [{ expr: "coalesce(n.dateEarliest, '0000-00-00')", desc: true }, { expr: 'n.sortKey' }],
};
const BY_MENTION: Ordering = {
  name: 'mention',
  terms: [{ expr: 'n.key' }, { expr: 'r.start' }, { expr: 'r.end' }],
};
const BY_RELATED_NAME: Ordering = {
  name: 'related',
  terms: [{ expr: 'n.sortKey' }, { expr: "coalesce(r.role, '')" }],
};

type Row = Record<string, unknown>;

interface Relation<T> {
  /** Label of the parent, so the key lookup uses its unique index. */
  parent: string;
  /** Pattern from `p` (the parent) to `n` (the listed node), `r` being the relationship if needed. */
  match: string;
  /** Extra condition on optional field arguments (as parameters). */
  where?: string;
  /** The pattern can reach the same `n` twice (variable length): keep one. */
  distinct?: boolean;
  ordering: Ordering;
  /** What each row returns (a Cypher map expression) and how it becomes a record. */
  project: string;
  /** The record also holds the parent (an affiliation its member and organisation): fetched once per parent. */
  withParent?: boolean;
  /** Lists statements: the page query can read their links too (see ConnectionKey.links). */
  statements?: boolean;
  toRecord: (row: Row, parent: EntityRecord | null) => T;
}

const statementsVia = (pattern: string, parent = 'Entity'): Relation<StatementRecord> => ({
  parent,
  match: pattern,
  ordering: NEWEST_FIRST,
  project: statementMap('n'),
  statements: true,
  toRecord: (row) => toStatement(row),
});

/** A link row: the relationship's properties and the node at its other end (the parent is the first). */
const LINK_PROJECTION = `r { .*, other: ${entitySummaryMap('n')} }`;
type Ends<T> = (parent: EntityRecord, other: EntityRecord) => T;
// Relations with `withParent` always receive their parent.
const present = (parent: EntityRecord | null) => parent as EntityRecord;

const affiliation =
  (ends: Ends<Pick<AffiliationRecord, 'member' | 'organisation'>>) =>
  (row: Row, parent: EntityRecord | null): AffiliationRecord => ({
    ...ends(present(parent), toEntitySummary(row.other as Row)),
    role: (row.role as string | null) ?? null,
    since: partialDateFrom(row, 'since'),
    until: partialDateFrom(row, 'until'),
    evidence: toEvidenceList(row),
  });

const participation =
  (ends: Ends<Pick<ParticipationRecord, 'entity' | 'event'>>) =>
  (row: Row, parent: EntityRecord | null): ParticipationRecord => ({
    ...ends(present(parent), toEntitySummary(row.other as Row)),
    role: String(row.role),
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
    where: '($role IS NULL OR r.role = $role)',
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
    toRecord: toEntity,
  } satisfies Relation<EntityRecord>,
  placeEvents: {
    parent: 'Place',
    // Events in this place or in any place inside it.
    match: '(p)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event)',
    distinct: true,
    ordering: BY_START,
    project: entityMap('n'),
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
  sourceMentions: {
    parent: 'Source',
    match: '(p)-[:MENTIONS]->(n:Entity)',
    distinct: true,
    ordering: BY_NAME,
    project: entityMap('n'),
    toRecord: toEntity,
  } satisfies Relation<EntityRecord>,
} as const;

export type RelationName = keyof typeof RELATIONS;
type RecordOf<R extends RelationName> = (typeof RELATIONS)[R] extends Relation<infer T> ? T : never;

/** Extra field arguments a relation's `where` may use, passed as parameters only. */
export interface RelationFilter {
  role?: string | null;
}

function matchClause(relation: Relation<unknown>): string {
  const where = relation.where ? ` WHERE ${relation.where}` : '';
  // `WITH DISTINCT` keeps one row per listed node where the pattern can reach it twice.
  return relation.distinct
    ? `MATCH ${relation.match}${where} WITH DISTINCT p, n`
    : `MATCH ${relation.match}${where}`;
}

/** For each parent key: `body` run on that parent's matches, returning `columns`. */
const perParent = (relation: Relation<unknown>, body: string, columns: string) => `
    UNWIND $keys AS parentKey
    MATCH (p:${relation.parent} {key: parentKey})
    CALL {
      WITH p
      ${matchClause(relation)}
      ${body}
    }
    RETURN parentKey, ${columns}`;

/**
 * The page query of a relation: one row per parent key, holding that parent's page of edges, and for
 * statements the links the client asked for (names from the STATEMENT_LINKS allow-list).
 */
export function relationPageCypher(
  relation: Relation<unknown>,
  page: Page,
  links: readonly string[] = [],
): string {
  const kept = relation.distinct ? 'n' : '*';
  const withLinks = links.length ? `, links: ${linksMap(STATEMENT_LINKS, links)}` : '';
  return perParent(
    relation,
    `WITH ${kept} WHERE ${keysetWhere(relation.ordering, page)}
      WITH ${kept}, ${cursorExpr(relation.ordering)} AS cursor
      ORDER BY ${orderBy(relation.ordering, page)}
      LIMIT $limit
      RETURN collect({ cursor: cursor, row: ${relation.project}${withLinks} }) AS rows`,
    relation.withParent ? `rows, ${entitySummaryMap('p')} AS parent` : 'rows',
  );
}

/** The count query of a relation: one row per parent key with its total. */
export function relationCountCypher(relation: Relation<unknown>): string {
  return perParent(relation, `RETURN count(${relation.distinct ? 'DISTINCT ' : ''}n) AS total`, 'total');
}

/** Groups keys by a computed group key, keeping first-seen order. */
function groupBy<K>(keys: readonly K[], by: (key: K) => string): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) groups.set(by(key), [...(groups.get(by(key)) ?? []), key]);
  return [...groups.values()];
}

interface ConnectionKey {
  relation: RelationName;
  parentKey: string;
  args: PageArgs & RelationFilter;
  /**
   * Links of the listed statements the client selected (`speaker`, `about`, …), read by the page query
   * itself and handed to the links loader: one query fewer per level of statements.
   */
  links: readonly string[];
}

const groupKey = (k: ConnectionKey) => JSON.stringify([k.relation, k.args, k.links]);

/** Stores a statement's links read by a page query, so the links loader does not read them again. */
type PrimeLinks = (statementKey: string, links: Row) => void;

/** Batch function: connections for many (relation, parent, arguments) keys, one query per distinct field call. */
async function loadConnections(
  db: Database,
  keys: readonly ConnectionKey[],
  counts: DataLoader<ConnectionKey, number>,
  primeLinks: PrimeLinks,
) {
  const results = new Map<ConnectionKey, Connection<unknown> | Error>();
  await Promise.all(
    groupBy(keys, groupKey).map(async (group) => {
      const { relation: name, args, links } = group[0] as ConnectionKey;
      const relation = RELATIONS[name] as Relation<unknown>;
      let page: Page;
      try {
        page = toPage(relation.ordering, args);
      } catch (error) {
        for (const key of group) results.set(key, error as Error);
        return;
      }
      const rows = await db.read(`connection.${name}`, relationPageCypher(relation, page, links), {
        keys: group.map((k) => k.parentKey),
        role: args.role ?? null,
        ...pageParams(page),
      });
      const byParent = new Map(rows.map((r) => [r.parentKey as string, r]));
      for (const key of group) {
        const found = byParent.get(key.parentKey);
        const parent = found?.parent ? toEntitySummary(found.parent as Row) : null;
        const edges = ((found?.rows ?? []) as { cursor: unknown[]; row: Row; links?: Row }[]).map((e) => {
          if (e.links) primeLinks(String(e.row.key), e.links);
          return { cursor: e.cursor, node: relation.toRecord(e.row, parent) };
        });
        results.set(
          key,
          toConnection(relation.ordering, page, edges, () => counts.load(key)),
        );
      }
    }),
  );
  return keys.map((key) => results.get(key) as Connection<unknown> | Error);
}

/** Batch function: totals for many (relation, parent, filter) keys, one query per relation and filter. */
async function loadCounts(db: Database, keys: readonly ConnectionKey[]) {
  const countKey = (relation: string, parentKey: unknown, role: unknown) =>
    JSON.stringify([relation, parentKey, role ?? null]);
  const totals = new Map<string, number>();
  await Promise.all(
    groupBy(keys, (k) => countKey(k.relation, '', k.args.role)).map(async (group) => {
      const { relation: name, args } = group[0] as ConnectionKey;
      const rows = await db.read(`count.${name}`, relationCountCypher(RELATIONS[name] as Relation<unknown>), {
        keys: group.map((k) => k.parentKey),
        role: args.role ?? null,
      });
      for (const row of rows) totals.set(countKey(name, row.parentKey, args.role), Number(row.total));
    }),
  );
  return keys.map((k) => totals.get(countKey(k.relation, k.parentKey, k.args.role)) ?? 0);
}

/** Per-request loader of connection fields; call `load(relation, parentKey, args)`. */
export function createConnectionLoader(db: Database, primeLinks: PrimeLinks) {
  const counts = new DataLoader<ConnectionKey, number, string>((keys) => loadCounts(db, keys), {
    cacheKeyFn: (k) => JSON.stringify([k.relation, k.parentKey, k.args.role ?? null]),
  });
  const pages = new DataLoader<ConnectionKey, Connection<unknown>, string>(
    (keys) => loadConnections(db, keys, counts, primeLinks),
    {
      cacheKeyFn: (k) => JSON.stringify([k.relation, k.parentKey, k.args, k.links]),
    },
  );
  return {
    /** A page of a parent's relation; `links` names statement links to read along (others are ignored). */
    load<R extends RelationName>(
      relation: R,
      parentKey: string,
      args: PageArgs & RelationFilter,
      links: readonly string[] = [],
    ) {
      const wanted = (RELATIONS[relation] as Relation<unknown>).statements
        ? links.filter((name) => Object.hasOwn(STATEMENT_LINKS, name)).sort()
        : [];
      return pages.load({ relation, parentKey, args, links: wanted }) as Promise<Connection<RecordOf<R>>>;
    },
  };
}

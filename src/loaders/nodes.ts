/**
 * Nodes by key, and the single-valued or short-list links of a node (a statement's speaker, an event's
 * places, …): each a per-request DataLoader whose batch is one `UNWIND $keys` query, answering one
 * result per key in key order (null where there is no such node).
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import {
  type EntityRecord,
  type EvidenceRecord,
  entityMap,
  type StatementRecord,
  statementMap,
  toEntity,
  toSource,
  toStatement,
} from './records.js';

type Row = Record<string, unknown>;

/** Labels with a key lookup; the Cypher of each is fixed (values only as parameters). */
const NODE_QUERIES = {
  Entity: `UNWIND $keys AS key OPTIONAL MATCH (n:Entity {key: key}) RETURN key, ${entityMap('n')} AS node`,
  Source: 'UNWIND $keys AS key OPTIONAL MATCH (n:Source {key: key}) RETURN key, n { .* } AS node',
  Statement: `UNWIND $keys AS key OPTIONAL MATCH (n:Statement {key: key}) RETURN key, ${statementMap('n')} AS node`,
} as const;

export const ENTITY_LINKS = `
  UNWIND $keys AS key
  MATCH (n:Entity {key: key})
  RETURN key, {
    basedIn: [(n)-[:BASED_IN]->(x:Place) | ${entityMap('x')}][0],
    partOf: [(n)-[:PART_OF]->(x:Entity) | ${entityMap('x')}][0],
    places: [(n)-[:OCCURRED_IN]->(x:Place) | ${entityMap('x')}]
  } AS links`;

export const STATEMENT_LINKS = `
  UNWIND $keys AS key
  MATCH (s:Statement {key: key})
  RETURN key, {
    speaker: [(s)-[:SAID_BY]->(x:Entity) | ${entityMap('x')}][0],
    onBehalfOf: [(s)-[:ON_BEHALF_OF]->(x:Entity) | ${entityMap('x')}],
    addressedTo: [(s)-[:ADDRESSED_TO]->(x:Entity) | ${entityMap('x')}],
    about: [(s)-[:ABOUT]->(x:Entity) | ${entityMap('x')}],
    evidence: [(s)-[r:REPORTED_IN]->(src:Source) | { sourceKey: src.key, start: r.start, end: r.end }],
    reports: [(s)-[:REPORTS]->(x:Statement) | ${statementMap('x')}][0],
    reportedBy: [(x:Statement)-[:REPORTS]->(s) | ${statementMap('x')}]
  } AS links`;

export const SOURCE_LINKS = `
  UNWIND $keys AS key
  MATCH (n:Source {key: key})
  RETURN key, { publisher: [(n)-[:PUBLISHED_BY]->(x:Organisation) | ${entityMap('x')}][0] } AS links`;

export interface EntityLinks {
  basedIn: EntityRecord | null;
  partOf: EntityRecord | null;
  places: EntityRecord[];
}

export interface StatementLinks {
  speaker: EntityRecord | null;
  onBehalfOf: EntityRecord[];
  addressedTo: EntityRecord[];
  about: EntityRecord[];
  evidence: EvidenceRecord[];
  reports: StatementRecord | null;
  reportedBy: StatementRecord[];
}

export interface SourceLinks {
  publisher: EntityRecord | null;
}

const entityOrNull = (v: unknown) => (v ? toEntity(v as Row) : null);
const byName = (rows: unknown) =>
  ((rows as Row[] | null) ?? [])
    .map(toEntity)
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
const byKey = (rows: unknown) =>
  ((rows as Row[] | null) ?? []).map(toStatement).sort((a, b) => a.key.localeCompare(b.key));

/** A loader answering one query per batch, mapping each found row and null for missing keys. */
function keyedLoader<T>(db: Database, name: string, cypher: string, column: string, map: (value: Row) => T) {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await db.read(name, cypher, { keys });
    const found = new Map(rows.map((r) => [r.key as string, r[column] as Row | null]));
    return keys.map((key) => {
      const value = found.get(key);
      return value ? map(value) : null;
    });
  });
}

/** All node and link loaders of one request. */
export function createNodeLoaders(db: Database) {
  return {
    entityByKey: keyedLoader(db, 'entityByKey', NODE_QUERIES.Entity, 'node', toEntity),
    sourceByKey: keyedLoader(db, 'sourceByKey', NODE_QUERIES.Source, 'node', toSource),
    statementByKey: keyedLoader(db, 'statementByKey', NODE_QUERIES.Statement, 'node', toStatement),
    entityLinks: keyedLoader(
      db,
      'entityLinks',
      ENTITY_LINKS,
      'links',
      (l): EntityLinks => ({
        basedIn: entityOrNull(l.basedIn),
        partOf: entityOrNull(l.partOf),
        places: byName(l.places),
      }),
    ),
    statementLinks: keyedLoader(
      db,
      'statementLinks',
      STATEMENT_LINKS,
      'links',
      (l): StatementLinks => ({
        speaker: entityOrNull(l.speaker),
        onBehalfOf: byName(l.onBehalfOf),
        addressedTo: byName(l.addressedTo),
        about: byName(l.about),
        evidence: ((l.evidence as EvidenceRecord[]) ?? []).sort(
          (a, b) => a.sourceKey.localeCompare(b.sourceKey) || a.start - b.start,
        ),
        reports: l.reports ? toStatement(l.reports as Row) : null,
        reportedBy: byKey(l.reportedBy),
      }),
    ),
    sourceLinks: keyedLoader(
      db,
      'sourceLinks',
      SOURCE_LINKS,
      'links',
      (l): SourceLinks => ({
        publisher: entityOrNull(l.publisher),
      }),
    ),
  };
}

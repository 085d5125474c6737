/**
 * Nodes by key, and the single-valued or short-list links of a node (a statement's speaker, an event's
 * places, …): fixed Cypher over `UNWIND $keys`, one row per key. The loaders (loaders/nodes.ts) batch
 * them per request.
 */
import type { Row } from '../db/database.js';
import type { EvidenceRecord } from '../model/records.js';
import {
  entityMap,
  entitySummaryMap,
  statementMap,
  toEntity,
  toEntitySummary,
  toSource,
  toStatement,
} from './projections.js';

/** What a node of each label with a key lookup returns. */
export const NODE_PROJECTIONS = {
  Entity: entityMap('n'),
  Source: 'n { .* }',
  Statement: statementMap('n'),
} as const;
export type KeyedLabel = keyof typeof NODE_PROJECTIONS;

const nodeQuery = (label: KeyedLabel) =>
  `UNWIND $keys AS key OPTIONAL MATCH (n:${label} {key: key}) RETURN key, ${NODE_PROJECTIONS[label]} AS node`;

/** Labels with a key lookup; the Cypher of each is fixed (values only as parameters). */
export const NODE_QUERIES = {
  Entity: nodeQuery('Entity'),
  Source: nodeQuery('Source'),
  Statement: nodeQuery('Statement'),
} as const;

/** One link of a node: a Cypher expression over the node `n`, and how its value becomes a record. */
export interface Link<T> {
  cypher: string;
  /** Also given null when the node does not exist. */
  toValue: (value: unknown) => T;
}
const link = <T>(cypher: string, toValue: (value: unknown) => T): Link<T> => ({ cypher, toValue });

const entityOrNull = (v: unknown) => (v ? toEntitySummary(v as Row) : null);
const byName = (rows: unknown) =>
  ((rows as Row[] | null) ?? [])
    .map(toEntitySummary)
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
const byKey = (rows: unknown) =>
  ((rows as Row[] | null) ?? []).map(toStatement).sort((a, b) => a.key.localeCompare(b.key));

/** The allow-lists of links: the only Cypher a link query is made of. */
export const ENTITY_LINKS = {
  basedIn: link(`[(n)-[:BASED_IN]->(x:Place) | ${entitySummaryMap('x')}][0]`, entityOrNull),
  partOf: link(`[(n)-[:PART_OF]->(x:Entity) | ${entitySummaryMap('x')}][0]`, entityOrNull),
  places: link(`[(n)-[:OCCURRED_IN]->(x:Place) | ${entitySummaryMap('x')}]`, byName),
};

export const STATEMENT_LINKS = {
  speaker: link(`[(n)-[:SAID_BY]->(x:Entity) | ${entitySummaryMap('x')}][0]`, entityOrNull),
  onBehalfOf: link(`[(n)-[:ON_BEHALF_OF]->(x:Entity) | ${entitySummaryMap('x')}]`, byName),
  addressedTo: link(`[(n)-[:ADDRESSED_TO]->(x:Entity) | ${entitySummaryMap('x')}]`, byName),
  about: link(`[(n)-[:ABOUT]->(x:Entity) | ${entitySummaryMap('x')}]`, byName),
  evidence: link(
    '[(n)-[r:REPORTED_IN]->(src:Source) | { sourceKey: src.key, start: r.start, end: r.end }]',
    (v) =>
      ((v as EvidenceRecord[] | null) ?? []).sort(
        (a, b) => a.sourceKey.localeCompare(b.sourceKey) || a.start - b.start,
      ),
  ),
  reports: link(`[(n)-[:REPORTS]->(x:Statement) | ${statementMap('x')}][0]`, (v) =>
    v ? toStatement(v as Row) : null,
  ),
  reportedBy: link(`[(x:Statement)-[:REPORTS]->(n) | ${statementMap('x')}]`, byKey),
};

export const SOURCE_LINKS = {
  publisher: link(`[(n)-[:PUBLISHED_BY]->(x:Organisation) | ${entitySummaryMap('x')}][0]`, entityOrNull),
};

export type Links = Record<string, Link<unknown>>;
export type LinkLabel = 'Entity' | 'Statement' | 'Source';

/** The names among `names` that are links of the allow-list `links` (none without one), in their order. */
export const linksIn = (links: Links | undefined, names: readonly string[]) =>
  links ? names.filter((name) => Object.hasOwn(links, name)) : [];

/** A Cypher map of some links of the node `n`, from the allow-list (names only, never input). */
export function linksMap(links: Links, names: readonly string[]) {
  return `{ ${names.map((name) => `${name}: ${links[name]?.cypher}`).join(', ')} }`;
}

/** The query for some links of many nodes: only the links asked for, named in a fixed order. */
export function linksCypher(label: LinkLabel, links: Links, names: readonly string[]) {
  return `UNWIND $keys AS key
    MATCH (n:${label} {key: key})
    RETURN key, ${linksMap(links, names)} AS links`;
}

/** How a node read by NODE_QUERIES becomes its record. */
export const NODE_RECORDS = { Entity: toEntity, Source: toSource, Statement: toStatement } as const;

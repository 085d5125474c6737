/**
 * Nodes by key, and the single-valued or short-list links of a node (a statement's speaker, an event's
 * places, …): each a per-request DataLoader whose batch is one `UNWIND $keys` query, answering one
 * result per key in key order (null where there is no such node).
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import {
  type EvidenceRecord,
  entityMap,
  entitySummaryMap,
  statementMap,
  toEntity,
  toEntitySummary,
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

/** One link of a node: a Cypher expression over the node `n`, and how its value becomes a record. */
interface Link<T> {
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
const ENTITY_LINKS = {
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

const SOURCE_LINKS = {
  publisher: link(`[(n)-[:PUBLISHED_BY]->(x:Organisation) | ${entitySummaryMap('x')}][0]`, entityOrNull),
};

type Links = Record<string, Link<unknown>>;
type LinkLabel = 'Entity' | 'Statement' | 'Source';

/** A Cypher map of some links of the node `n`, from the allow-list (names only, never input). */
export function linksMap(links: Links, names: readonly string[]) {
  return `{ ${names.map((name) => `${name}: ${links[name]?.cypher}`).join(', ')} }`;
}

/** The query for some links of many nodes: only the links asked for, named in a fixed order. */
function linksCypher(label: LinkLabel, links: Links, names: readonly string[]) {
  return `UNWIND $keys AS key
    MATCH (n:${label} {key: key})
    RETURN key, ${linksMap(links, names)} AS links`;
}

/**
 * Per-request loader of the links of one kind of node, by (node, link): a batch fetches the union of the
 * links asked for in it with one `UNWIND $keys` query, so a page showing only `about` never reads
 * speakers or evidence, and one showing speaker and about reads both at once.
 */
function linkLoader<L extends Links>(db: Database, label: LinkLabel, links: L) {
  type Name = keyof L & string;
  const loader = new DataLoader<{ key: string; link: Name }, unknown, string>(
    async (wanted) => {
      const names = [...new Set(wanted.map((w) => w.link))].sort();
      const rows = await db.read(`links.${label}.${names.join('+')}`, linksCypher(label, links, names), {
        keys: [...new Set(wanted.map((w) => w.key))],
      });
      const found = new Map(rows.map((r) => [r.key as string, r.links as Row]));
      return wanted.map((w) => links[w.link]?.toValue(found.get(w.key)?.[w.link] ?? null));
    },
    { cacheKeyFn: (w) => `${w.link}|${w.key}` },
  );
  return {
    load<N extends Name>(key: string, name: N) {
      return loader.load({ key, link: name }) as Promise<ReturnType<L[N]['toValue']>>;
    },
    /** Stores links read by another query (a page of statements), as they came from Neo4j. */
    prime(key: string, values: Row) {
      for (const [name, value] of Object.entries(values))
        loader.clear({ key, link: name }).prime({ key, link: name }, links[name]?.toValue(value ?? null));
    },
    /** Forgets one node's links (after a write to it). */
    clear(key: string) {
      for (const name of Object.keys(links)) loader.clear({ key, link: name });
    },
    clearAll() {
      loader.clearAll();
    },
  };
}

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
    entityLinks: linkLoader(db, 'Entity', ENTITY_LINKS),
    statementLinks: linkLoader(db, 'Statement', STATEMENT_LINKS),
    sourceLinks: linkLoader(db, 'Source', SOURCE_LINKS),
  };
}

/**
 * Nodes by key, and the single-valued or short-list links of a node (a statement's speaker, an event's
 * places, …): each a per-request DataLoader whose batch is one `UNWIND $keys` query, answering one
 * result per key in key order (null where there is no such node).
 */
// Not Pothos plugin-dataloader: its loaders belong to one GraphQL type each, while an entity is read by
// key before its type is known (`entity(key:)`, a speaker, a link), and one loader for the four entity
// types keeps a batch of mixed entities one query instead of up to four; mutations also clear and prime
// these caches, which would make resolvers depend on the schema's type refs.
import DataLoader from 'dataloader';
import type { Database, Row } from '../db/database.js';
import {
  ENTITY_LINKS,
  type LinkLabel,
  type Links,
  linksCypher,
  NODE_QUERIES,
  NODE_RECORDS,
  SOURCE_LINKS,
  STATEMENT_LINKS,
} from '../queries/nodes.js';

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
    entityByKey: keyedLoader(db, 'entityByKey', NODE_QUERIES.Entity, 'node', NODE_RECORDS.Entity),
    sourceByKey: keyedLoader(db, 'sourceByKey', NODE_QUERIES.Source, 'node', NODE_RECORDS.Source),
    statementByKey: keyedLoader(db, 'statementByKey', NODE_QUERIES.Statement, 'node', NODE_RECORDS.Statement),
    entityLinks: linkLoader(db, 'Entity', ENTITY_LINKS),
    statementLinks: linkLoader(db, 'Statement', STATEMENT_LINKS),
    sourceLinks: linkLoader(db, 'Source', SOURCE_LINKS),
  };
}

/**
 * The per-request loader of connection fields (queries/relations.ts): it batches every parent asking for
 * the same field with the same page arguments into one `UNWIND $keys` query, and counts only when asked.
 */
import DataLoader from 'dataloader';
import type { Database, Row } from '../db/database.js';
import { linksIn } from '../queries/nodes.js';
import {
  type Connection,
  type Page,
  type PageArgs,
  pageParams,
  toConnection,
  toPage,
} from '../queries/pagination.js';
import {
  type NodeLinks,
  RELATIONS,
  type RecordOf,
  type Relation,
  type RelationFilter,
  type RelationName,
  relationCountCypher,
  relationPageCypher,
  toRelationEdges,
} from '../queries/relations.js';

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
   * Links of the listed nodes the client selected (a statement's `speaker`, an event's `places`), read by
   * the page query itself and handed to the links loader: one query fewer per level.
   */
  links: readonly string[];
}

/** The page and filter arguments that tell one connection from another, each present (null when not given). */
const argsKey = (args: PageArgs & RelationFilter) =>
  [args.first, args.after, args.last, args.before, args.role].map((v) => v ?? null);
const pageKey = (k: ConnectionKey) => JSON.stringify([k.relation, k.parentKey, argsKey(k.args), k.links]);
const totalKey = (k: ConnectionKey) => JSON.stringify([k.relation, k.parentKey, k.args.role ?? null]);

/** Stores a node's links read by a page query, so the links loader does not read them again. */
export type PrimeLinks = (label: NodeLinks['label'], key: string, links: Row) => void;

/** Batch function: connections for many (relation, parent, arguments) keys, one query per distinct field call. */
async function loadConnections(
  db: Database,
  keys: readonly ConnectionKey[],
  counts: DataLoader<ConnectionKey, number>,
  primeLinks: PrimeLinks,
) {
  const results = new Map<ConnectionKey, Connection<unknown> | Error>();
  await Promise.all(
    groupBy(keys, (k) => JSON.stringify([k.relation, argsKey(k.args), k.links])).map(async (group) => {
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
        const edges = toRelationEdges(relation, byParent.get(key.parentKey));
        for (const edge of edges) {
          if (edge.links && relation.nodeLinks) primeLinks(relation.nodeLinks.label, edge.key, edge.links);
        }
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
  const totals = new Map<string, number>();
  await Promise.all(
    groupBy(keys, (k) => JSON.stringify([k.relation, k.args.role ?? null])).map(async (group) => {
      const { relation: name, args } = group[0] as ConnectionKey;
      const rows = await db.read(`count.${name}`, relationCountCypher(RELATIONS[name] as Relation<unknown>), {
        keys: group.map((k) => k.parentKey),
        role: args.role ?? null,
      });
      for (const row of rows) {
        totals.set(
          totalKey({ relation: name, parentKey: row.parentKey as string, args, links: [] }),
          Number(row.total),
        );
      }
    }),
  );
  return keys.map((k) => totals.get(totalKey(k)) ?? 0);
}

/** Per-request loader of connection fields; call `load(relation, parentKey, args)`. */
export function createConnectionLoader(db: Database, primeLinks: PrimeLinks) {
  const counts = new DataLoader<ConnectionKey, number, string>((keys) => loadCounts(db, keys), {
    cacheKeyFn: totalKey,
  });
  const pages = new DataLoader<ConnectionKey, Connection<unknown>, string>(
    (keys) => loadConnections(db, keys, counts, primeLinks),
    { cacheKeyFn: pageKey },
  );
  /** The key of a field call: the links asked for that the relation can read along, in order. */
  const keyOf = (
    relation: RelationName,
    parentKey: string,
    args: PageArgs & RelationFilter,
    links: readonly string[],
  ) => {
    const allowed = (RELATIONS[relation] as Relation<unknown>).nodeLinks?.links;
    return { relation, parentKey, args, links: linksIn(allowed, links).sort() };
  };
  return {
    /** A page of a parent's relation; `links` names links of the listed nodes to read along (others are ignored). */
    load<R extends RelationName>(
      relation: R,
      parentKey: string,
      args: PageArgs & RelationFilter,
      links: readonly string[] = [],
    ) {
      return pages.load(keyOf(relation, parentKey, args, links)) as Promise<Connection<RecordOf<R>>>;
    },
    /**
     * Stores a page read by another query (a planned read of a whole selection), and its total when that
     * query counted it, so that the field's `load` finds them.
     */
    prime(
      relation: RelationName,
      parentKey: string,
      args: PageArgs & RelationFilter,
      links: readonly string[],
      connection: Connection<unknown>,
      total?: number,
    ) {
      const key = keyOf(relation, parentKey, args, links);
      pages.prime(key, { ...connection, count: () => counts.load(key) });
      if (total !== undefined) counts.prime(key, total);
    },
  };
}

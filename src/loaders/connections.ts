/**
 * The per-request loader of connection fields (queries/relations.ts): it batches every parent asking for
 * the same field with the same page arguments into one `UNWIND $keys` query, and counts only when asked.
 */
import DataLoader from 'dataloader';
import type { Database, Row } from '../db/database.js';
import { STATEMENT_LINKS } from '../queries/nodes.js';
import {
  type Connection,
  type Page,
  type PageArgs,
  pageParams,
  toConnection,
  toPage,
} from '../queries/pagination.js';
import {
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
        const edges = toRelationEdges(relation, byParent.get(key.parentKey));
        for (const edge of edges) if (edge.links) primeLinks(edge.key, edge.links);
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

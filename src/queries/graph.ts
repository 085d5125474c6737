/**
 * Graph-shaped reads: a shortest path between two nodes and the neighbourhood of one. They walk the
 * knowledge relationships only; provenance (MENTIONS, REPORTED_IN, PUBLISHED_BY) would join everything
 * through the source that reports it.
 */
import type { Database, Row } from '../db/database.js';
import { badInput } from '../errors.js';
import {
  ENTITY_LABELS,
  type EntityLabel,
  type EntityRecord,
  type SourceRecord,
  type StatementRecord,
} from '../model/records.js';
import { KNOWLEDGE_TYPES } from '../model/vocabulary.js';
import { toEntity, toSource, toStatement } from './projections.js';

export type NodeRecord = EntityRecord | StatementRecord | SourceRecord;

export interface RelationshipRecord {
  type: string;
  from: { label: string; key: string };
  to: { label: string; key: string };
  properties: Record<string, unknown>;
}

export interface GraphPath {
  length: number;
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
}

export interface SubgraphRecord {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
  truncated: boolean;
}

export const MAX_PATH_LENGTH = 8;
export const MAX_DEPTH = 3;
export const MAX_SUBGRAPH_NODES = 500;

/** `A|B|C` for a Cypher pattern, from the allow-list only; unknown names are BAD_USER_INPUT. */
export function typePattern(types: readonly string[] | null | undefined): string {
  if (!types?.length) return KNOWLEDGE_TYPES.join('|');
  const unknown = types.find((t) => !(KNOWLEDGE_TYPES as readonly string[]).includes(t));
  if (unknown !== undefined) {
    throw badInput(`types: "${unknown.slice(0, 40)}" is not one of ${KNOWLEDGE_TYPES.join(', ')}`, {
      argument: 'types',
    });
  }
  return [...new Set(types)].join('|');
}

const NODE_MAP = (v: string) => `${v} { .*, _labels: labels(${v}) }`;
const END_MAP = (node: string) => `{ key: ${node}.key, _labels: labels(${node}) }`;
const REL_MAP = (v: string) =>
  `{ type: type(${v}), from: ${END_MAP(`startNode(${v})`)}, to: ${END_MAP(`endNode(${v})`)}, properties: properties(${v}) }`;

function typeOf(labels: string[]): string {
  if (labels.includes('Statement')) return 'Statement';
  if (labels.includes('Source')) return 'Source';
  return labels.find((l): l is EntityLabel => (ENTITY_LABELS as readonly string[]).includes(l)) ?? 'Entity';
}

/** A node map with its labels as the record of its GraphQL type. */
export function toNodeRecord(row: Row): NodeRecord {
  const type = typeOf(row._labels as string[]);
  if (type === 'Statement') return toStatement(row);
  if (type === 'Source') return toSource(row);
  return toEntity({ ...row, label: type });
}

export function toRelationship(row: Row): RelationshipRecord {
  const end = (v: unknown) => {
    const node = v as Row;
    return { label: typeOf(node._labels as string[]), key: String(node.key) };
  };
  return {
    type: String(row.type),
    from: end(row.from),
    to: end(row.to),
    properties: (row.properties as Row) ?? {},
  };
}

const pathCypher = (from: string, to: string, maxLength: number, types: string, all: boolean) => `
  MATCH (a:${from} {key: $from}), (b:${to} {key: $to})
  MATCH p = ${all ? 'allShortestPaths' : 'shortestPath'}((a)-[:${types}*..${maxLength}]-(b))
  WHERE none(n IN nodes(p) WHERE n.key IN $exclude)
  RETURN length(p) AS length, [n IN nodes(p) | ${NODE_MAP('n')}] AS nodes,
         [r IN relationships(p) | ${REL_MAP('r')}] AS relationships
  LIMIT $limit`;

type Endpoint = { label: 'Entity' | 'Statement' | 'Source'; key: string };

export interface PathOptions {
  maxLength: number;
  /** Relationship types to walk (default: every knowledge type). */
  types?: readonly string[] | null;
  /** Keys of nodes the path must not pass through. */
  exclude?: readonly string[];
  /** Every shortest path (up to `limit`) instead of one. */
  all?: boolean;
  limit?: number;
}

/** Shortest paths of at most maxLength relationships (none: empty); maxLength above the cap is BAD_USER_INPUT. */
export async function shortestPaths(
  db: Database,
  from: Endpoint,
  to: Endpoint,
  options: PathOptions,
): Promise<GraphPath[]> {
  const { maxLength } = options;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw badInput(`maxLength must be between 1 and ${MAX_PATH_LENGTH}`, { argument: 'maxLength' });
  }
  if (from.key === to.key) throw badInput('from and to are the same node', { argument: 'to' });
  // maxLength is a checked integer and types come from the allow-list: variable-length bounds and
  // relationship types cannot be parameters.
  const rows = await db.read(
    'path',
    pathCypher(from.label, to.label, maxLength, typePattern(options.types), !!options.all),
    {
      from: from.key,
      to: to.key,
      exclude: options.exclude ?? [],
      limit: options.all ? (options.limit ?? 10) : 1,
    },
  );
  return rows.map((row) => ({
    length: Number(row.length),
    nodes: (row.nodes as Row[]).map(toNodeRecord),
    relationships: (row.relationships as Row[]).map(toRelationship),
  }));
}

/**
 * One level of a neighbourhood, in the statement `neighbourhoodCypher` builds: the nodes one hop from
 * `frontier` not yet in `nodes`, smallest `key` first (`elementId` between equal or missing keys), at
 * most `$limit` of them (LIMIT takes no variable; `$limit` is at least what the level can keep plus
 * one, which tells a cut level). It adds what fits to `nodes`; a level cut short ends the walk
 * (`truncated`, and no frontier for the next). Choosing by key reads the key of every node of the
 * level, so a level of a hub costs its size, cut or not. `x IN nodes` does not turn quadratic: Neo4j
 * scans a list of fewer than 128 items and checks a longer one through a hash set built once per list
 * (measured: the same time for 128 and 17,000 items).
 */
const NEIGHBOURHOOD_LEVEL = (types: string) => `
  CALL (nodes, frontier) {
    UNWIND frontier AS f
    MATCH (f)-[:${types}]-(x)
    WHERE NOT x IN nodes
    WITH DISTINCT x
    ORDER BY x.key, elementId(x)
    LIMIT $limit
    RETURN collect(x) AS found
  }
  WITH nodes, truncated, found, $limit - size(nodes) AS room
  WITH nodes + found[..room] AS nodes, truncated OR size(found) > room AS truncated,
       CASE WHEN size(found) > room THEN [] ELSE found END AS frontier`;

/**
 * The neighbourhood of the node `$key` of `label` as one statement, one row (none for an unknown
 * centre): `nodes` as maps, the centre first and then level by level, each in key order; the
 * `relationships` of `types` among them; whether `$limit` cut a level. `depth` is a checked integer
 * (1–MAX_DEPTH) and `types` an allow-listed pattern (`typePattern`): the only things not parameters.
 */
export function neighbourhoodCypher(label: 'Entity' | 'Statement' | 'Source', depth: number, types: string) {
  return `
  MATCH (c:${label} {key: $key})
  WITH [c] AS nodes, [c] AS frontier, false AS truncated${NEIGHBOURHOOD_LEVEL(types).repeat(depth)}
  RETURN [n IN nodes | ${NODE_MAP('n')}] AS nodes, truncated,
         COLLECT {
           UNWIND nodes AS a
           MATCH (a)-[r:${types}]->(b)
           WHERE b IN nodes
           RETURN ${REL_MAP('r')}
         } AS relationships`;
}

/** A row of `neighbourhoodCypher` as its subgraph. */
export function toSubgraph(row: Row): SubgraphRecord {
  return {
    nodes: (row.nodes as Row[]).map(toNodeRecord),
    relationships: (row.relationships as Row[]).map(toRelationship),
    truncated: row.truncated === true,
  };
}

/**
 * Nodes within `depth` hops of the centre and the relationships (of `types`) among them, in one query;
 * null for an unknown centre. Breadth first, nearest kept first: the centre, then every node one hop
 * away, then two, …, each level in key order. When `limit` cannot hold a whole level, that level keeps
 * its nodes of smallest `key` (then of smallest element id, for equal or missing keys, though the
 * entities, statements and sources these types join all have a unique key), the walk stops there,
 * and `truncated` is true: the same graph always gives the same nodes. `truncated` is true exactly
 * when some node within `depth` hops was left out.
 */
export async function neighbourhood(
  db: Database,
  centre: { label: 'Entity' | 'Statement' | 'Source'; key: string },
  depth: number,
  limit: number,
  types?: readonly string[] | null,
): Promise<SubgraphRecord | null> {
  const pattern = typePattern(types);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw badInput(`depth must be between 1 and ${MAX_DEPTH}`, { argument: 'depth' });
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUBGRAPH_NODES) {
    throw badInput(`limit must be between 1 and ${MAX_SUBGRAPH_NODES}`, { argument: 'limit' });
  }
  const [row] = await db.read('neighbourhood', neighbourhoodCypher(centre.label, depth, pattern), {
    key: centre.key,
    limit,
  });
  return row ? toSubgraph(row) : null;
}

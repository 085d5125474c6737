/**
 * Guarded read-only Cypher for analysts. A query runs only if Neo4j's own planner (EXPLAIN) says it is
 * read-only, it calls no procedure outside a short allow-list, and it loads no files; it then runs in a
 * READ transaction with a timeout and a row cap. User input is the query itself here, by design: the
 * guards, not string hygiene, are what keep it harmless.
 */
import neo4j, { type Node, type Plan, type Relationship } from 'neo4j-driver';
import { toParams, toPlain } from '../db/convert.js';
import type { Database } from '../db/database.js';
import { badInput, forbidden, isGraphQLError, userError } from '../errors.js';
import { type NodeRecord, type RelationshipRecord, toNodeRecord, toRelationship } from '../loaders/graph.js';

/** Procedures an analyst may call: read-only introspection and full-text search. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

export const DEFAULT_ROW_CAP = 1000;
export const MAX_QUERY_LENGTH = 10_000;

export interface CypherResult {
  columns: string[];
  rows: unknown[][];
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
  /** The row cap cut the result. */
  truncated: boolean;
}

/** Every procedure the plan calls, by name. */
function proceduresIn(plan: Plan | false): string[] {
  if (!plan) return [];
  const own =
    plan.operatorType.startsWith('ProcedureCall') && typeof plan.arguments.Details === 'string'
      ? [String(plan.arguments.Details).split('(')[0]?.trim() ?? '']
      : [];
  return [...own, ...plan.children.flatMap(proceduresIn)];
}

const codeOf = (error: unknown) => (error as { code?: string }).code ?? '';

/** Syntax errors and the like are the analyst's to fix: what Neo4j said (first line), without internals. */
const refusedByNeo4j = (error: unknown) =>
  badInput(`Neo4j refused the query: ${(error as Error).message.split('\n')[0]}`, { argument: 'query' });

/** Refuses anything that is not a read-only query using allow-listed procedures. */
async function checkQuery(db: Database, query: string, params: Record<string, unknown>) {
  if (query.length > MAX_QUERY_LENGTH)
    throw badInput(`query is longer than ${MAX_QUERY_LENGTH} characters`, { argument: 'query' });
  if (/\bLOAD\s+CSV\b/i.test(query)) throw forbidden('LOAD CSV is not allowed');
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query))
    throw badInput('give the query without EXPLAIN or PROFILE', { argument: 'query' });
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    const { summary } = await session.run(`EXPLAIN ${query}`, toParams(params) as Record<string, unknown>);
    if (summary.queryType !== 'r') throw forbidden('only read-only queries may run here');
    const refused = proceduresIn(summary.plan).filter((p) => !ALLOWED_PROCEDURES.has(p));
    if (refused.length)
      throw forbidden(
        `procedure ${refused[0]} is not allowed (allowed: ${[...ALLOWED_PROCEDURES].join(', ')})`,
      );
  } catch (error) {
    if (isGraphQLError(error)) throw error;
    const code = codeOf(error);
    if (code.startsWith('Neo.ClientError.Statement')) throw refusedByNeo4j(error);
    if (code.startsWith('Neo.ClientError.Security') || code.startsWith('Neo.ClientError.Procedure')) {
      throw forbidden('this query is not allowed');
    }
    throw error;
  } finally {
    await session.close();
  }
}

/** Runs a checked query: READ transaction, timeout, at most `rowCap` rows. */
export async function runGuardedCypher(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  { timeoutMs = 10_000, rowCap = DEFAULT_ROW_CAP } = {},
): Promise<CypherResult> {
  await checkQuery(db, query, params);
  db.queryCount++;
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  const nodes = new Map<string, Node>();
  const relationships = new Map<string, Relationship>();
  const collect = (value: unknown): void => {
    if (neo4j.isNode(value)) nodes.set(value.elementId, value);
    else if (neo4j.isRelationship(value)) relationships.set(value.elementId, value);
    else if (neo4j.isPath(value)) {
      for (const segment of value.segments) {
        nodes.set(segment.start.elementId, segment.start);
        nodes.set(segment.end.elementId, segment.end);
        relationships.set(segment.relationship.elementId, segment.relationship);
      }
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  try {
    return await session.executeRead(
      async (tx) => {
        const result = tx.run(query, toParams(params) as Record<string, unknown>);
        const rows: unknown[][] = [];
        let columns: string[] = [];
        let truncated = false;
        for await (const record of result) {
          if (rows.length === rowCap) {
            truncated = true;
            break;
          }
          columns = record.keys as string[];
          record.forEach(collect);
          rows.push(record.keys.map((k) => toPlain(record.get(k))));
        }
        if (rows.length === 0) columns = (await result.keys()) as string[];
        // Relationship ends the query did not return itself: look their keys and labels up.
        const missing = [...relationships.values()]
          .flatMap((r) => [r.startNodeElementId, r.endNodeElementId])
          .filter((id) => !nodes.has(id));
        const ends = missing.length
          ? await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', { ids: [...new Set(missing)] })
          : { records: [] };
        for (const r of ends.records) collect(r.get('n'));
        const plainNode = (n: Node) => ({
          ...(toPlain(n.properties) as Record<string, unknown>),
          _labels: n.labels,
        });
        const keyed = [...nodes.values()].filter((n) => typeof n.properties.key === 'string');
        return {
          columns,
          rows,
          nodes: keyed.map((n) => toNodeRecord(plainNode(n))),
          relationships: [...relationships.values()].flatMap((r) => {
            const from = nodes.get(r.startNodeElementId);
            const to = nodes.get(r.endNodeElementId);
            if (!from?.properties.key || !to?.properties.key) return [];
            return [
              toRelationship({
                type: r.type,
                from: { key: from.properties.key, _labels: from.labels },
                to: { key: to.properties.key, _labels: to.labels },
                properties: toPlain(r.properties),
              }),
            ];
          }),
          truncated,
        };
      },
      { timeout: timeoutMs, metadata: { app: 'newsgraph', query: 'analyst.cypher' } },
    );
  } catch (error) {
    const code = codeOf(error);
    if (/TransactionTimedOut|Terminated/.test(code)) {
      throw userError('TIMEOUT', `the query ran longer than ${timeoutMs} ms and was stopped`);
    }
    if (code.startsWith('Neo.ClientError.Statement')) throw refusedByNeo4j(error);
    throw error;
  } finally {
    await session.close();
  }
}

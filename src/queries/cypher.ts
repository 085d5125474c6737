/**
 * Guarded read-only Cypher for analysts. A query runs only if the plan Neo4j makes for it (EXPLAIN) is
 * built from operators a read needs, calls no procedure outside a short allow-list, and reads only this
 * API's database; it then runs in a READ transaction with a timeout, a row cap and a byte cap. User
 * input is the query itself here, by design: the plan, not the text, decides what may run.
 */
import neo4j, { type Node, type Plan, type Relationship, type Session } from 'neo4j-driver';
import { toParams, toPlain } from '../db/convert.js';
import type { Database } from '../db/database.js';
import { badInput, forbidden, isGraphQLError, userError } from '../errors.js';
import { type NodeRecord, type RelationshipRecord, toNodeRecord, toRelationship } from './graph.js';

/** The labels of nodes the API has types for. */
const API_LABELS = ['Entity', 'Statement', 'Source'];

/** Procedures an analyst may call: read-only introspection and full-text search. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

/**
 * Plan operators a read-only query is made of (Neo4j 5's names, without the "(All)"-style variant).
 * Everything else is refused: LoadCSV, every Show…/Terminate… command, CALL … IN TRANSACTIONS
 * (TransactionApply, TransactionForeach), every write, and any operator a later Neo4j adds.
 */
const ALLOWED_OPERATORS = new Set([
  // the result, and rows from nowhere
  'ProduceResults',
  'EmptyRow',
  'Argument',
  'ArgumentTracker',
  // scans and seeks
  'AllNodesScan',
  'NodeByLabelScan',
  'UnionNodeByLabelsScan',
  'IntersectionNodeByLabelsScan',
  'SubtractionNodeByLabelsScan',
  'NodeByIdSeek',
  'NodeByElementIdSeek',
  'NodeIndexScan',
  'NodeIndexSeek',
  'NodeUniqueIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeekByRange',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'MultiNodeIndexSeek',
  'AssertingMultiNodeIndexSeek',
  'NodeCountFromCountStore',
  'RelationshipCountFromCountStore',
  'DirectedAllRelationshipsScan',
  'UndirectedAllRelationshipsScan',
  'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan',
  'DirectedUnionRelationshipTypesScan',
  'UndirectedUnionRelationshipTypesScan',
  'DirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexScan',
  'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek',
  'DirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipUniqueIndexSeekByRange',
  'UndirectedRelationshipUniqueIndexSeekByRange',
  'DirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexEndsWithScan',
  'DirectedRelationshipByIdSeek',
  'UndirectedRelationshipByIdSeek',
  'DirectedRelationshipByElementIdSeek',
  'UndirectedRelationshipByElementIdSeek',
  // walking the graph
  'Expand',
  'OptionalExpand',
  'VarLengthExpand',
  'BFSPruningVarExpand',
  'ShortestPath',
  'StatefulShortestPath',
  'Repeat',
  'Trail',
  'NullifyMetadata',
  'ProjectEndpoints',
  'TriadicSelection',
  'TriadicBuild',
  'TriadicFilter',
  // joins, subqueries and pattern predicates
  'Apply',
  'SemiApply',
  'AntiSemiApply',
  'LetSemiApply',
  'LetAntiSemiApply',
  'SelectOrSemiApply',
  'SelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSelectOrAntiSemiApply',
  'ConditionalApply',
  'AntiConditionalApply',
  'RollUpApply',
  'CartesianProduct',
  'NodeHashJoin',
  'ValueHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'Union',
  'OrderedUnion',
  'Optional',
  'Anti',
  // shaping rows
  'Filter',
  'Projection',
  'CacheProperties',
  'Unwind',
  'Distinct',
  'OrderedDistinct',
  'EagerAggregation',
  'OrderedAggregation',
  'Sort',
  'PartialSort',
  'Top',
  'PartialTop',
  'Limit',
  'ExhaustiveLimit',
  'Skip',
  'Eager',
  // calls, of the allow-listed procedures only (checked by name)
  'ProcedureCall',
]);

const MAX_QUERY_LENGTH = 10_000;
/** How long past its own timeout a query may take to answer before we stop waiting for Neo4j. */
const CLIENT_GRACE_MS = 2_000;

/** How long a query may run and how much it may return. */
export interface CypherLimits {
  timeoutMs: number;
  rowCap: number;
  maxBytes: number;
}

export interface CypherResult {
  columns: string[];
  rows: unknown[][];
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
  /** The row cap or the byte cap cut the result. */
  truncated: boolean;
}

/** One operator of a plan: "VarLengthExpand(Pruning,BFS,All)@neo4j" → VarLengthExpand on neo4j. */
function operatorOf(plan: Plan) {
  const at = plan.operatorType.lastIndexOf('@');
  const name = at < 0 ? plan.operatorType : plan.operatorType.slice(0, at);
  const paren = name.indexOf('(');
  return {
    name: paren < 0 ? name : name.slice(0, paren),
    database: at < 0 ? undefined : plan.operatorType.slice(at + 1),
    // ProcedureCall's details start with the procedure's name, as Neo4j resolved it.
    procedure: String(plan.arguments.Details ?? '')
      .split('(')[0]
      ?.trim(),
  };
}

/** Every operator of the plan, root first. */
function operatorsIn(plan: Plan): Plan[] {
  return [plan, ...plan.children.flatMap(operatorsIn)];
}

/** Throws FORBIDDEN naming the first operator, procedure or database the plan must not use. */
export function checkPlan(plan: Plan | false, database: string) {
  if (!plan) throw forbidden('Neo4j gave no plan for this query, so it cannot be checked');
  for (const operator of operatorsIn(plan).map(operatorOf)) {
    if (!ALLOWED_OPERATORS.has(operator.name))
      throw forbidden(`the plan uses operator ${operator.name}, which is not allowed here`);
    if (operator.database !== database)
      throw forbidden(`the query reads database ${operator.database}; only ${database} may be read here`);
    if (operator.name === 'ProcedureCall' && !ALLOWED_PROCEDURES.has(operator.procedure ?? ''))
      throw forbidden(
        `procedure ${operator.procedure} is not allowed (allowed: ${[...ALLOWED_PROCEDURES].join(', ')})`,
      );
  }
}

const codeOf = (error: unknown) => (error as { code?: string }).code ?? '';

/** Syntax errors and the like are the analyst's to fix: what Neo4j said (first line), without internals. */
const refusedByNeo4j = (error: unknown) =>
  badInput(`Neo4j refused the query: ${(error as Error).message.split('\n')[0]}`, { argument: 'query' });

/** What the check needs to know of the server, asked once per driver. */
interface ServerFacts {
  /** The database a session without a name reads (the server's default). */
  database: string;
  /** Functions from plugins (APOC and the like): some run Cypher of their own, which no plan shows. */
  pluginFunctions: string[];
}
const SERVER_FACTS = 'SHOW FUNCTIONS YIELD name, isBuiltIn WHERE NOT isBuiltIn RETURN name';
const serverFacts = new WeakMap<Database['driver'], Promise<ServerFacts>>();
function factsOf(db: Database): Promise<ServerFacts> {
  let facts = serverFacts.get(db.driver);
  if (!facts) {
    facts = db.withSession('READ', async (session) => {
      const { records, summary } = await session.run(SERVER_FACTS);
      return {
        database: summary.database.name ?? '',
        pluginFunctions: records.map((r) => String(r.get('name'))),
      };
    });
    facts.catch(() => serverFacts.delete(db.driver));
    serverFacts.set(db.driver, facts);
  }
  return facts;
}

/** Refuses anything whose plan is not a read of this database built from allow-listed operators. */
async function checkQuery(
  session: Session,
  facts: ServerFacts,
  query: string,
  params: Record<string, unknown>,
) {
  if (query.length > MAX_QUERY_LENGTH)
    throw badInput(`query is longer than ${MAX_QUERY_LENGTH} characters`, { argument: 'query' });
  if (facts.pluginFunctions.length) {
    throw forbidden(
      `this Neo4j has plugin functions (${facts.pluginFunctions.slice(0, 3).join(', ')}…), which can run Cypher no plan shows: analyst Cypher is off`,
    );
  }
  const { summary } = await session.run(`EXPLAIN ${query}`, toParams(params) as Record<string, unknown>);
  checkPlan(summary.plan, facts.database);
  if (summary.queryType !== 'r') throw forbidden('only read-only queries may run here');
}

/** Neo4j's errors for an analyst's query, as the analyst should see them. */
function typed(error: unknown, timedOut: () => Error): unknown {
  if (isGraphQLError(error)) return error;
  const code = codeOf(error);
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return timedOut();
  if (code.startsWith('Neo.ClientError.Security')) return forbidden('this query is not allowed');
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') {
    return badInput('the query needs more memory than Neo4j allows one transaction: narrow it', {
      argument: 'query',
    });
  }
  // Syntax, semantics, a procedure's own refusal (a bad full-text query): the query's to fix. A
  // terminated transaction, a bookmark of the request's that Neo4j rejects, and everything else keep
  // their own classification (see http/errors.ts).
  if (
    code.startsWith('Neo.ClientError.') &&
    code !== 'Neo.ClientError.Transaction.Terminated' &&
    !code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')
  ) {
    return refusedByNeo4j(error);
  }
  // The driver decodes values recursively: a list nested thousands deep overflows its stack.
  if (error instanceof RangeError)
    return badInput('the answer is nested too deeply to send', { argument: 'query' });
  return error;
}

/** Bytes a value takes in the JSON answer. */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/**
 * Runs a checked query: READ transaction, timeout, at most `rowCap` rows (and nodes, and
 * relationships) and about `maxBytes` of them; whatever a cap cuts is reported as `truncated`. At most
 * a few analyst queries run at once in this process (`db.cypherGate`), so they cannot take every
 * database slot from other readers.
 */
export async function runGuardedCypher(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  { timeoutMs, rowCap, maxBytes }: CypherLimits,
): Promise<CypherResult> {
  const timedOut = () => userError('TIMEOUT', `the query ran longer than ${timeoutMs} ms and was stopped`);
  const facts = await factsOf(db);
  // One query as the analyst sees it (its EXPLAIN and the lookup of relationship ends included).
  db.queryCount++;
  let open: Session | undefined;
  const run = db.cypherGate.run(() =>
    db.withSession('READ', async (session) => {
      open = session;
      try {
        await checkQuery(session, facts, query, params);
        // An explicit transaction, not executeRead: a query that failed for want of memory would only
        // fail again, so nothing is retried.
        const tx = session.beginTransaction({
          timeout: timeoutMs,
          metadata: { app: 'newsgraph', query: 'analyst.cypher' },
        });
        try {
          return await readCapped(tx, query, params, rowCap, maxBytes);
        } finally {
          await tx.close();
        }
      } catch (error) {
        throw typed(error, timedOut);
      }
    }),
  );
  // Neo4j's timeout cannot stop everything: a value nested thousands deep overflows Neo4j's own stack
  // while it sends the answer, and the connection then waits forever. Our own deadline answers, and
  // closes this query's session.
  let deadline: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      void open?.close().catch(() => {});
      reject(timedOut());
    }, timeoutMs + CLIENT_GRACE_MS);
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(deadline);
  }
}

type ReadTx = ReturnType<Session['beginTransaction']>;

async function readCapped(
  tx: ReadTx,
  query: string,
  params: Record<string, unknown>,
  rowCap: number,
  maxBytes: number,
): Promise<CypherResult> {
  const nodes = new Map<string, Node>();
  const relationships = new Map<string, Relationship>();
  let bytes = 0;
  let truncated = false;
  /** Adds what fits in the byte budget; false (and truncated) once something does not. */
  const spend = (size: number) => {
    if (bytes + size > maxBytes) truncated = true;
    else bytes += size;
    return !truncated;
  };
  /** One row can hold a whole collect(): nodes and relationships are capped like rows. */
  const fits = (found: Map<string, unknown>) => {
    if (found.size >= rowCap) truncated = true;
    return !truncated;
  };
  const collect = (value: unknown): void => {
    if (neo4j.isNode(value)) {
      if (!nodes.has(value.elementId) && fits(nodes) && spend(jsonBytes(toPlain(value.properties))))
        nodes.set(value.elementId, value);
    } else if (neo4j.isRelationship(value)) {
      if (
        !relationships.has(value.elementId) &&
        fits(relationships) &&
        spend(jsonBytes(toPlain(value.properties)))
      )
        relationships.set(value.elementId, value);
    } else if (neo4j.isPath(value)) {
      for (const segment of value.segments)
        [segment.start, segment.relationship, segment.end].forEach(collect);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };

  const result = tx.run(query, toParams(params) as Record<string, unknown>);
  const rows: unknown[][] = [];
  for await (const record of result) {
    const row = record.keys.map((k) => toPlain(record.get(k)));
    if (rows.length === rowCap || !spend(jsonBytes(row))) {
      truncated = true;
      break;
    }
    rows.push(row);
    record.forEach(collect);
    if (truncated) break;
  }
  const columns = (await result.keys()) as string[];
  // Relationship ends the query did not return itself: look their keys and labels up.
  const missing = [...relationships.values()]
    .flatMap((r) => [r.startNodeElementId, r.endNodeElementId])
    .filter((id) => !nodes.has(id));
  if (missing.length) {
    const ends = await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', {
      ids: [...new Set(missing)],
    });
    for (const r of ends.records) collect(r.get('n'));
  }
  const plainNode = (n: Node) => ({
    ...(toPlain(n.properties) as Record<string, unknown>),
    _labels: n.labels,
  });
  // Only nodes of the API's types become graph objects (a Draft, say, stays in the rows).
  const isApiNode = (n: Node | undefined) =>
    typeof n?.properties.key === 'string' && n.labels.some((l) => API_LABELS.includes(l));
  const keyed = [...nodes.values()].filter(isApiNode);
  return {
    columns,
    rows,
    nodes: keyed.map((n) => toNodeRecord(plainNode(n))),
    relationships: [...relationships.values()].flatMap((r) => {
      const from = nodes.get(r.startNodeElementId);
      const to = nodes.get(r.endNodeElementId);
      if (!from || !to || !isApiNode(from) || !isApiNode(to)) return [];
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
}

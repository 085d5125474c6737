import type { Plan } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PROCEDURES, checkPlan } from '../../src/queries/cypher.js';

/** One operator of a plan as the driver gives it (`summary.plan` of an EXPLAIN). */
const op = (operatorType: string, children: Plan[] = [], details?: string): Plan => ({
  operatorType,
  identifiers: [],
  arguments: details === undefined ? {} : { Details: details },
  children,
});

/** The FORBIDDEN error checkPlan throws, or nothing. */
function refusal(plan: Plan | false, database = 'neo4j') {
  try {
    checkPlan(plan, database);
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { message, code: extensions.code };
  }
  return null;
}

const forbidden = (message: string) => ({ message, code: 'FORBIDDEN' });

// MATCH (p:Person)-[:AFFILIATED_WITH]->(o) RETURN p.name, count(o) ORDER BY p.name LIMIT 10
const READ_PLAN = op('ProduceResults@neo4j', [
  op('Top@neo4j', [
    op('EagerAggregation@neo4j', [
      op(
        'Expand(All)@neo4j',
        [op('NodeByLabelScan@neo4j', [], 'p:Person')],
        '(p)-[anon_0:AFFILIATED_WITH]->(o)',
      ),
    ]),
  ]),
]);

const fulltext = (procedure: string) =>
  op('ProduceResults@neo4j', [
    op('ProcedureCall@neo4j', [], `${procedure}($autostring_0, $query) :: (node :: NODE, score :: FLOAT)`),
  ]);

describe('the plan check of analyst Cypher', () => {
  it('passes a read of this database built from allowed operators', () => {
    expect(refusal(READ_PLAN)).toBeNull();
  });

  it('reads operator names without their variant and database suffixes', () => {
    const plan = op('ProduceResults@neo4j', [
      op('VarLengthExpand(Pruning,BFS,All)@neo4j', [op('NodeUniqueIndexSeek(Locking)@neo4j')]),
    ]);
    expect(refusal(plan)).toBeNull();
  });

  it('passes a call of an allowed procedure', () => {
    expect(ALLOWED_PROCEDURES.has('db.index.fulltext.queryNodes')).toBe(true);
    expect(refusal(fulltext('db.index.fulltext.queryNodes'))).toBeNull();
    expect(refusal(op('ProcedureCall@neo4j', [], 'db.labels() :: (label :: STRING)'))).toBeNull();
  });

  it('refuses LOAD CSV, naming the operator', () => {
    const plan = op('ProduceResults@neo4j', [op('LoadCSV@neo4j', [], 'line')]);
    expect(refusal(plan)).toEqual(forbidden('the plan uses operator LoadCSV, which is not allowed here'));
  });

  it('refuses a write anywhere in the plan, naming the operator', () => {
    const plan = op('ProduceResults@neo4j', [
      op('EmptyResult@neo4j', [op('Create@neo4j', [], "(anon_0:Person {key: 'person/intruder'})")]),
    ]);
    expect(refusal(plan)).toEqual(forbidden('the plan uses operator EmptyResult, which is not allowed here'));
    expect(refusal(op('Projection@neo4j', [op('Create@neo4j')]))).toEqual(
      forbidden('the plan uses operator Create, which is not allowed here'),
    );
    expect(refusal(op('ProduceResults@neo4j', [op('SetProperty@neo4j', [READ_PLAN])]))).toEqual(
      forbidden('the plan uses operator SetProperty, which is not allowed here'),
    );
  });

  it('refuses a procedure off the allow-list, naming it and the allowed ones', () => {
    expect(refusal(op('ProcedureCall@neo4j', [], "db.createLabel('Intruder')"))).toEqual(
      forbidden(
        'procedure db.createLabel is not allowed (allowed: db.labels, db.relationshipTypes, db.propertyKeys, db.schema.visualization, db.index.fulltext.queryNodes, db.index.fulltext.queryRelationships)',
      ),
    );
    expect(refusal(fulltext('dbms.killQuery'))?.message).toMatch(/^procedure dbms\.killQuery is not allowed/);
    expect(refusal(op('ProcedureCall@neo4j'))?.message).toMatch(/^procedure {2}is not allowed/);
  });

  it('refuses an operator on another database', () => {
    const plan = op('ProduceResults@system', [op('AllNodesScan@system')]);
    expect(refusal(plan)).toEqual(forbidden('the query reads database system; only neo4j may be read here'));
    expect(refusal(op('ProduceResults@neo4j', [op('NodeByLabelScan@archive')]))).toEqual(
      forbidden('the query reads database archive; only neo4j may be read here'),
    );
    expect(refusal(op('ProduceResults@neo4j'), 'newsgraph')).toEqual(
      forbidden('the query reads database neo4j; only newsgraph may be read here'),
    );
  });

  it('refuses an operator that names no database, since it cannot tell which one it reads', () => {
    expect(refusal(op('ProduceResults'))).toEqual(
      forbidden('the query reads database undefined; only neo4j may be read here'),
    );
  });

  it('refuses a query Neo4j gave no plan for', () => {
    expect(refusal(false)).toEqual(forbidden('Neo4j gave no plan for this query, so it cannot be checked'));
  });
});

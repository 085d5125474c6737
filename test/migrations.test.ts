import { describe, expect, it } from 'vitest';
import { isMigrated, MIGRATIONS, migrate } from '../src/db/migrations.js';
import { useTestGraph } from './helpers.js';

const { db, count } = useTestGraph();

async function schemaSnapshot() {
  const indexes = await db.read(
    'test.indexes',
    'SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state',
  );
  const constraints = await db.read(
    'test.constraints',
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties',
  );
  return { indexes, constraints };
}

describe('migrations', () => {
  it('create every index and constraint, and a second run changes nothing', async () => {
    const before = await schemaSnapshot();
    const { created } = await migrate(db);
    expect(created).toEqual([]);
    expect(await schemaSnapshot()).toEqual(before);
    expect(await isMigrated(db)).toBe(true);
    const names = before.indexes.map((i) => i.name);
    for (const m of MIGRATIONS.filter((step) => !step.data)) expect(names).toContain(m.name);
  });

  it('fill in the sort value of events written before it existed, undated ones last', async () => {
    await db.write('test', (run) =>
      run(
        'create',
        `CREATE (:Entity:Event {key: 'event/old', name: 'Old', startEarliest: '1988-02-01'}),
                (:Entity:Event {key: 'event/undated', name: 'Undated'})`,
      ),
    );
    await migrate(db);
    const rows = await db.read(
      'test.order',
      "MATCH (n:Event) WHERE n.key IN ['event/old', 'event/undated'] RETURN n.key AS key, n.startOrder AS startOrder ORDER BY key",
    );
    expect(rows).toEqual([
      { key: 'event/old', startOrder: '1988-02-01|event/old' },
      { key: 'event/undated', startOrder: '9999-12-31|event/undated' },
    ]);
  });

  it('fill in the date order of statements written before it existed, in batches, undated ones last', async () => {
    // More statements than one batch of the fill (10,000), so that it has to run again.
    await db.write('test', (run) =>
      run(
        'create',
        `UNWIND range(1, 10001) AS i
         CREATE (:Statement {key: 'statement/old-' + i, dateEarliest: CASE WHEN i = 1 THEN null ELSE '2015-01-01' END})`,
      ),
    );
    await migrate(db);
    const [row] = await db.read(
      'test.order',
      `MATCH (n:Statement) WHERE n.key STARTS WITH 'statement/old-'
       RETURN count(n.dateOrder) AS filled, [n IN collect(n) WHERE n.key = 'statement/old-1' | n.dateOrder][0] AS undated,
              collect(DISTINCT n.dateOrder) AS orders`,
    );
    expect(row?.filled).toBe(10001);
    expect(row?.undated).toBe('0000-00-00');
    expect([...((row?.orders ?? []) as string[])].sort()).toEqual(['0000-00-00', '2015-01-01']);
  });

  it('reject a second node with the same key', async () => {
    await db.write('test', (run) => run('create', "CREATE (:Entity:Person {key: 'person/same', name: 'A'})"));
    const error = await db
      .write('test', (run) => run('create', "CREATE (:Entity:Person {key: 'person/same', name: 'B'})"))
      .catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
    expect(await count("MATCH (p:Person {key: 'person/same'}) RETURN count(p)")).toBe(1);
  });

  it('index names and aliases for case- and accent-insensitive full-text search', async () => {
    await db.write('test', (run) =>
      run(
        'create',
        "CREATE (:Entity:Person {key: 'person/bako-sahakian', name: 'Bako Sahakian', aliases: ['Sahakyan']})",
      ),
    );
    const hits = await db.read(
      'test.search',
      "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.key AS key",
      { q: 'SAHAKIÁN' },
    );
    expect(hits.map((h) => h.key)).toEqual(['person/bako-sahakian']);
  });
});

import { describe, expect, it } from 'vitest';
import { type Any, SOURCE_KEY, useArticleGraph } from './helpers.js';

const { gql, count } = useArticleGraph();

describe('concurrent writes', () => {
  it('50 concurrent upserts of one key make exactly one node', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql<Any>('mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key } }', {
          input: { key: 'person/contested', name: 'Contested Person', aliases: [`alias ${i % 3}`] },
        }),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await count("MATCH (p:Person {key: 'person/contested'}) RETURN count(p)")).toBe(1);
  });

  it('20 concurrent identical addStatement calls make one statement with one set of links', async () => {
    const input = {
      kind: 'DIRECT_QUOTE',
      text: 'We must be united to prove that we are stronger.',
      speaker: 'person/bako-sahakian',
      onBehalfOf: ['organisation/artsakh-republic'],
      about: ['organisation/artsakh-republic'],
      evidence: [{ source: SOURCE_KEY, quote: 'We must be united to prove that we are stronger.' }],
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        gql<Any>('mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }', { input }),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data?.addStatement.id)).size).toBe(1);
    expect(
      await count("MATCH (s:Statement)-[:SAID_BY]->(:Person {key: 'person/bako-sahakian'}) RETURN count(s)"),
    ).toBe(2);
    expect(
      await count(`MATCH (s:Statement)-[r]->() WHERE (s)-[:SAID_BY]->(:Person {key: 'person/bako-sahakian'})
        AND s.text STARTS WITH 'We must be united' RETURN count(r)`),
    ).toBe(4);
  });
});

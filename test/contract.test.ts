import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Any, ARTICLE, useArticleGraph } from './helpers.js';

const { gql, count } = useArticleGraph();

/** A contract operation exactly as the contract states it (copied from the contract, unchanged). */
const operation = (file: string) => fs.readFileSync(new URL(`./contract/${file}`, import.meta.url), 'utf8');

async function run(file: string, variables?: Record<string, unknown>, operationName?: string) {
  const result = await gql<Any>(operation(file), variables, operationName);
  expect(result.errors).toBeUndefined();
  return result.data as Any;
}

async function idOf(key: string): Promise<string> {
  const result = await gql<Any>('query ($key: String!) { entity(key: $key) { id } }', { key });
  return result.data?.entity.id;
}

describe('the contract operations, on the article graph', () => {
  it('01: who David Babayan spoke for, to whom, about what, and where it is reported', async () => {
    const { entity } = await run('01-babayan-speaks-for-artsakh.graphql');
    expect(entity.name).toBe('David Babayan');
    expect(entity.affiliations.edges.map((e: Any) => e.node)).toEqual([
      {
        role: 'Presidential spokesman',
        organisation: { key: 'organisation/artsakh-republic', name: 'Artsakh Republic' },
      },
    ]);
    expect(entity.statements.totalCount).toBe(12);
    for (const { node } of entity.statements.edges) {
      expect(node.onBehalfOf).toEqual([{ key: 'organisation/artsakh-republic', name: 'Artsakh Republic' }]);
      expect(node.date).toEqual({ iso: '2015-01', precision: 'MONTH' });
      for (const e of node.evidence) {
        expect(e.excerpt).toBe(ARTICLE.slice(e.start, e.end));
        expect(e.source.title).toBe('Artsakh Lawmakers Condemn Baku Pogroms');
      }
    }
    const texts = entity.statements.edges.map((e: Any) => e.node.text);
    expect(texts).toContain('The Nagorno Karabakh Republic has applied to the OSCE');
  });

  it('02: ranks names and aliases for "Artsakh", best first', async () => {
    const { search } = await run('02-search.graphql');
    const keys = search.edges.map((e: Any) => e.node.entity.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'organisation/artsakh-republic',
        'place/nagorno-karabakh',
        'organisation/national-assembly-of-artsakh',
      ]),
    );
    expect(search.totalCount).toBe(keys.length);
    const scores = search.edges.map((e: Any) => e.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(search.edges[0].node.entity.__typename).toMatch(/Organisation|Place/);
  });

  it('03: events in Baku with their dates at month precision and what was said about them', async () => {
    const { entity } = await run('03-events-in-baku.graphql');
    expect(entity.name).toBe('Baku');
    expect(entity.events.edges.map((e: Any) => e.node.key)).toEqual([
      'event/baku-pogrom-1990',
      'event/displacement-of-armenians-from-baku-1990',
    ]);
    const pogrom = entity.events.edges[0].node;
    expect(pogrom.start).toEqual({
      iso: '1990-01',
      precision: 'MONTH',
      earliest: '1990-01-01',
      latest: '1990-01-31',
    });
    expect(pogrom.statementsAbout.totalCount).toBe(6);
    expect(pogrom.statementsAbout.edges).toHaveLength(5);
    for (const { node } of pogrom.statementsAbout.edges)
      expect(node.speaker.name).toBe('National Assembly of Artsakh');
    const displacement = entity.events.edges[1].node;
    expect(displacement.participants.edges).toEqual([
      { node: { role: 'PARTICIPANT', entity: { key: 'organisation/soviet-army', name: 'Soviet Army' } } },
    ]);
  });

  it('04: statements addressed to the OSCE, with the reported speech chain', async () => {
    const { entity } = await run('04-addressed-to-osce.graphql');
    const nodes = entity.statementsAddressedTo.edges.map((e: Any) => e.node);
    expect(nodes.map((n: Any) => n.speaker.key).sort()).toEqual([
      'organisation/national-assembly-of-artsakh',
      'person/bako-sahakian',
    ]);
    const told = nodes.find((n: Any) => n.speaker.key === 'person/bako-sahakian');
    expect(told.reportedBy).toEqual([{ speaker: { name: 'David Babayan' } }]);
    expect(told.reports).toBeNull();
  });

  it('05: connects the spokesman to the OSCE envoy, and shows the legislature’s neighbourhood', async () => {
    const variables = {
      from: await idOf('person/david-babayan'),
      to: await idOf('person/andrzej-kasprzyk'),
      centre: await idOf('organisation/national-assembly-of-artsakh'),
    };
    const { path, neighbourhood } = await run('05-path-and-neighbourhood.graphql', variables);
    // The spokesman's relay of the president's words is about the envoy.
    expect(path.length).toBe(2);
    expect(path.nodes[1].__typename).toBe('Statement');
    expect(path.nodes[0]).toMatchObject({ id: variables.from, name: 'David Babayan' });
    expect(path.nodes.at(-1)).toMatchObject({ id: variables.to, name: 'Andrzej Kasprzyk' });
    path.relationships.forEach((r: Any, i: number) => {
      expect([r.from, r.to].sort()).toEqual([path.nodes[i].id, path.nodes[i + 1].id].sort());
    });
    expect(neighbourhood.nodes.length).toBeLessThanOrEqual(50);
    const names = neighbourhood.nodes.map((n: Any) => n.name).filter(Boolean);
    expect(names).toEqual(
      expect.arrayContaining([
        'National Assembly of Artsakh',
        'Stepanakert',
        'Artsakh Republic',
        'Organization for Security and Co-operation in Europe',
      ]),
    );
  });

  it('06: the 1985–1995 timeline, oldest first', async () => {
    const { events } = await run('06-timeline.graphql');
    expect(events.totalCount).toBe(4);
    expect(events.edges.map((e: Any) => [e.node.key, e.node.start.iso, e.node.end?.iso ?? null])).toEqual([
      ['event/sumgait-pogrom-1988', '1988', null],
      ['event/baku-pogrom-1990', '1990-01', null],
      ['event/displacement-of-armenians-from-baku-1990', '1990-01', null],
      ['event/operation-ring-1991', '1991-04', '1991-08'],
    ]);
    expect(events.edges[3].node.places).toEqual([{ name: 'Nagorno-Karabakh' }]);
  });

  it('07: the write round trip, twice, changes nothing the second time', async () => {
    const variables = {
      source: { key: 'source/roundtrip-note', title: 'A note', text: 'Anna Example said the sky is green.' },
      person: { key: 'person/anna-example', name: 'Anna Example', aliases: ['A. Example'] },
      statement: {
        kind: 'PARAPHRASE',
        text: 'The sky is green.',
        speaker: 'person/anna-example',
        evidence: [{ source: 'source/roundtrip-note', quote: 'the sky is green' }],
      },
    };
    const totals = () => count('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(n) + count(r)');
    const runAll = async () => [
      await run('07-write-roundtrip.graphql', variables, 'AddSource'),
      await run('07-write-roundtrip.graphql', variables, 'UpsertPerson'),
      await run('07-write-roundtrip.graphql', variables, 'AddStatement'),
    ];
    const first = await runAll();
    const after = await totals();
    const second = await runAll();
    expect(second).toEqual(first);
    expect(await totals()).toBe(after);
    expect(first[2]?.addStatement).toMatchObject({
      kind: 'PARAPHRASE',
      speaker: { key: 'person/anna-example' },
      evidence: [{ start: 18, end: 34, excerpt: 'the sky is green' }],
    });
  });
});

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphLookup } from '../src/queries/ingest.js';
import { seedGraph } from '../src/testing.js';
import { useTestGraph } from './helpers.js';
import { evaluateSet, SET_DIR } from './unit/ingest/goldset.js';

const { db, driver } = useTestGraph();
beforeAll(() => seedGraph(driver, path.join(SET_DIR, 'known.json'), db.database));

describe('ingestion against the graph', () => {
  it('finds known entities through the full-text index, by name, alias and surname, folding case and accents', async () => {
    const lookup = graphLookup(db);
    const found = await lookup([
      'Maria Kessler',
      'freedonian foreign ministry',
      'KESSLER',
      'María Késsler',
      'Nobody Atall',
    ]);
    expect(found.get('Maria Kessler')?.[0]).toMatchObject({
      entity: { key: 'person/maria-kessler', label: 'Person' },
      score: 1,
    });
    expect(found.get('freedonian foreign ministry')?.[0]?.score).toBe(1);
    expect(
      found
        .get('KESSLER')
        ?.map((c) => c.entity.key)
        .sort(),
    ).toEqual(['person/maria-kessler', 'person/tomas-kessler']);
    expect(found.get('María Késsler')?.[0]?.entity.key).toBe('person/maria-kessler');
    expect(found.get('Nobody Atall') ?? []).toEqual([]);
  });

  it('reaches the targets on the labelled set with the graph as its lookup', async () => {
    const { overall } = await evaluateSet([], () => graphLookup(db));
    expect(overall.evidenceMismatches).toBe(0);
    expect(overall.speakers.direct.f1).toBeGreaterThanOrEqual(0.85);
    expect(overall.speakers.reported.f1).toBeGreaterThanOrEqual(0.7);
    expect(overall.entities.f1).toBeGreaterThanOrEqual(0.85);
  });
});

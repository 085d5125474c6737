import { describe, expect, it } from 'vitest';
import { lookupFrom, scoreName } from '../../../src/ingest/lookup.js';
import type { KnownEntity } from '../../../src/ingest/types.js';

const maria: KnownEntity = { key: 'person/maria', label: 'Person', name: 'María López', aliases: [] };
const ministry: KnownEntity = {
  key: 'organisation/mfa',
  label: 'Organisation',
  name: 'Ministry of Foreign Affairs',
  aliases: ['Foreign Ministry'],
};
const hague: KnownEntity = { key: 'place/the-hague', label: 'Place', name: 'The Hague', aliases: [] };

describe('lookupFrom', () => {
  it('scores an exact name or alias 1, ignoring case and accents', () => {
    expect(scoreName('maria lopez', maria)).toBe(1);
    expect(scoreName('FOREIGN MINISTRY', ministry)).toBe(1);
  });

  it('scores a name without its leading "the" just below an exact match', () => {
    expect(scoreName('Hague', hague)).toBe(0.95);
  });

  it('scores a surname below the linking threshold of a full name, and partial names lower still', () => {
    expect(scoreName('Lopez', maria)).toBe(0.7);
    expect(scoreName('Foreign Affairs', ministry)).toBeLessThanOrEqual(0.5);
    expect(scoreName('Paris', ministry)).toBe(0);
  });

  it('answers every surface in one call, best candidates first', async () => {
    const both: KnownEntity = {
      key: 'organisation/lopez',
      label: 'Organisation',
      name: 'Lopez',
      aliases: [],
    };
    const found = await lookupFrom([maria, both])(['Lopez', 'nobody']);
    expect(found.get('Lopez')?.map((c) => [c.entity.key, c.score])).toEqual([
      ['organisation/lopez', 1],
      ['person/maria', 0.7],
    ]);
    expect(found.get('nobody')).toEqual([]);
  });
});

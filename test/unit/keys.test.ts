import { describe, expect, it } from 'vitest';
import { endpointOfKeyOrId, fromGlobalId, toGlobalId } from '../../src/model/globalId.js';
import { lookupLabel, slugOf, typeOfKey } from '../../src/model/keys.js';

describe('keys and ids', () => {
  it('names the type of a key by its prefix, and nothing for a prefix that is not ours', () => {
    expect(typeOfKey('person/david-babayan')).toBe('Person');
    expect(typeOfKey('statement/abc')).toBe('Statement');
    expect(typeOfKey('widget/x')).toBeNull();
    expect(typeOfKey('constructor/x')).toBeNull();
  });

  it('looks entities up by the Entity label, statements and sources by their own', () => {
    expect(lookupLabel('Place')).toBe('Entity');
    expect(lookupLabel('Source')).toBe('Source');
    expect(lookupLabel('PageInfo')).toBeNull();
  });

  it('round-trips a global id and refuses one whose key does not match its type', () => {
    const id = toGlobalId('Person', 'person/david-babayan');
    expect(id).toBe('UGVyc29uOnBlcnNvbi9kYXZpZC1iYWJheWFu');
    expect(fromGlobalId(id)).toEqual({ type: 'Person', key: 'person/david-babayan' });
    expect(() => fromGlobalId(toGlobalId('Place', 'person/david-babayan'))).toThrow('is not a valid id');
    expect(() => fromGlobalId('not an id')).toThrow('is not a valid id');
  });

  it('takes a key or an id where exports name a node', () => {
    expect(endpointOfKeyOrId('source/asbarez', 'centre')).toEqual({ label: 'Source', key: 'source/asbarez' });
    expect(endpointOfKeyOrId(toGlobalId('Event', 'event/x'), 'centre')).toEqual({
      label: 'Entity',
      key: 'event/x',
    });
  });

  it('makes a slug of a name for a new key: folded to ASCII words, whole words up to the length', () => {
    expect(slugOf('Marek Halloran')).toBe('marek-halloran');
    expect(slugOf("Ministère de l'Économie — Paris")).toBe('ministere-de-l-economie-paris');
    expect(slugOf('Freedonia and Sylvania End Geneva Talks', 30)).toBe('freedonia-and-sylvania-end');
    expect(slugOf('Donaudampfschifffahrtsgesellschaft', 10)).toBe('donaudampf');
    expect(slugOf('Սահակյան')).toBe('');
  });
});

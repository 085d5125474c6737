import { describe, expect, it } from 'vitest';
import { entity, mentionsBy, run } from './fixtures.js';

describe('mentions', () => {
  it('links a known name and keeps connectors inside a name', async () => {
    const text = 'Officials at the Ministry of Foreign Affairs of Freedonia met on Monday.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('organisation/foreign-ministry')).toEqual([
      'Ministry of Foreign Affairs of Freedonia',
    ]);
    // The longest match wins over its parts: Freedonia inside the ministry's name is no mention of its own.
    expect(mentionsBy(x, text).has('place/freedonia')).toBe(false);
  });

  it('skips sentence-initial function words, months and weekdays', async () => {
    const text = 'In March, Meanwhile and Tuesday meant nothing. The Health Ministry said so.';
    const x = await run(text);
    expect([...mentionsBy(x, text).values()].flat()).toEqual(['Health Ministry']);
  });

  it('links a surname to the person named in full earlier in the article, before asking the graph', async () => {
    const text = 'Tomas Kessler runs the company. Kessler said profits rose.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('person/tomas-kessler')).toEqual(['Tomas Kessler', 'Kessler']);
    expect(mentionsBy(x, text).has('person/maria-kessler')).toBe(false);
  });

  it('links a surname met on its own to the one known person who has it', async () => {
    const text = 'Dragomir arrived late.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('person/ivan-dragomir')).toEqual(['Dragomir']);
  });

  it('makes a new person of an unknown full name and links the surname to them', async () => {
    const text = 'Hanna Berg, head of paediatrics, spoke first. Berg said more beds were needed.';
    const x = await run(text);
    const berg = x.entities.find((e) => e.name === 'Hanna Berg');
    expect(berg).toMatchObject({ label: 'Person', link: null });
    expect(x.mentions.filter((m) => m.entity === berg?.id).map((m) => text.slice(m.start, m.end))).toEqual([
      'Hanna Berg',
      'Berg',
    ]);
  });

  it('drops titles and honorifics from names', async () => {
    const text = 'Health Minister Henrik Brandt and Dr Anna Holm met Mr Sandell.';
    const x = await run(text);
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Henrik Brandt', 'Anna Holm']));
    expect(names.some((n) => /Minister|Dr/.test(n))).toBe(false);
  });

  it('tells a city from its football club by context', async () => {
    const text =
      'Dunmere won 2-1 on Saturday. Fans travelled from Dunmere by coach. Dunmere coach Frank Adler smiled.';
    const x = await run(text);
    const byMention = x.mentions
      .filter((m) => text.slice(m.start, m.end) === 'Dunmere')
      .map((m) => entity(x, m.entity).link?.key);
    expect(byMention).toEqual([
      'organisation/dunmere-athletic',
      'place/dunmere',
      'organisation/dunmere-athletic',
    ]);
  });

  it('takes the place whose own name it is when the context says nothing', async () => {
    const text = 'DUNMERE — Measles cases have risen. Schools near Dunmere closed.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('place/dunmere')).toEqual(['DUNMERE', 'Dunmere']);
  });

  it('labels new names by keyword, compromise and context, with a location for new cities', async () => {
    const text = 'The Baltic Marine Works signed a deal with officials in Lyon on the Ostra Cup.';
    const x = await run(text);
    const byName = new Map(x.entities.map((e) => [e.name, e]));
    expect(byName.get('Baltic Marine Works')?.label).toBe('Organisation');
    expect(byName.get('Ostra Cup')?.label).toBe('Event');
    const lyon = byName.get('Lyon');
    expect(lyon?.label).toBe('Place');
    expect(lyon?.location?.latitude).toBeCloseTo(45.75, 1);
    expect(lyon?.location?.longitude).toBeCloseTo(4.85, 1);
  });

  it('keeps a new name whole even when a part of it is known', async () => {
    const text = 'He spoke at the University of Dunmere and the Port Arlen District Court.';
    const x = await run(text);
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['University of Dunmere', 'Port Arlen District Court']));
    expect(x.entities.some((e) => e.link)).toBe(false);
  });

  it('does not take demonyms or a headline’s capitals for names', async () => {
    const text =
      'Freedonian Farmers Brace for Old Town Trouble\n\nFreedonian farmers in Freedonia are worried.';
    const x = await run(text);
    expect(x.entities.map((e) => e.name)).toEqual(['Freedonia']);
  });

  it('gives mention spans that cut their own words, no punctuation or possessive at the edges', async () => {
    const text = '“Kessler’s plan,” said the Freedonian Foreign Ministry’s (Freedonia) spokesman.';
    const x = await run(text);
    expect(x.mentions.map((m) => text.slice(m.start, m.end))).toEqual([
      'Kessler',
      'Freedonian Foreign Ministry',
      'Freedonia',
    ]);
  });

  it('refers to a new organisation by its short form, and finds a headline’s names once the body has them', async () => {
    const text =
      'Dunmere Stun Varno Rovers in Geneva Talks\n\nDunmere Athletic beat Varno Rovers after extra time. Rovers striker Luka Maric scored before the Geneva talks.';
    const x = await run(text);
    const by = mentionsBy(x, text);
    expect(by.get('Varno Rovers')).toEqual(['Varno Rovers', 'Varno Rovers', 'Rovers']);
    expect(by.get('Geneva talks')).toEqual(['Geneva Talks', 'Geneva talks']);
    expect(x.entities.find((e) => e.name === 'Varno Rovers')?.label).toBe('Organisation');
    expect(x.entities.find((e) => e.name === 'Geneva talks')?.label).toBe('Event');
  });
});

describe('names in round 2 of the labelled set', () => {
  it('makes a new person of a first name before a known surname, and links the surname to them', async () => {
    const text =
      'Sofia Dragomir, a chemist at the University of Dunmere, disagreed. Dragomir said the samples were clean.';
    const x = await run(text);
    const by = mentionsBy(x, text);
    expect(by.get('Sofia Dragomir')).toEqual(['Sofia Dragomir', 'Dragomir']);
    expect(by.has('person/ivan-dragomir')).toBe(false);
  });

  it('labels a name after an organisation’s class noun as one organisation, even holding a known name', async () => {
    const text =
      'The union Dock Workers Freedonia wrote to the journal Harbour Science Letters and to the water company, Aqua Dunmere.';
    const x = await run(text);
    const organisations = x.entities.filter((e) => e.label === 'Organisation').map((e) => e.name);
    expect(organisations).toEqual(['Dock Workers Freedonia', 'Harbour Science Letters', 'Aqua Dunmere']);
    expect(x.entities.filter((e) => e.link)).toEqual([]);
  });

  it('labels as an organisation the name before a role and a person: "X spokesman Y"', async () => {
    const text = 'The depot was empty. Kalda Logistics spokesman Mark Tobin declined to comment.';
    const x = await run(text);
    expect(x.entities.find((e) => e.name === 'Kalda Logistics')?.label).toBe('Organisation');
    expect(x.entities.find((e) => e.name === 'Mark Tobin')?.label).toBe('Person');
  });

  it('takes a known city with a team word, acting, for a new club', async () => {
    const text = 'The season was long. Port Arlen City sacked their coach on Sunday.';
    const x = await run(text);
    expect(x.entities.map((e) => [e.name, e.label, e.link?.key ?? null])).toEqual([
      ['Port Arlen City', 'Organisation', null],
    ]);
  });

  it('takes a name that owns a place noun ("Dunmere’s industrial zone") for the place', async () => {
    const text = 'Three fires broke out in Dunmere’s industrial zone overnight.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('place/dunmere')).toEqual(['Dunmere']);
  });

  it('drops police ranks before a name as titles', async () => {
    const text = 'Inspector Carla Ruiz said the fire had been started deliberately.';
    const x = await run(text);
    expect(mentionsBy(x, text).get('Carla Ruiz')).toEqual(['Carla Ruiz']);
  });

  it('labels an unknown upper-case dateline a place', async () => {
    const text = 'KORSA — The fund sold its stake on Monday.';
    const x = await run(text);
    expect(x.entities.map((e) => [e.name, e.label])).toEqual([['KORSA', 'Place']]);
  });
});

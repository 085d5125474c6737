import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/ingest/extract.js';
import { entity, evidenceOf, lookup, run, speakerOf, statementStarting } from './fixtures.js';

describe('direct quotes', () => {
  it('attributes a quote to the speaker named after it', async () => {
    const text = '“We have listened carefully to everyone,” Dragomir told reporters on Tuesday.';
    const x = await run(text);
    const s = statementStarting(x, text, 'We have listened');
    expect(s).toMatchObject({ kind: 'DIRECT_QUOTE', method: 'quote:said-after', date: '2024-03-12' });
    expect(speakerOf(x, s)).toBe('person/ivan-dragomir');
    expect(evidenceOf(text, s)).toBe('We have listened carefully to everyone');
  });

  it('attributes a quote to an inverted speaker: “…,” said X', async () => {
    const text = '“We planted less wheat this year,” said Petra Novak, who farms near Dunmere.';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'We planted'))).toBe('Petra Novak');
  });

  it('attributes a quote to the speaker named before it: X said: “…”', async () => {
    const text = 'Maria Kessler said: “Freedonia will not accept any dam that leaves our farmers dry.”';
    const x = await run(text);
    const s = statementStarting(x, text, 'Freedonia will not');
    expect(s.method).toBe('quote:said-before');
    expect(speakerOf(x, s)).toBe('person/maria-kessler');
    expect(s.about.map((id) => entity(x, id).link?.key)).toEqual(['place/freedonia']);
  });

  it('does not take a few quoted words inside a sentence for a statement', async () => {
    const text = 'Dragomir called the attacks “unprecedented” in a speech.';
    const x = await run(text);
    expect(x.statements.filter((s) => s.kind === 'DIRECT_QUOTE')).toEqual([]);
  });

  it('resolves a pronoun speaker to the latest speaker or subject before it', async () => {
    const text =
      '“The talks will go on,” Dragomir said. Maria Kessler struck a harder tone. At the same news conference, she said: “Our farmers need the water we were promised.”';
    const x = await run(text);
    const s = statementStarting(x, text, 'Our farmers');
    expect(s.method).toBe('quote:said-before+pronoun');
    expect(speakerOf(x, s)).toBe('person/maria-kessler');
  });

  it('continues the previous speaker for a quotation with no attribution', async () => {
    const text =
      '“There is nothing to hide at all,” Dragomir said. “The study will show that the flow is protected.”';
    const x = await run(text);
    const s = statementStarting(x, text, 'The study will show');
    expect(s.method).toBe('continued');
    expect(speakerOf(x, s)).toBe('person/ivan-dragomir');
    expect(s.confidence).toBeLessThan(statementStarting(x, text, 'There is nothing').confidence);
  });

  it('makes one statement per paragraph of a quote continued across paragraphs, one speaker for all', async () => {
    const text =
      'Dragomir said: “The first part of what I have to say is this.\n\n“And the second part of it follows here.”\n\nThe end.';
    const x = await run(text);
    const quotes = x.statements.filter((s) => s.kind === 'DIRECT_QUOTE');
    expect(quotes.map((s) => evidenceOf(text, s))).toEqual([
      'The first part of what I have to say is this',
      'And the second part of it follows here',
    ]);
    expect(quotes.map((s) => speakerOf(x, s))).toEqual(['person/ivan-dragomir', 'person/ivan-dragomir']);
  });
});

describe('reported speech', () => {
  it('takes the clause after "said that" as a paraphrase dated by its attribution', async () => {
    const text = 'Dragomir said on Tuesday that his government would go ahead with the dam.';
    const x = await run(text);
    const s = statementStarting(x, text, 'his government');
    expect(s).toMatchObject({ kind: 'PARAPHRASE', method: 'paraphrase:said-that', date: '2024-03-12' });
    expect(evidenceOf(text, s)).toBe('his government would go ahead with the dam');
  });

  it('takes a clause after "said" without "that", past an apposition', async () => {
    const text =
      'Marek Halloran, a spokesman for the Freedonian Foreign Ministry, said the ministry would publish its study.';
    const x = await run(text);
    const s = statementStarting(x, text, 'the ministry would');
    expect(speakerOf(x, s)).toBe('Marek Halloran');
    expect(s.onBehalfOf.map((id) => entity(x, id).link?.key)).toEqual(['organisation/foreign-ministry']);
  });

  it('attributes "according to X, …" and "…, according to X" to X', async () => {
    const text =
      'According to the Freedonian Foreign Ministry, the two ministers agreed to meet again. Water levels have fallen to a record low, according to Dragomir, and farmers are worried.';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'the two ministers'))).toBe(
      'organisation/foreign-ministry',
    );
    const later = statementStarting(x, text, 'Water levels');
    expect(later.method).toBe('according-to');
    expect(speakerOf(x, later)).toBe('person/ivan-dragomir');
  });

  it('addresses "X told Y that …" to Y', async () => {
    const text = 'Maria Kessler told the Freedonia Herald that the company could no longer rely on exports.';
    const x = await run(text);
    const s = statementStarting(x, text, 'the company');
    expect(speakerOf(x, s)).toBe('person/maria-kessler');
    expect(s.addressedTo.map((id) => entity(x, id).link?.key)).toEqual(['organisation/herald']);
  });

  it('splits nested reported speech into two statements, the outer reporting the inner', async () => {
    const text = 'Dragomir said that Kessler had told him privately that Freedonia was ready to go to court.';
    const x = await run(text);
    const outer = statementStarting(x, text, 'Kessler had told him');
    const inner = statementStarting(x, text, 'Freedonia was ready');
    expect(speakerOf(x, outer)).toBe('person/ivan-dragomir');
    expect(speakerOf(x, inner)).toBe('person/maria-kessler');
    expect(outer.reports).toBe(inner.id);
    expect(inner.addressedTo.map((id) => entity(x, id).link?.key)).toEqual(['person/ivan-dragomir']);
  });

  it('reads relayed speech inside a quotation, "I" being the quoted speaker', async () => {
    const text = '“I told the players at half-time that nobody remembers the losers,” Ivan Dragomir said.';
    const x = await run(text);
    const quote = statementStarting(x, text, 'I told the players');
    const inner = statementStarting(x, text, 'nobody remembers');
    expect(speakerOf(x, inner)).toBe('person/ivan-dragomir');
    expect(quote.reports).toBe(inner.id);
  });

  it('attributes the clause before a closing "…, X said." and strips a dateline', async () => {
    const text =
      'PORT ARLEN — Three armed men robbed a jewellery shop on Tuesday morning, the Freedonian Foreign Ministry said.';
    const x = await run(text, '2024-03-27');
    const s = statementStarting(x, text, 'Three armed men');
    expect(s.method).toBe('paraphrase:clause-said');
    expect(speakerOf(x, s)).toBe('organisation/foreign-ministry');
    // "on Tuesday morning" is inside what was said: it does not date the statement.
    expect(s.date).toBeNull();
  });

  it('splits "say X but warn that Y" into two statements of the same speaker', async () => {
    const text = 'Analysts at Castell Bank say the price is fair but warn that the debt will be heavy.';
    const x = await run(text, '2024-03-15');
    const first = statementStarting(x, text, 'the price is fair');
    const second = statementStarting(x, text, 'the debt will be heavy');
    expect(evidenceOf(text, first)).toBe('the price is fair');
    expect(first.speaker).toBe(second.speaker);
    expect(first.date).toBe('2024-03-15');
  });

  it('does not take an agentless passive or a document for a statement', async () => {
    const text = 'Sandell is accused of steering contracts. Annual results showed a fall in profit.';
    const x = await run(text);
    expect(x.statements).toEqual([]);
  });
});

describe('speakers', () => {
  it('makes an unnamed speaker with the organisation its phrase names, never a guessed name', async () => {
    const text =
      'Cases have risen to 46, a Health Ministry spokeswoman said yesterday. A spokesman for the Freedonian Foreign Ministry said the talks had failed.';
    const x = await run(text, '2024-03-22');
    const first = statementStarting(x, text, 'Cases have risen');
    const spokeswoman = entity(x, first.speaker);
    expect(spokeswoman.unnamed?.description).toBe('Health Ministry spokeswoman');
    expect(entity(x, spokeswoman.unnamed?.organisation ?? '').link?.key).toBe('organisation/health-ministry');
    expect(first.onBehalfOf).toEqual([spokeswoman.unnamed?.organisation]);
    expect(first.date).toBe('2024-03-21');
    const second = entity(x, statementStarting(x, text, 'the talks had').speaker);
    expect(second.unnamed?.description).toBe('spokesman for the Freedonian Foreign Ministry');
    expect(entity(x, second.unnamed?.organisation ?? '').link?.key).toBe('organisation/foreign-ministry');
  });

  it('makes unnamed groups of people without an organisation', async () => {
    const text = 'Sources close to the talks said the delegations had disagreed over the reservoir.';
    const x = await run(text);
    const e = entity(x, statementStarting(x, text, 'the delegations').speaker);
    expect(e.unnamed).toEqual({ description: 'Sources close to the talks', organisation: null });
    expect(e.label).toBe('Person');
  });

  it('resolves "the council declared …" to the council met before, as an official address', async () => {
    const text =
      'Port Arlen City Council approved the line. In a resolution, the council declared the tram line a project of city-wide importance, which allows purchases.';
    const x = await run(text);
    const s = statementStarting(x, text, 'the tram line');
    expect(s.kind).toBe('OFFICIAL_ADDRESS');
    expect(speakerOf(x, s)).toBe('organisation/city-council');
    expect(evidenceOf(text, s)).toBe('the tram line a project of city-wide importance');
  });

  it('speaks on behalf of X for "Speaking on behalf of X, Y said"', async () => {
    const text =
      'Speaking on behalf of Maria Kessler, Peter Hall said: “The minister will answer every question.”';
    const x = await run(text);
    const s = statementStarting(x, text, 'The minister');
    expect(speakerOf(x, s)).toBe('Peter Hall');
    expect(s.onBehalfOf.map((id) => entity(x, id).link?.key)).toEqual(['person/maria-kessler']);
  });

  it('takes the name in an apposition before "had told" for the speaker', async () => {
    const text =
      'Dragomir said that the shop’s owner, Lidia Moreau, had told officers that two of the men had visited the shop.';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'two of the men'))).toBe('Lidia Moreau');
    expect(speakerOf(x, statementStarting(x, text, 'the shop’s owner'))).toBe('person/ivan-dragomir');
  });

  it('proposes stances only when asked to', async () => {
    const text = 'Maria Kessler condemned the latest attacks on the border villages.';
    expect((await run(text)).statements).toEqual([]);
    const x = await extract({ text, published: null, lookup }, { stance: true });
    expect(x.statements.map((s) => [s.method, speakerOf(x, s)])).toEqual([
      ['paraphrase:stance', 'person/maria-kessler'],
    ]);
  });
});

describe('attribution beyond the first sieves (round 2 of the labelled set)', () => {
  it('takes the name heading a chain of appositions for the speaker', async () => {
    const text =
      'Jan Novotny, chairman of the Dock Workers Union, the union that called the strike, told reporters that the walkout would continue.';
    const x = await run(text);
    const s = statementStarting(x, text, 'the walkout');
    expect(speakerOf(x, s)).toBe('Jan Novotny');
    expect(evidenceOf(text, s)).toBe('the walkout would continue');
  });

  it('attributes a quote to a speaker whose apposition stands before the verb: “…,” X, role of Y, said', async () => {
    const text =
      'The vote was close. “Nobody can rebuild the harbour alone,” Tomas Kessler, chief executive of the Harbour Energy Group, said on Monday.';
    const x = await run(text);
    const s = statementStarting(x, text, 'Nobody can');
    expect(s).toMatchObject({ kind: 'DIRECT_QUOTE', method: 'quote:said-after', date: '2024-03-11' });
    expect(speakerOf(x, s)).toBe('person/tomas-kessler');
  });

  it('takes a three-word clause after a subject pronoun: "said it would appeal"', async () => {
    const text = 'The Dunmere Mining Company, which owns the site, said it would appeal.';
    const x = await run(text);
    const s = statementStarting(x, text, 'it would');
    expect(evidenceOf(text, s)).toBe('it would appeal');
    expect(speakerOf(x, s)).toBe('Dunmere Mining Company');
  });

  it('reads a clause opening with a compound noun, or with a past tense spelt as the base form', async () => {
    const text =
      'Hanna Berg said field trials near Dunmere had failed. Berg said the ruling misread the contract.';
    const x = await run(text);
    expect(x.statements.map((s) => [evidenceOf(text, s), speakerOf(x, s)])).toEqual([
      ['field trials near Dunmere had failed', 'Hanna Berg'],
      ['the ruling misread the contract', 'Hanna Berg'],
    ]);
  });

  it('attributes "…, according to the company, X" to the name in apposition', async () => {
    const text =
      'Water use rose by a fifth last year, according to the regional supplier, Ostra Water Works.';
    const x = await run(text);
    const s = statementStarting(x, text, 'Water use');
    expect(s.method).toBe('according-to');
    expect(speakerOf(x, s)).toBe('Ostra Water Works');
  });

  it('makes an unnamed speaker of a role followed by a relative clause', async () => {
    const text =
      'A witness who asked not to be named told the Freedonia Herald that the gunmen fled on foot.';
    const x = await run(text);
    const s = statementStarting(x, text, 'the gunmen');
    expect(speakerOf(x, s)).toBe('[witness who asked not to be named]');
    expect(s.addressedTo.map((id) => entity(x, id).link?.key)).toEqual(['organisation/herald']);
  });

  it('does not resolve "he" to a person whose first name is a woman’s', async () => {
    const text =
      '“We made mistakes,” Dragomir said. Deputy minister Anna Lind will lead the delegation until June, he said.';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'Deputy minister'))).toBe('person/ivan-dragomir');
  });

  it('resolves "the company said" to the organisation its sentence is about', async () => {
    const text =
      'Kalda Holdings, the supplier that Baltic Marine Works bought last year, will close two plants, the company said.';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'Kalda Holdings'))).toBe('Kalda Holdings');
  });

  it('takes "…, X said in a statement on Monday." as a closing attribution, dated by it', async () => {
    const text =
      'Kalda Holdings has sold its stake in the harbour for 10 million euros, the firm said in a statement on Monday.';
    const x = await run(text);
    const s = statementStarting(x, text, 'Kalda Holdings has sold');
    expect(s).toMatchObject({ method: 'paraphrase:clause-said+organisation', date: '2024-03-11' });
    expect(speakerOf(x, s)).toBe('Kalda Holdings');
  });

  it('resolves a lede’s "…, its leader said" to the leader named in the next paragraph', async () => {
    const text =
      'The Harbour Workers Party has demanded a vote on the dam, its leader said on Sunday.\n\nSpeaking in Dunmere, party leader Nora Halvorsen said: “The river belongs to all of us.”';
    const x = await run(text);
    expect(speakerOf(x, statementStarting(x, text, 'The Harbour Workers Party'))).toBe('Nora Halvorsen');
  });
});

import { describe, expect, it } from 'vitest';
import { corroborations, sameness } from '../../../src/ingest/corroborate.js';
import {
  acceptancePlan,
  type DraftContent,
  draftOf,
  edit,
  isDone,
  pendingIds,
  reject,
} from '../../../src/ingest/draft.js';
import { run } from './fixtures.js';

const TEXT = `Foreign Minister Maria Kessler said on Tuesday that Freedonia would not sign the treaty. “We will not accept a dam that leaves our farmers without water,” Kessler told reporters.

A ministry spokesman said the talks would resume in April. Dragomir said that Kessler had told him that the dispute could go to court.`;

const draft = async (): Promise<DraftContent> => draftOf(await run(TEXT));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};
const byName = (d: DraftContent, name: string) => {
  const found = d.entities.find((e) => e.name === name);
  if (!found) throw new Error(`no entity ${name}`);
  return found;
};

describe('a draft', () => {
  it('starts with every proposal pending, mentions numbered m1… in text order', async () => {
    const d = await draft();
    expect(isDone(d)).toBe(false);
    expect(d.mentions.map((m) => m.id)).toEqual(d.mentions.map((_, i) => `m${i + 1}`));
    expect(pendingIds(d)).toHaveLength(d.entities.length + d.mentions.length + d.statements.length);
  });

  it('accepts a statement with its speaker and the entities it names, and a relayed statement before the one relaying it', async () => {
    const d = await draft();
    const relaying = d.statements.find((s) => s.reports !== null);
    if (!relaying?.reports) throw new Error('the text has reported speech');
    const plan = acceptancePlan(d, [relaying.id]);
    expect(plan.statements.map((s) => s.id)).toEqual([relaying.reports, relaying.id]);
    const named = new Set(
      plan.statements.flatMap((s) => [s.speaker, ...s.onBehalfOf, ...s.addressedTo, ...s.about]),
    );
    expect(new Set(plan.entities.map((e) => e.id))).toEqual(named);
    expect(plan.mentions).toEqual([]);
  });

  it('accepts a mention with its entity, an unnamed speaker with its organisation first', async () => {
    const d = await draft();
    const spokesman = d.entities.find((e) => e.unnamed);
    expect(spokesman?.unnamed?.description).toMatch(/spokesman/);
    const mention = d.mentions.find((m) => m.entity === byName(d, 'Maria Kessler').id);
    const plan = acceptancePlan(d, [mention?.id as string]);
    expect(plan.entities.map((e) => e.name)).toEqual(['Maria Kessler']);
    expect(plan.mentions).toEqual([mention]);
  });

  it('leaves out what was accepted or rejected, and refuses a statement whose speaker was rejected', async () => {
    const d = await draft();
    const kessler = byName(d, 'Maria Kessler');
    const hers = d.statements.filter((s) => s.speaker === kessler.id);
    reject(d, kessler.id);
    expect(codeOf(() => acceptancePlan(d, [hers[0]?.id as string]))).toBe('BAD_USER_INPUT');
    // A mention of her is refused by name, unless the whole draft is accepted: then it is dropped.
    const mention = d.mentions.find((m) => m.entity === kessler.id);
    expect(codeOf(() => acceptancePlan(d, [mention?.id as string]))).toBe('BAD_USER_INPUT');
    const all = acceptancePlan(d, pendingIds(d), { all: true });
    expect(all.dropped).toEqual(expect.arrayContaining([mention, ...hers]));
    expect(all.mentions).not.toContain(mention);
    // Dragomir relaying what she told him is accepted without the relayed statement.
    const relaying = d.statements.find((s) => s.reports !== null);
    expect(acceptancePlan(d, [relaying?.id as string]).statements).toEqual([relaying]);
    kessler.status = 'ACCEPTED';
    expect(codeOf(() => reject(d, kessler.id))).toBe('CONFLICT');
    expect(codeOf(() => edit(d, kessler.id, { link: null }, TEXT))).toBe('CONFLICT');
    expect(acceptancePlan(d, [kessler.id]).entities).toEqual([]);
  });

  it('names an unknown proposal NOT_FOUND', async () => {
    const d = await draft();
    expect(codeOf(() => acceptancePlan(d, ['s99']))).toBe('NOT_FOUND');
    expect(codeOf(() => reject(d, 'x1'))).toBe('NOT_FOUND');
  });

  it('edits only what a proposal has, within the text, and a speaker only to a person or organisation', async () => {
    const d = await draft();
    const [statement] = d.statements;
    const [mention] = d.mentions;
    const place = d.entities.find((e) => e.label === 'Place');
    if (!statement || !mention || !place) throw new Error('the text has these');
    expect(codeOf(() => edit(d, mention.id, { speaker: 'e1' }, TEXT))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => edit(d, mention.id, { start: 5, end: 4 }, TEXT))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => edit(d, mention.id, { end: TEXT.length + 1 }, TEXT))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => edit(d, statement.id, { speaker: place.id }, TEXT))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => edit(d, statement.id, { speaker: 'place/freedonia' }, TEXT))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => edit(d, statement.id, {}, TEXT))).toBe('BAD_USER_INPUT');
    // An existing person joins the draft as a linked entity, to be checked against the graph.
    const checks = edit(d, statement.id, { speaker: 'person/anna-voss', start: 0, end: 10 }, TEXT);
    expect(checks).toEqual([
      { key: 'person/anna-voss', labels: ['Person', 'Organisation'], argument: 'speaker' },
    ]);
    const joined = d.entities.at(-1);
    expect(joined).toMatchObject({
      link: { key: 'person/anna-voss' },
      method: 'editor (speaker)',
      confidence: 1,
    });
    expect(statement).toMatchObject({
      speaker: joined?.id,
      evidence: { start: 0, end: 10 },
      method: 'editor',
    });
  });

  it('is done when nothing is pending', async () => {
    const d = await draft();
    for (const id of pendingIds(d)) reject(d, id);
    expect(isDone(d)).toBe(true);
  });
});

describe('corroboration', () => {
  it('scores the same words of one speaker alike, whatever the punctuation, and different words not at all', () => {
    expect(sameness('We will not accept a dam.', '“We will not accept a dam,”')).toBe(1);
    expect(
      sameness('the flow downstream is protected', 'The study shows the flow downstream is protected'),
    ).toBeGreaterThanOrEqual(0.6);
    expect(sameness('We will win the cup', 'Prices will rise next year')).toBe(0);
  });

  it('proposes the best known statement of the linked speaker, never one the same source (or a version of it) already reports', async () => {
    const extraction = await run(TEXT);
    const quote = extraction.statements.find((s) => s.kind === 'DIRECT_QUOTE');
    const herald = [{ key: 'source/herald', url: 'https://herald.example/dam' }];
    const known = [
      {
        key: 'statement/a',
        speaker: 'person/maria-kessler',
        text: 'We will not accept a dam that leaves our farmers without water.',
        sources: herald,
      },
      {
        key: 'statement/b',
        speaker: 'person/ivan-dragomir',
        text: 'We will not accept a dam that leaves our farmers without water.',
        sources: herald,
      },
      {
        key: 'statement/c',
        speaker: 'person/maria-kessler',
        text: 'Our farmers need the water.',
        sources: herald,
      },
    ];
    expect(
      corroborations(extraction, known, { key: 'source/other', url: null }).get(quote?.id as string),
    ).toEqual({
      key: 'statement/a',
      score: 1,
    });
    expect(corroborations(extraction, known, { key: 'source/herald', url: null }).size).toBe(0);
    // Another version of the same article, at the same URL, is not a second source.
    expect(
      corroborations(extraction, known, { key: 'source/herald-v2', url: 'https://herald.example/dam' }).size,
    ).toBe(0);
  });
});

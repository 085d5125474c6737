import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestArticle } from '../src/queries/drafts.js';
import { graphCounts } from '../src/queries/stats.js';
import { seedGraph } from '../src/testing.js';
import { type Any, createTestApp, graphqlClient, tokenFor, useTestGraph } from './helpers.js';
import { subscribe } from './subscriptions.js';
import { SET_DIR } from './unit/ingest/goldset.js';

const { app, db, driver, gql, count, snapshot } = useTestGraph();
beforeAll(() => seedGraph(driver, path.join(SET_DIR, 'known.json'), db.database));

const TALKS = fs.readFileSync(
  path.join(SET_DIR, 'articles', 'freedonia-sylvania-geneva-talks-end-without-deal.txt'),
  'utf8',
);

const DRAFT = `
  id status pending created title url text sourceKey publisher { key } published { iso } source { key }
  entities { id status name type link { key } linkScore candidates { key score } unnamed { description organisation }
             method confidence accepted { key name ... on Person { description } } }
  mentions { id status entity start end excerpt method confidence }
  statements { id status kind text speaker onBehalfOf addressedTo about date { iso precision }
               evidence { start end excerpt } reports corroborates { score statement { id } }
               method confidence accepted { id text speaker { key } about { key } evidence { excerpt source { key } }
               sources { totalCount } } }`;

const INGEST = `mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) { ${DRAFT} } }`;
const ACCEPT = `mutation Accept($draft: ID!, $proposal: ID!) { acceptProposal(draft: $draft, proposal: $proposal) { ${DRAFT} } }`;
const REJECT = `mutation Reject($draft: ID!, $proposal: ID!) { rejectProposal(draft: $draft, proposal: $proposal) { ${DRAFT} } }`;
const EDIT = `mutation Edit($draft: ID!, $proposal: ID!, $edit: ProposalEditInput!) {
  editProposal(draft: $draft, proposal: $proposal, edit: $edit) { ${DRAFT} } }`;
const ACCEPT_DRAFT = `mutation AcceptAll($draft: ID!) { acceptDraft(draft: $draft) { ${DRAFT} } }`;
const READ_DRAFT = `query Draft($id: ID!) { draft(id: $id) { ${DRAFT} } }`;

const talks = {
  text: TALKS,
  url: 'https://spa.example/geneva-talks',
  published: '2024-03-13',
  publisher: 'organisation/sylvanian-press-agency',
};

/** The talks article with a line of its own: a new text, so a draft of its own. */
const variant = (line: string) => ({ ...talks, text: `${TALKS}\n\n${line}` });

async function ingest(input: Record<string, unknown>) {
  const result = await gql<Any>(INGEST, { input });
  expect(result.errors).toBeUndefined();
  return result.data?.ingestArticle as Any;
}

const entityNamed = (draft: Any, name: string) => draft.entities.find((e: Any) => e.name === name);
const statementSaying = (draft: Any, words: string) =>
  draft.statements.find((s: Any) => s.text.includes(words));
const run = async (query: string, variables: Record<string, unknown>) => {
  const result = await gql<Any>(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data ?? {})[0] as Any;
};
/** The ids of a page of `drafts`, given its arguments. */
const draftIds = async (args: string) =>
  ((await run(`{ drafts(${args}) { edges { node { id } } } }`, {})).edges as Any[]).map(
    (e) => e.node.id as string,
  );
const errorOf = (result: { errors?: { extensions?: Record<string, unknown>; message: string }[] }) => ({
  code: result.errors?.[0]?.extensions?.code,
  message: result.errors?.[0]?.message,
});

describe('ingestArticle', () => {
  it('keeps the article and proposes entities, mentions and attributed statements, each with its method and confidence', async () => {
    const draft = await ingest(talks);
    expect(draft).toMatchObject({
      status: 'OPEN',
      id: expect.stringMatching(/^draft\/[0-9a-f]{24}$/),
      title: 'Freedonia and Sylvania End Geneva Talks Without Deal on Kalda Dam',
      url: 'https://spa.example/geneva-talks',
      text: TALKS,
      publisher: { key: 'organisation/sylvanian-press-agency' },
      published: { iso: '2024-03-13' },
      sourceKey: expect.stringMatching(
        /^source\/freedonia-and-sylvania-end-geneva-talks-without-deal-on-[0-9a-f]{8}$/,
      ),
      // Not a source until something of it is accepted.
      source: null,
    });
    const kessler = entityNamed(draft, 'Maria Kessler');
    expect(kessler).toMatchObject({
      type: 'PERSON',
      link: { key: 'person/maria-kessler' },
      status: 'PENDING',
    });
    expect(kessler.candidates[0]).toMatchObject({ key: 'person/maria-kessler', score: 1 });
    // Every mention's excerpt is the text at its offsets, and names a proposed entity.
    expect(draft.mentions.length).toBeGreaterThan(10);
    for (const m of draft.mentions) {
      expect(m.excerpt).toBe(TALKS.slice(m.start, m.end));
      expect(draft.entities.map((e: Any) => e.id)).toContain(m.entity);
      expect(m.method).not.toBe('');
      expect(m.confidence).toBeGreaterThan(0);
    }
    const quote = statementSaying(draft, 'will not accept any dam');
    expect(quote).toMatchObject({
      kind: 'DIRECT_QUOTE',
      speaker: kessler.id,
      date: { iso: '2024-03-12', precision: 'DAY' },
      evidence: { excerpt: TALKS.slice(quote.evidence.start, quote.evidence.end) },
    });
    expect(quote.evidence.excerpt).toContain('Freedonia will not accept any dam');
    // Reported speech: Dragomir says that Kessler told him…, two statements, one relaying the other.
    const relayed = draft.statements.find((s: Any) => s.reports !== null);
    expect(draft.statements.find((s: Any) => s.id === relayed.reports).speaker).toBe(kessler.id);
    // "Sources close to the talks": an unnamed speaker, kept as described.
    expect(
      draft.entities.some((e: Any) => /^sources close to the talks$/i.test(e.unnamed?.description)),
    ).toBe(true);
    expect(draft.statements.every((s: Any) => s.status === 'PENDING' && s.confidence > 0)).toBe(true);
  });

  it('keeps what a draft proposes, the article included, out of every public read until it is accepted', async () => {
    await ingest(talks);
    const anonymous = graphqlClient(createTestApp(db), { token: null });
    const result = await anonymous<Any>(`{
      statements { totalCount }
      sources { totalCount }
      entity(key: "person/maria-kessler") { ... on Person { statements { totalCount } } mentions { totalCount } }
      search(text: "Marek Halloran") { totalCount }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      statements: { totalCount: 0 },
      sources: { totalCount: 0 },
      entity: { statements: { totalCount: 0 }, mentions: { totalCount: 0 } },
      search: { totalCount: 0 },
    });
    expect(await count('MATCH (n) WHERE n:Statement OR n:Source RETURN count(n)')).toBe(0);
    expect(await count('MATCH ()-[m:MENTIONS]->() RETURN count(m)')).toBe(0);
    // An analyst's read-only Cypher reads the whole database, drafts included, as rows, not graph objects.
    const analyst = graphqlClient(createTestApp(db), { token: await tokenFor('analyst') });
    const cypher = await analyst<Any>(
      '{ cypher(query: "MATCH (d:Draft) RETURN count(d) AS drafts, collect(d)[0] AS d") { rows nodes { id } } }',
    );
    expect(cypher.errors).toBeUndefined();
    expect(cypher.data?.cypher.rows[0][0]).toBe(1);
    expect(cypher.data?.cypher.nodes).toEqual([]);
  });

  it('gives the same draft for the same text, review and all, even when two ingest it at once', async () => {
    const { id } = await ingest(variant('Same text, twice.'));
    const kessler = entityNamed(await ingest(variant('Same text, twice.')), 'Maria Kessler');
    await run(REJECT, { draft: id, proposal: kessler.id });
    const again = await ingest({ ...variant('Same text, twice.'), title: 'Another headline' });
    expect(again.id).toBe(id);
    expect(entityNamed(again, 'Maria Kessler').status).toBe('REJECTED');
    const both = await Promise.all([
      ingest({ ...variant('At once.'), title: 'Title one' }),
      ingest({ ...variant('At once.'), title: 'Title two' }),
    ]);
    expect(both[1].id).toBe(both[0].id);
    expect(both[1].sourceKey).toBe(both[0].sourceKey);
    expect(await count('MATCH (d:Draft {key: $id}) RETURN count(d)', { id: both[0].id })).toBe(1);
    expect(await count('MATCH (s:Source) RETURN count(s)')).toBe(0);
  });

  it('refuses bad articles with typed errors and writes nothing', async () => {
    const drafted = await ingest(variant('Drafted once.'));
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ text: '  \n ' }, 'BAD_USER_INPUT', /must not be empty/],
      [{ text: `PNG\u0000\u0001\u0002${'\u00ff'.repeat(50)}` }, 'BAD_USER_INPUT', /not plain text/],
      [{ text: 'Broken \ud800 half of a character.' }, 'BAD_USER_INPUT', /not plain text/],
      [{ text: 'A form\u000cfeed, which no stored text may hold.' }, 'BAD_USER_INPUT', /not plain text/],
      [{ text: 'Undecodable \ufffd bytes.' }, 'BAD_USER_INPUT', /not plain text/],
      [{ ...variant('Unknown paper.'), publisher: 'organisation/no-such-paper' }, 'NOT_FOUND', /publisher/],
      // Also for a text drafted before: the draft is not handed back under a bad publisher.
      [{ text: drafted.text, publisher: 'organisation/no-such-paper' }, 'NOT_FOUND', /publisher/],
      [{ ...variant('In French.'), language: 'fr' }, 'BAD_USER_INPUT', /English/],
      [{ ...variant('Bad link.'), url: 'javascript:alert(1)' }, 'BAD_USER_INPUT', /http/],
      [{ ...variant('Bad date.'), published: '2024-13-45' }, 'BAD_USER_INPUT', /published/],
    ];
    for (const [input, code, message] of cases) {
      const result = await gql(INGEST, { input });
      expect(errorOf(result), JSON.stringify(input).slice(0, 80)).toMatchObject({ code, message });
      expect(result.data).toBeNull();
    }
    // 5 MB: over the request body limit at the door; over the article limit when the door lets it in.
    const huge = 'Word '.repeat(1_000_000);
    const atDoor = await gql(INGEST, { input: { text: huge } });
    expect(errorOf(atDoor)).toMatchObject({ code: 'BAD_USER_INPUT', message: /large|size|limit/i });
    const roomy = graphqlClient(createTestApp(db, { LIMIT_BODY_BYTES: '6000000' }), {
      token: await tokenFor('editor'),
    });
    expect(errorOf(await roomy(INGEST, { input: { text: huge } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: /longer than 100000 characters/,
    });
    await expect(ingestArticle(db, { text: huge })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await snapshot()).toBe(before);
  });

  it('needs the editor role to ingest and to read or review drafts', async () => {
    const anonymous = graphqlClient(createTestApp(db), { token: null });
    const reader = graphqlClient(createTestApp(db), { token: await tokenFor('reader') });
    expect(errorOf(await anonymous(INGEST, { input: { text: 'A text.' } })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await reader(INGEST, { input: { text: 'A text.' } })).code).toBe('FORBIDDEN');
    const { id } = await ingest(talks);
    expect(errorOf(await reader(READ_DRAFT, { id })).code).toBe('FORBIDDEN');
    expect(errorOf(await reader('{ drafts { totalCount } }')).code).toBe('FORBIDDEN');
    expect(errorOf(await reader(ACCEPT_DRAFT, { draft: id })).code).toBe('FORBIDDEN');
    expect(errorOf(await reader(REJECT, { draft: id, proposal: 'e1' })).code).toBe('FORBIDDEN');
    expect(await draftIds('status: OPEN, first: 100')).toContain(id);
  });

  it('lists drafts newest first, a page at a time with cursors, by status, counted', async () => {
    for (const n of [1, 2, 3]) await ingest(variant(`Listed ${n}.`));
    const all = await draftIds('first: 100');
    expect(all.length).toBe(await count('MATCH (d:Draft) RETURN count(d)'));
    expect(all.slice(0, 3)).toEqual(
      await Promise.all([3, 2, 1].map(async (n) => (await ingest(variant(`Listed ${n}.`))).id)),
    );
    const first = await run(
      'query { drafts(first: 2) { edges { node { id } } pageInfo { endCursor hasNextPage } } }',
      {},
    );
    const next = await run(
      'query($after: String) { drafts(first: 2, after: $after) { edges { node { id } } } }',
      {
        after: first.pageInfo.endCursor,
      },
    );
    expect([...first.edges, ...next.edges].map((e: Any) => e.node.id)).toEqual(all.slice(0, 4));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const open = await run('{ drafts(status: OPEN) { totalCount } }', {});
    expect(open.totalCount).toBe(await count("MATCH (d:Draft {status: 'OPEN'}) RETURN count(d)"));
    expect(errorOf(await gql('{ drafts(first: 101) { totalCount } }')).code).toBe('BAD_USER_INPUT');
    // The node limit weighs a draft's proposals as a long article has them: 100 drafts' mentions is too many.
    expect(errorOf(await gql('{ drafts(first: 100) { edges { node { mentions { id } } } } }')).code).toBe(
      'QUERY_TOO_COMPLEX',
    );
    expect(
      (await gql('{ drafts(first: 20) { edges { node { mentions { id } } } } }')).errors,
    ).toBeUndefined();
  });
});

describe('review', () => {
  it('accepts one statement with the entities it needs, making the article a source, in one transaction', async () => {
    const draft = await ingest(variant('Accepting one statement.'));
    const quote = statementSaying(draft, 'will not accept any dam');
    const after = await run(ACCEPT, { draft: draft.id, proposal: quote.id });
    const accepted = after.statements.find((s: Any) => s.id === quote.id);
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      accepted: {
        text: quote.text,
        speaker: { key: 'person/maria-kessler' },
        evidence: [{ excerpt: quote.evidence.excerpt, source: { key: draft.sourceKey } }],
        sources: { totalCount: 1 },
      },
    });
    expect(after.source).toEqual({ key: draft.sourceKey });
    expect(entityNamed(after, 'Maria Kessler')).toMatchObject({
      status: 'ACCEPTED',
      accepted: { key: 'person/maria-kessler' },
    });
    // The statement, and the entities it names that were pending.
    const needed = new Set([quote.speaker, ...quote.onBehalfOf, ...quote.addressedTo, ...quote.about]);
    expect(after.pending).toBe(draft.pending - 1 - needed.size);
    const anonymous = graphqlClient(createTestApp(db), { token: null });
    const seen = await anonymous<Any>(
      `{ statements { totalCount edges { node { text } } } sources { totalCount } }`,
    );
    expect(seen.data?.statements).toEqual({ totalCount: 1, edges: [{ node: { text: quote.text } }] });
    expect(seen.data?.sources).toEqual({ totalCount: 1 });
    // Accepting it again changes nothing.
    await run(ACCEPT, { draft: draft.id, proposal: quote.id });
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(1);
  });

  it('rejects a proposal, and will not accept a statement whose speaker was rejected', async () => {
    const draft = await ingest(variant('Rejecting.'));
    const halloran = entityNamed(draft, 'Marek Halloran');
    const his = draft.statements.find((s: Any) => s.speaker === halloran.id);
    const rejected = await run(REJECT, { draft: draft.id, proposal: halloran.id });
    expect(entityNamed(rejected, 'Marek Halloran').status).toBe('REJECTED');
    const before = await snapshot();
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: his.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: new RegExp(`^${his.id}: its speaker .* was rejected`),
    });
    expect(await snapshot()).toBe(before);
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: 's999' })).code).toBe('NOT_FOUND');
    expect(errorOf(await gql(ACCEPT, { draft: 'draft/nothing', proposal: 's1' })).code).toBe('NOT_FOUND');
    // An accepted proposal cannot be rejected, nor edited: it is in the graph.
    const kessler = entityNamed(draft, 'Maria Kessler');
    await run(ACCEPT, { draft: draft.id, proposal: kessler.id });
    expect(errorOf(await gql(REJECT, { draft: draft.id, proposal: kessler.id })).code).toBe('CONFLICT');
    expect(
      errorOf(await gql(EDIT, { draft: draft.id, proposal: kessler.id, edit: { link: null } })).code,
    ).toBe('CONFLICT');
  });

  it('edits a speaker, a link, a span and the words, checked against the text and the graph', async () => {
    const draft = await ingest(variant('Editing.'));
    const halloran = entityNamed(draft, 'Marek Halloran');
    const his = draft.statements.find((s: Any) => s.speaker === halloran.id);
    const statementOf = (d: Any) => d.statements.find((s: Any) => s.id === his.id);
    // The speaker becomes an existing person, who joins the draft by name.
    const edited = await run(EDIT, {
      draft: draft.id,
      proposal: his.id,
      edit: { speaker: 'person/henrik-brandt' },
    });
    const speaker = edited.entities.find((e: Any) => e.id === statementOf(edited).speaker);
    expect(speaker).toMatchObject({
      name: 'Henrik Brandt',
      link: { key: 'person/henrik-brandt' },
      method: 'editor (speaker)',
    });
    // … and leaves it again when the speaker changes back: nothing else names him.
    const back = await run(EDIT, { draft: draft.id, proposal: his.id, edit: { speaker: halloran.id } });
    expect(back.entities).toHaveLength(draft.entities.length);
    // A span and the words: the evidence moves and its excerpt follows.
    const start = TALKS.indexOf('There is nothing to hide');
    const moved = await run(EDIT, {
      draft: draft.id,
      proposal: his.id,
      edit: { start, end: start + 'There is nothing to hide'.length, text: 'There is nothing to hide.' },
    });
    expect(statementOf(moved)).toMatchObject({
      text: 'There is nothing to hide.',
      evidence: { excerpt: 'There is nothing to hide' },
      method: 'editor',
      status: 'PENDING',
    });
    // A link: to another known entity of the same type, or none (a new entity).
    const relinked = await run(EDIT, {
      draft: draft.id,
      proposal: halloran.id,
      edit: { link: 'person/anna-voss' },
    });
    expect(entityNamed(relinked, 'Marek Halloran')).toMatchObject({
      status: 'PENDING',
      link: { key: 'person/anna-voss' },
    });
    const before = await snapshot();
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ start: -1 }, his.id, 'BAD_USER_INPUT'],
      [{ end: TALKS.length + 100 }, his.id, 'BAD_USER_INPUT'],
      [{ text: `bad\u0007text` }, his.id, 'BAD_USER_INPUT'],
      [{ text: 'x'.repeat(20_001) }, his.id, 'BAD_USER_INPUT'],
      [{ link: 'person/nobody' }, halloran.id, 'NOT_FOUND'],
      [{ link: 'place/geneva' }, halloran.id, 'BAD_USER_INPUT'],
      [{ speaker: 'place/geneva' }, his.id, 'BAD_USER_INPUT'],
      [{ speaker: 'person/nobody' }, his.id, 'NOT_FOUND'],
      [{ link: 'person/anna-voss' }, his.id, 'BAD_USER_INPUT'],
      [
        { corroborates: Buffer.from('Statement:statement/nothing').toString('base64url') },
        his.id,
        'NOT_FOUND',
      ],
      [
        { corroborates: Buffer.from('Person:person/anna-voss').toString('base64url') },
        his.id,
        'BAD_USER_INPUT',
      ],
      [{}, his.id, 'BAD_USER_INPUT'],
      [{ text: null }, his.id, 'BAD_USER_INPUT'],
    ];
    for (const [edit, proposal, code] of refusals) {
      expect(errorOf(await gql(EDIT, { draft: draft.id, proposal, edit })).code, JSON.stringify(edit)).toBe(
        code,
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it('accepts all that is left with acceptDraft, leaving out what names a rejected entity, and the draft is done', async () => {
    const draft = await ingest(variant('Accepting all.'));
    // One entity rejected: its mentions and the statements it speaks go with it; elsewhere it is not linked.
    const halloran = entityNamed(draft, 'Marek Halloran');
    const aboutFreedonia = draft.statements.find((s: Any) =>
      s.about.includes(entityNamed(draft, 'Freedonia').id),
    );
    await run(REJECT, { draft: draft.id, proposal: entityNamed(draft, 'Freedonia').id });
    await run(REJECT, { draft: draft.id, proposal: halloran.id });
    const done = await run(ACCEPT_DRAFT, { draft: draft.id });
    expect(done).toMatchObject({ status: 'DONE', pending: 0 });
    for (const m of done.mentions.filter((x: Any) => x.entity === halloran.id))
      expect(m.status).toBe('REJECTED');
    for (const s of done.statements.filter((x: Any) => x.speaker === halloran.id))
      expect(s.status).toBe('REJECTED');
    const linkedAbout = done.statements
      .find((s: Any) => s.id === aboutFreedonia.id)
      .accepted.about.map((e: Any) => e.key);
    expect(linkedAbout).not.toContain('place/freedonia');
    const unnamed = done.entities.find((e: Any) => /^sources close/i.test(e.unnamed?.description));
    expect(unnamed.accepted.key).toMatch(/^person\/unnamed-sources-close-to-the-talks-[0-9a-f]{8}$/);
    expect(unnamed.accepted.description).toMatch(/does not name/);
    for (const s of done.statements.filter((x: Any) => x.status === 'ACCEPTED')) {
      expect(s.accepted.evidence[0].excerpt).toBe(draft.text.slice(s.evidence.start, s.evidence.end));
    }
    const mentions = done.mentions.filter((m: Any) => m.status === 'ACCEPTED').length;
    expect(
      await count('MATCH (:Source {key: $key})-[m:MENTIONS]->() RETURN count(m)', { key: draft.sourceKey }),
    ).toBe(mentions);
    const statements = await count(
      'MATCH (s:Statement)-[:REPORTED_IN]->(:Source {key: $key}) RETURN count(s)',
      { key: draft.sourceKey },
    );
    expect(statements).toBe(done.statements.filter((s: Any) => s.status === 'ACCEPTED').length);
    // Again: nothing left, nothing written twice.
    await run(ACCEPT_DRAFT, { draft: draft.id });
    expect(
      await count('MATCH (s:Statement)-[:REPORTED_IN]->(:Source {key: $key}) RETURN count(s)', {
        key: draft.sourceKey,
      }),
    ).toBe(statements);
    expect(await draftIds('status: DONE, first: 100')).toContain(draft.id);
  });

  it('makes an unnamed spokesman a person affiliated with the organisation the text names, and a new place with coordinates', async () => {
    const text = `Talks to Resume in Lyon

PORT ARLEN — A spokesman for the Freedonian Foreign Ministry said on Monday that the talks would resume in Lyon in May.`;
    const draft = await ingest({ text, published: '2024-03-13' });
    const done = await run(ACCEPT_DRAFT, { draft: draft.id });
    const spokesman = done.entities.find((e: Any) => e.unnamed);
    const lyon = entityNamed(done, 'Lyon');
    const seen = await gql<Any>(
      `query($s: String!, $l: String!) {
        spokesman: entity(key: $s) { name ... on Person { affiliations { edges { node { organisation { key } } } } } }
        lyon: entity(key: $l) { ... on Place { kind location { latitude longitude } } } }`,
      { s: spokesman.accepted.key, l: lyon.accepted.key },
    );
    expect(seen.data?.spokesman).toEqual({
      name: 'Spokesman for the Freedonian Foreign Ministry',
      affiliations: {
        edges: [{ node: { organisation: { key: 'organisation/freedonian-foreign-ministry' } } }],
      },
    });
    expect(lyon.accepted.key).toBe('place/lyon');
    expect(seen.data?.lyon).toEqual({
      kind: 'CITY',
      location: { latitude: expect.closeTo(45.75, 1), longitude: expect.closeTo(4.85, 1) },
    });
  });

  it("creates a new person once: a second draft naming them links to the first one's", async () => {
    const about = (n: number) =>
      `Farmer Speaks Out ${n}\n\nZoltan Pekar, a farmer from Dunmere, said on Monday that the dam would ruin his fields (${n}).`;
    const first = await run(ACCEPT_DRAFT, { draft: (await ingest({ text: about(1) })).id });
    const second = await run(ACCEPT_DRAFT, { draft: (await ingest({ text: about(2) })).id });
    expect(entityNamed(first, 'Zoltan Pekar').accepted.key).toBe('person/zoltan-pekar');
    expect(entityNamed(second, 'Zoltan Pekar').accepted.key).toBe('person/zoltan-pekar');
    expect(await count("MATCH (p:Person) WHERE p.name = 'Zoltan Pekar' RETURN count(p)")).toBe(1);
  });

  it('writes again what was deleted from the graph since it was accepted, instead of linking to nothing', async () => {
    const text =
      'Quillon Report\n\nThe Quillon Institute said on Monday that river levels fell. The Quillon Institute said the dry spell would last.';
    const draft = await ingest({ text });
    const [first, second] = draft.mentions.filter(
      (m: Any) => draft.entities.find((e: Any) => e.id === m.entity)?.name === 'Quillon Institute',
    );
    const accepted = await run(ACCEPT, { draft: draft.id, proposal: first.id });
    const key = entityNamed(accepted, 'Quillon Institute').accepted.key;
    await gql('mutation($id: ID!) { deleteNode(id: $id) }', {
      id: Buffer.from(`Organisation:${key}`).toString('base64url'),
    });
    expect(await count('MATCH (n:Entity {key: $key}) RETURN count(n)', { key })).toBe(0);
    const after = await run(ACCEPT, { draft: draft.id, proposal: second.id });
    expect(entityNamed(after, 'Quillon Institute')).toMatchObject({ status: 'ACCEPTED', accepted: { key } });
    expect(after.mentions.find((m: Any) => m.id === first.id).status).toBe('PENDING');
    expect(await count('MATCH (:Source)-[m:MENTIONS]->(:Entity {key: $key}) RETURN count(m)', { key })).toBe(
      1,
    );
  });

  it('announces an accepted statement to statementAdded subscribers, as addStatement does', async () => {
    const text = fs.readFileSync(
      path.join(SET_DIR, 'articles', 'ostra-farmers-brace-for-dry-summer.txt'),
      'utf8',
    );
    const draft = await ingest({ text, published: '2024-06-03' });
    const first = (draft.statements as Any[])[0] as Any;
    const sub = await subscribe(app, 'subscription { statementAdded { id text speaker { key } } }');
    try {
      const after = await run(ACCEPT, { draft: draft.id, proposal: first.id });
      const { accepted } = after.statements.find((s: Any) => s.id === first.id);
      const event = await sub.next(10_000);
      expect(event.data?.statementAdded).toEqual({
        id: accepted.id,
        text: first.text,
        speaker: accepted.speaker,
      });
    } finally {
      await sub.close();
    }
  });

  it('lets concurrent reviews of one draft take turns: none is lost', async () => {
    const text = fs.readFileSync(
      path.join(SET_DIR, 'articles', 'port-arlen-council-approves-harbour-tram.txt'),
      'utf8',
    );
    const draft = await ingest({ text, published: '2024-02-20' });
    const ids = (draft.statements as Any[]).slice(0, 4).map((s) => s.id as string);
    const mentions = (draft.mentions as Any[]).slice(0, 4).map((m) => m.id as string);
    const results = await Promise.all([
      ...ids.map((proposal) => gql(ACCEPT, { draft: draft.id, proposal })),
      ...mentions.map((proposal) => gql(REJECT, { draft: draft.id, proposal })),
    ]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const after = (await gql<Any>(READ_DRAFT, { id: draft.id })).data?.draft as Any;
    for (const id of ids) expect(after.statements.find((s: Any) => s.id === id).status).toBe('ACCEPTED');
    for (const id of mentions) expect(after.mentions.find((m: Any) => m.id === id).status).toBe('REJECTED');
  });
});

describe('corroboration', () => {
  const QUOTE = 'Our rivers are not for sale';
  const original = {
    text: `Kessler Warns Over River Deal

VARNO — Freedonian Foreign Minister Maria Kessler warned on Tuesday that the river treaty was in danger. “${QUOTE}, and Freedonia will say so in Varno,” Kessler said.`,
    url: 'https://spa.example/kessler-warns',
    published: '2024-04-02',
  };
  // Another paper reporting the same words of the same minister, and more.
  const herald = {
    text: `Kessler Takes Hard Line

PORT ARLEN — Foreign Minister Maria Kessler spoke to farmers on Wednesday. “${QUOTE}, and Freedonia will say so in Varno,” Kessler told them. She said that the ministry would publish its own study in April.`,
    url: 'https://herald.example/kessler-hard-line',
    published: '2024-04-03',
    publisher: 'organisation/freedonia-herald',
  };
  let statementId = '';
  let originalSource = '';

  beforeAll(async () => {
    const draft = await ingest(original);
    const accepted = await run(ACCEPT, { draft: draft.id, proposal: statementSaying(draft, QUOTE).id });
    statementId = statementSaying(accepted, QUOTE).accepted.id;
    originalSource = draft.sourceKey;
  });

  it('proposes a statement another source reported as corroboration, and accepting adds its evidence there', async () => {
    const statements = await count('MATCH (s:Statement) RETURN count(s)');
    const draft = await ingest(herald);
    const quote = statementSaying(draft, QUOTE);
    expect(quote.corroborates).toEqual({ score: 1, statement: { id: statementId } });
    const accepted = await run(ACCEPT, { draft: draft.id, proposal: quote.id });
    const statement = statementSaying(accepted, QUOTE).accepted;
    expect(statement.id).toBe(statementId);
    expect(statement.sources.totalCount).toBe(2);
    expect(statement.evidence.map((e: Any) => e.source.key).sort()).toEqual(
      [draft.sourceKey, originalSource].sort(),
    );
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(statements);
    // Adding the original again with addStatement keeps the other source's evidence.
    const readd = await gql<Any>(
      'mutation($input: AddStatementInput!) { addStatement(input: $input) { id sources { totalCount } } }',
      {
        input: {
          kind: 'DIRECT_QUOTE',
          text: statement.text,
          speaker: 'person/maria-kessler',
          evidence: [{ source: originalSource, quote: `${QUOTE}, and Freedonia will say so in Varno` }],
        },
      },
    );
    expect(readd.data?.addStatement).toEqual({ id: statementId, sources: { totalCount: 2 } });
  });

  it('does not take another version of the same article, at its URL, for a second source', async () => {
    const draft = await ingest({ ...original, text: `${original.text}\n\nThis story was updated.` });
    expect(statementSaying(draft, QUOTE).corroborates).toBeNull();
  });

  it('forgets a corroboration when the editor changes whose words they are, and never overwrites a statement', async () => {
    const draft = await ingest({
      ...herald,
      url: 'https://gazette.example/kessler',
      text: `${herald.text}\n\nAs reported by the Gazette.`,
    });
    const quote = statementSaying(draft, QUOTE);
    expect(quote.corroborates).not.toBeNull();
    const edited = await run(EDIT, {
      draft: draft.id,
      proposal: quote.id,
      edit: { speaker: 'person/ivan-dragomir' },
    });
    expect(statementSaying(edited, QUOTE).corroborates).toBeNull();
    // Named again by the editor, Kessler's statement is not Dragomir's: accepting is refused.
    await run(EDIT, { draft: draft.id, proposal: quote.id, edit: { corroborates: statementId } });
    const unaccepted = await snapshot();
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: quote.id }))).toMatchObject({
      code: 'CONFLICT',
      message: new RegExp(
        `^${quote.id}: it corroborates .*, which is person/maria-kessler's, not person/ivan-dragomir's`,
      ),
    });
    expect(await snapshot()).toBe(unaccepted);
    // Back to Kessler, as a statement of its own: a key of its own, one source.
    const kessler = entityNamed(draft, 'Maria Kessler').id;
    await run(EDIT, { draft: draft.id, proposal: quote.id, edit: { speaker: kessler, corroborates: null } });
    const own = statementSaying(await run(ACCEPT, { draft: draft.id, proposal: quote.id }), QUOTE).accepted;
    expect(own.id).not.toBe(statementId);
    expect(own.sources.totalCount).toBe(1);
    // Her other statement moved onto the same span would be the same statement: refused, nothing written.
    const other = draft.statements.find((s: Any) => s.id !== quote.id);
    await run(EDIT, {
      draft: draft.id,
      proposal: other.id,
      edit: { speaker: kessler, start: quote.evidence.start, end: quote.evidence.end, text: 'Other words.' },
    });
    const before = await snapshot();
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: other.id }))).toMatchObject({
      code: 'CONFLICT',
      message: new RegExp(`^${other.id}: the graph already holds a statement`),
    });
    expect(await snapshot()).toBe(before);
  });
});

// Each run starts a Node process with tsx and connects to Neo4j: seconds, more on a busy machine.
describe('npm run ingest', { timeout: 90_000 }, () => {
  const neo4j = inject('neo4j');
  /** The command as a user runs it, against the test Neo4j. */
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args], {
      env: {
        ...process.env,
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        ...(neo4j.database ? { NEO4J_DATABASE: neo4j.database } : {}),
      },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('drafts an article file, printing its steps and a summary, and gives the same draft twice', async () => {
    const file = path.join(SET_DIR, 'articles', 'norvik-energy-to-buy-vestra-power.txt');
    const first = await run(
      file,
      '--published',
      '2024-04-02',
      '--publisher',
      'organisation/freedonia-herald',
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/ingest: found \d+ entities, \d+ mentions, \d+ statements/);
    const id = /Drafted (draft\/[0-9a-f]{24}) \(OPEN\)/.exec(first.stdout)?.[1];
    expect(id).toBeDefined();
    expect(first.stdout).toMatch(/statements: \d+ \(.*DIRECT_QUOTE/);
    const draft = (await gql<Any>(READ_DRAFT, { id })).data?.draft as Any;
    expect(draft.published).toEqual({ iso: '2024-04-02' });
    const again = await run(file);
    expect(again.stdout).toContain(`Already drafted ${id}`);
  });

  it('refuses a file that is not UTF-8 text, and one naming an unknown publisher, writing nothing', async () => {
    const before = await graphCounts(db);
    const binary = path.join(os.tmpdir(), `newsgraph-ingest-${process.pid}.bin`);
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]));
    const refused = await run(binary);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not UTF-8 text');
    fs.rmSync(binary);
    const unknown = await run(
      path.join(SET_DIR, 'articles', 'measles-cases-rise-in-dunmere.txt'),
      '--publisher',
      'organisation/nobody',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/publisher: no node has key "organisation\/nobody"/);
    expect(await graphCounts(db)).toEqual(before);
  });
});

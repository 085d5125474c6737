import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestArticle } from '../src/queries/drafts.js';
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
const KESSLER_QUOTE = 'Freedonia will not accept any dam that leaves our farmers without water.';
// Another paper reporting the same words of the same minister.
const HERALD = `Kessler Rejects Kalda Dam

PORT ARLEN — Foreign Minister Maria Kessler repeated her opposition to the Kalda Dam on Wednesday. “${KESSLER_QUOTE.replace(/\.$/, ',')}” Kessler said in Geneva, according to officials travelling with her.

The Freedonia Herald could not reach the Sylvanian Foreign Ministry for comment.`;

const DRAFT = `
  id status pending created
  source { key title text publisher { key } published { iso } }
  entities { id status name type link { key } linkScore candidates { key score } unnamed { description organisation }
             method confidence accepted { key name ... on Person { description } } }
  mentions { id status entity start end excerpt method confidence }
  statements { id status kind text speaker onBehalfOf addressedTo about date { iso precision }
               evidence { start end excerpt } reports corroborates { score statement { id } }
               method confidence accepted { id text speaker { key } evidence { excerpt source { key } }
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

async function ingest(input: Record<string, unknown>) {
  const result = await gql<Any>(INGEST, { input });
  expect(result.errors).toBeUndefined();
  return result.data?.ingestArticle as Any;
}

const entityNamed = (draft: Any, name: string) => draft.entities.find((e: Any) => e.name === name);
const statementSaying = (draft: Any, words: string) =>
  draft.statements.find((s: Any) => s.text.includes(words));
const errorOf = (result: { errors?: { extensions?: Record<string, unknown>; message: string }[] }) => ({
  code: result.errors?.[0]?.extensions?.code,
  message: result.errors?.[0]?.message,
});

describe('ingestArticle', () => {
  it('stores the article and proposes entities, mentions and attributed statements, each with its method and confidence', async () => {
    const draft = await ingest(talks);
    expect(draft).toMatchObject({ status: 'OPEN', id: expect.stringMatching(/^draft\/[0-9a-f]{24}$/) });
    expect(draft.source).toMatchObject({
      title: 'Freedonia and Sylvania End Geneva Talks Without Deal on Kalda Dam',
      text: TALKS,
      publisher: { key: 'organisation/sylvanian-press-agency' },
      published: { iso: '2024-03-13' },
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
    expect(relayed).toBeDefined();
    expect(draft.statements.find((s: Any) => s.id === relayed.reports).speaker).toBe(kessler.id);
    // "Sources close to the talks": an unnamed speaker, kept as described.
    expect(
      draft.entities.some((e: Any) => /^sources close to the talks$/i.test(e.unnamed?.description)),
    ).toBe(true);
    expect(draft.statements.every((s: Any) => s.status === 'PENDING' && s.confidence > 0)).toBe(true);
  });

  it('keeps what a draft proposes out of every public read until it is accepted', async () => {
    const anonymous = graphqlClient(createTestApp(db), { token: null });
    const result = await anonymous<Any>(`{
      statements { totalCount }
      entity(key: "person/maria-kessler") { ... on Person { statements { totalCount } } mentions { totalCount } }
      search(text: "Marek Halloran") { totalCount }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      statements: { totalCount: 0 },
      entity: { statements: { totalCount: 0 }, mentions: { totalCount: 0 } },
      search: { totalCount: 0 },
    });
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(0);
    expect(await count('MATCH ()-[m:MENTIONS]->() RETURN count(m)')).toBe(0);
    // An analyst's read-only Cypher reads the whole database, drafts included.
    const analyst = graphqlClient(createTestApp(db), { token: await tokenFor('analyst') });
    const cypher = await analyst<Any>(
      '{ cypher(query: "MATCH (d:Draft) RETURN count(d) AS drafts") { rows } }',
    );
    expect(cypher.data?.cypher.rows).toEqual([[1]]);
  });

  it('gives the same draft for the same text, review and all, and stores its source once', async () => {
    const first = await ingest(talks);
    const again = await ingest({ ...talks, title: 'Another headline' });
    expect(again.id).toBe(first.id);
    expect(again.source.key).toBe(first.source.key);
    expect(await count('MATCH (d:Draft) RETURN count(d)')).toBe(1);
    expect(await count('MATCH (s:Source) RETURN count(s)')).toBe(1);
  });

  it('refuses bad articles with typed errors and writes nothing', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ text: '  \n ' }, 'BAD_USER_INPUT', /must not be empty/],
      [{ text: `PNG\u0000\u0001\u0002${'\u00ff'.repeat(50)}` }, 'BAD_USER_INPUT', /not plain text/],
      [{ text: 'Broken \ud800 half of a character.' }, 'BAD_USER_INPUT', /not plain text/],
      [
        { ...talks, text: `${TALKS}\nUnknown paper.`, publisher: 'organisation/no-such-paper' },
        'NOT_FOUND',
        /publisher/,
      ],
      [{ ...talks, text: `${TALKS}\nIn French.`, language: 'fr' }, 'BAD_USER_INPUT', /English/],
      [{ ...talks, text: `${TALKS}\nBad link.`, url: 'javascript:alert(1)' }, 'BAD_USER_INPUT', /http/],
      [{ ...talks, text: `${TALKS}\nBad date.`, published: '2024-13-45' }, 'BAD_USER_INPUT', /published/],
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
    expect(errorOf(await reader('{ drafts { id } }')).code).toBe('FORBIDDEN');
    expect(errorOf(await reader(ACCEPT_DRAFT, { draft: id })).code).toBe('FORBIDDEN');
    expect((await gql<Any>('{ drafts(status: OPEN) { id } }')).data?.drafts).toEqual([{ id }]);
  });
});

describe('review', () => {
  it('accepts one statement with the entities it needs, in one transaction, through the validated write path', async () => {
    const draft = await ingest(talks);
    const quote = statementSaying(draft, 'will not accept any dam');
    const result = await gql<Any>(ACCEPT, { draft: draft.id, proposal: quote.id });
    expect(result.errors).toBeUndefined();
    const after = result.data?.acceptProposal as Any;
    const accepted = after.statements.find((s: Any) => s.id === quote.id);
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      accepted: {
        text: quote.text,
        speaker: { key: 'person/maria-kessler' },
        evidence: [{ excerpt: quote.evidence.excerpt, source: { key: draft.source.key } }],
        sources: { totalCount: 1 },
      },
    });
    expect(entityNamed(after, 'Maria Kessler')).toMatchObject({
      status: 'ACCEPTED',
      accepted: { key: 'person/maria-kessler' },
    });
    // The statement, and the entities it names that were pending.
    const needed = new Set([quote.speaker, ...quote.onBehalfOf, ...quote.addressedTo, ...quote.about]);
    expect(after.pending).toBe(draft.pending - 1 - needed.size);
    const anonymous = graphqlClient(createTestApp(db), { token: null });
    const seen = await anonymous<Any>(`{ statements { totalCount edges { node { text } } } }`);
    expect(seen.data?.statements).toEqual({ totalCount: 1, edges: [{ node: { text: quote.text } }] });
    // Accepting it again changes nothing.
    const again = await gql<Any>(ACCEPT, { draft: draft.id, proposal: quote.id });
    expect(again.errors).toBeUndefined();
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(1);
  });

  it('rejects a proposal, and will not accept a statement whose speaker was rejected', async () => {
    const draft = (await gql<Any>(READ_DRAFT, { id: (await ingest(talks)).id })).data?.draft as Any;
    const halloran = entityNamed(draft, 'Marek Halloran');
    const his = draft.statements.find((s: Any) => s.speaker === halloran.id && s.status === 'PENDING');
    const rejected = await gql<Any>(REJECT, { draft: draft.id, proposal: halloran.id });
    expect(entityNamed(rejected.data?.rejectProposal, 'Marek Halloran').status).toBe('REJECTED');
    const before = await snapshot();
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: his.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: /speaker .* was rejected/,
    });
    expect(await snapshot()).toBe(before);
    expect(errorOf(await gql(ACCEPT, { draft: draft.id, proposal: 's999' })).code).toBe('NOT_FOUND');
    expect(errorOf(await gql(ACCEPT, { draft: 'draft/nothing', proposal: 's1' })).code).toBe('NOT_FOUND');
    // An accepted proposal cannot be rejected: it is in the graph.
    const kessler = entityNamed(draft, 'Maria Kessler');
    expect(errorOf(await gql(REJECT, { draft: draft.id, proposal: kessler.id })).code).toBe('CONFLICT');
  });

  it('edits a speaker, a link and a span, checked against the text and the graph', async () => {
    const draft = (await gql<Any>(READ_DRAFT, { id: (await ingest(talks)).id })).data?.draft as Any;
    const halloran = entityNamed(draft, 'Marek Halloran');
    const his = draft.statements.find((s: Any) => s.speaker === halloran.id && s.status === 'PENDING');
    // The speaker becomes an existing person, who joins the draft by name.
    const edited = (
      await gql<Any>(EDIT, { draft: draft.id, proposal: his.id, edit: { speaker: 'person/henrik-brandt' } })
    ).data?.editProposal as Any;
    const speaker = edited.entities.find(
      (e: Any) => e.id === edited.statements.find((s: Any) => s.id === his.id).speaker,
    );
    expect(speaker).toMatchObject({
      name: 'Henrik Brandt',
      link: { key: 'person/henrik-brandt' },
      method: 'editor',
    });
    // A span: the statement's evidence moves and its excerpt follows.
    const start = TALKS.indexOf('There is nothing to hide');
    const moved = (
      await gql<Any>(EDIT, {
        draft: draft.id,
        proposal: his.id,
        edit: { start, end: start + 'There is nothing to hide'.length },
      })
    ).data?.editProposal as Any;
    expect(moved.statements.find((s: Any) => s.id === his.id).evidence.excerpt).toBe(
      'There is nothing to hide',
    );
    // A link: to another known entity of the same type, or none (a new entity).
    const relinked = (
      await gql<Any>(EDIT, { draft: draft.id, proposal: halloran.id, edit: { link: 'person/anna-voss' } })
    ).data?.editProposal as Any;
    expect(entityNamed(relinked, 'Marek Halloran')).toMatchObject({
      status: 'PENDING',
      link: { key: 'person/anna-voss' },
    });
    const before = await snapshot();
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ start: -1 }, his.id, 'BAD_USER_INPUT'],
      [{ end: TALKS.length + 1 }, his.id, 'BAD_USER_INPUT'],
      [{ link: 'person/nobody' }, halloran.id, 'NOT_FOUND'],
      [{ link: 'place/geneva' }, halloran.id, 'BAD_USER_INPUT'],
      [{ speaker: 'place/geneva' }, his.id, 'BAD_USER_INPUT'],
      [{ speaker: 'person/nobody' }, his.id, 'NOT_FOUND'],
      [{ link: 'person/anna-voss' }, his.id, 'BAD_USER_INPUT'],
      [{}, his.id, 'BAD_USER_INPUT'],
    ];
    for (const [edit, proposal, code] of refusals) {
      expect(errorOf(await gql(EDIT, { draft: draft.id, proposal, edit })).code, JSON.stringify(edit)).toBe(
        code,
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it('accepts all that is left with acceptDraft, creating new and unnamed speakers, and the draft is done', async () => {
    const { id } = await ingest(talks);
    const result = await gql<Any>(ACCEPT_DRAFT, { draft: id });
    expect(result.errors).toBeUndefined();
    const done = result.data?.acceptDraft as Any;
    expect(done).toMatchObject({ status: 'DONE', pending: 0 });
    const statuses = new Set(
      [...done.entities, ...done.mentions, ...done.statements].map((p: Any) => p.status),
    );
    expect(statuses.has('PENDING')).toBe(false);
    const unnamed = done.entities.find((e: Any) => /^sources close/i.test(e.unnamed?.description));
    expect(unnamed.accepted.key).toMatch(/^person\/unnamed-sources-close-to-the-talks-[0-9a-f]{8}$/);
    expect(unnamed.accepted.description).toMatch(/does not name/);
    for (const s of done.statements.filter((x: Any) => x.status === 'ACCEPTED')) {
      expect(s.accepted.evidence[0].excerpt).toBe(TALKS.slice(s.evidence.start, s.evidence.end));
    }
    const mentions = done.mentions.filter((m: Any) => m.status === 'ACCEPTED').length;
    expect(await count('MATCH (:Source)-[m:MENTIONS]->() RETURN count(m)')).toBe(mentions);
    const statements = await count('MATCH (s:Statement) RETURN count(s)');
    expect(statements).toBe(done.statements.filter((s: Any) => s.status === 'ACCEPTED').length);
    // Again: nothing left, nothing written twice.
    expect((await gql<Any>(ACCEPT_DRAFT, { draft: id })).errors).toBeUndefined();
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(statements);
    expect((await gql<Any>('{ drafts(status: OPEN) { id } }')).data?.drafts).toEqual([]);
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
      const result = await gql<Any>(ACCEPT, { draft: draft.id, proposal: first.id });
      const { accepted } = (result.data as Any).acceptProposal.statements.find((s: Any) => s.id === first.id);
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

  it('proposes a statement another source reported as corroboration, and accepting adds its evidence there', async () => {
    const statements = await count('MATCH (s:Statement) RETURN count(s)');
    const herald = await ingest({
      text: HERALD,
      published: '2024-03-14',
      publisher: 'organisation/freedonia-herald',
    });
    const quote = statementSaying(herald, KESSLER_QUOTE.slice(0, 40));
    expect(quote.corroborates).toMatchObject({ score: expect.any(Number) });
    const original = quote.corroborates.statement.id;
    const accepted = (await gql<Any>(ACCEPT, { draft: herald.id, proposal: quote.id })).data
      ?.acceptProposal as Any;
    const statement = accepted.statements.find((s: Any) => s.id === quote.id).accepted;
    expect(statement.id).toBe(original);
    expect(statement.sources.totalCount).toBe(2);
    expect(statement.evidence.map((e: Any) => e.source.key).sort()).toEqual(
      [herald.source.key, (await ingest(talks)).source.key].sort(),
    );
    expect(await count('MATCH (s:Statement) RETURN count(s)')).toBe(statements);
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
    expect(draft.source.published).toEqual({ iso: '2024-04-02' });
    const again = await run(file);
    expect(again.stdout).toContain(`Already drafted ${id}`);
  });

  it('refuses a file that is not UTF-8 text, and one naming an unknown publisher, writing nothing', async () => {
    const before = await snapshot();
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
    expect(await snapshot()).toBe(before);
  });
});

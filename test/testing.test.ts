import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { sizes } from '../src/seed/synthetic.js';
import { type RunningNewsgraph, startNewsgraph } from '../src/testing.js';
import type { Any } from './helpers.js';

const neo4j = inject('neo4j');
/** The run's Neo4j, as a user's NEO4J_* variables name it; no AUTH_JWT_SECRET, so one is made per run. */
const env = {
  NEO4J_URI: neo4j.uri,
  NEO4J_USER: neo4j.user,
  NEO4J_PASSWORD: neo4j.password,
  ...(neo4j.database ? { NEO4J_DATABASE: neo4j.database } : {}),
  AUTH_JWT_SECRET: '',
};

async function post(
  url: string,
  query: string,
  token?: string,
  variables?: Record<string, unknown>,
): Promise<Any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Any) };
}

/** True when nothing listens on the port any more: we can listen there ourselves. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const BABAYAN = `{ entity(key: "person/david-babayan") {
  ... on Person { name statements(first: 3) { totalCount edges { node { kind text } } } }
} }`;
const UPSERT = `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key name } }`;

describe('startNewsgraph', () => {
  let api: RunningNewsgraph;
  beforeAll(async () => {
    api = await startNewsgraph({ seed: 'article', env });
  });
  afterAll(() => api?.stop());

  it('serves the seeded article graph on a loopback port, in front of the given Neo4j', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(api.neo4j).toMatchObject({ provider: 'external', uri: neo4j.uri });
    const { status, data } = await post(api.url, BABAYAN);
    expect(status).toBe(200);
    expect(data.entity.name).toBe('David Babayan');
    expect(data.entity.statements.totalCount).toBe(12);
    expect(data.entity.statements.edges).toHaveLength(3);
    for (const { node } of data.entity.statements.edges) {
      expect(node.kind).toMatch(/^[A-Z_]+$/);
      expect(node.text.length).toBeGreaterThan(0);
    }
  });

  it('gives a token per role, signed with a secret made for the run: a reader may not write, an editor may', async () => {
    expect(Object.keys(api.tokens).sort()).toEqual(['admin', 'analyst', 'editor', 'reader']);
    const input = { key: 'person/testing-helper', name: 'Testing Helper' };
    const denied = await post(api.url, UPSERT, api.tokens.reader, { input });
    expect(denied).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const written = await post(api.url, UPSERT, api.tokens.editor, { input });
    expect(written).toMatchObject({ status: 200, data: { upsertPerson: input } });
    const admin = await post(api.url, UPSERT, api.tokens.admin, { input: { ...input, name: 'Renamed' } });
    expect(admin.data).toEqual({ upsertPerson: { ...input, name: 'Renamed' } });
    // A token signed with the suite's own AUTH_JWT_SECRET is not one this run accepts.
    const foreign = await mintToken(loadConfig(process.env), { role: 'editor', ttlSeconds: 60 });
    const refused = await post(api.url, UPSERT, foreign, { input });
    expect(refused).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('stop() closes the server and frees its port, and may be called again', async () => {
    const port = Number(new URL(api.url).port);
    expect(await portFree(port)).toBe(false);
    await api.stop();
    expect(await portFree(port)).toBe(true);
    await expect(fetch(api.url)).rejects.toThrow();
    await api.stop();
  });
});

describe('startNewsgraph seeds', () => {
  it('loads a synthetic graph of the size asked, into an emptied graph', async () => {
    const api = await startNewsgraph({ seed: { synthetic: 40 }, env });
    try {
      const { data } = await post(
        api.url,
        '{ people(first: 1) { totalCount } david: entity(key: "person/david-babayan") { key } }',
      );
      expect(data).toEqual({ people: { totalCount: sizes(40).person }, david: null });
    } finally {
      await api.stop();
    }
  });

  it('refuses a seed it does not know with a clear error, before starting anything', async () => {
    await expect(startNewsgraph({ seed: 'articles' as 'article', env })).rejects.toThrow(
      `startNewsgraph: unknown seed "articles": use 'article', a Dataset (see readDataset) or { synthetic: <entities> }`,
    );
    await expect(startNewsgraph({ seed: { synthetic: -1 }, env })).rejects.toThrow(
      'startNewsgraph: seed.synthetic must be a whole number of entities, at least 1 (got -1)',
    );
    await expect(startNewsgraph({ seed: { synthetic: 2.5 }, env })).rejects.toThrow('(got 2.5)');
    await expect(startNewsgraph({ seed: { people: [] } as never, env })).rejects.toThrow(
      'startNewsgraph: seed is not a dataset (no sources, places, organisations, events, links, statements list)',
    );
  });

  it('refuses bad configuration with the variable named', async () => {
    await expect(startNewsgraph({ env: { ...env, AUTH_JWT_SECRET: 'short' } })).rejects.toThrow(
      /AUTH_JWT_SECRET="short": must be at least 32 characters/,
    );
  });
});

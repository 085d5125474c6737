import { createApp, loadConfig } from 'newsgraph';
import { type RunningNewsgraph, startNewsgraph } from 'newsgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Response<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let api: RunningNewsgraph;
beforeAll(async () => {
  api = await startNewsgraph({ seed: 'article' });
});
afterAll(async () => {
  await api?.stop();
});

/** What the frontend does: one POST per operation, with the user's bearer token when signed in. */
async function graphql<T>(query: string, variables?: object, token?: string): Promise<Response<T>> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Response<T>, 'status'>) };
}

interface PersonPage {
  entity: {
    name: string;
    statements: { totalCount: number; edges: { node: { kind: string; text: string } }[] };
  } | null;
}

const PERSON_PAGE = `query ($key: String!) {
  entity(key: $key) {
    ... on Person { name statements(first: 3) { totalCount edges { node { kind text } } } }
  }
}`;

const RENAME = `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key name aliases } }`;

describe('the person page', () => {
  it('shows a person of the article with the first of their statements', async () => {
    const { status, data } = await graphql<PersonPage>(PERSON_PAGE, { key: 'person/david-babayan' });
    expect(status).toBe(200);
    expect(data?.entity?.name).toBe('David Babayan');
    expect(data?.entity?.statements.totalCount).toBe(12);
    expect(data?.entity?.statements.edges).toHaveLength(3);
  });

  it('lets an editor add a spelling of the name, and refuses a reader', async () => {
    const input = {
      key: 'person/david-babayan',
      name: 'David Babayan',
      aliases: ['Davit Babayan', 'D. Babayan'],
    };
    const reader = await graphql(RENAME, { input }, api.tokens.reader);
    expect(reader.status).toBe(403);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const editor = await graphql<{ upsertPerson: typeof input }>(RENAME, { input }, api.tokens.editor);
    expect(editor.status).toBe(200);
    expect(editor.data?.upsertPerson.aliases).toContain('D. Babayan');
  });
});

describe('the main entry', () => {
  it('exposes loadConfig and createApp', () => {
    expect(loadConfig({ PORT: '4100' }).port).toBe(4100);
    expect(typeof createApp).toBe('function');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/auth.js';
import { type Any, createTestApp, graphqlClient, useTestGraph } from './helpers.js';

const { db, count } = useTestGraph();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-auth-'));
const file = (name: string, content: unknown) => {
  const target = path.join(temp, name);
  fs.writeFileSync(target, JSON.stringify(content));
  return target;
};

async function post(
  app: ReturnType<typeof createTestApp>,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Any };
}

describe('credentials', () => {
  it('accept a stored API key for its role, and only that role', async () => {
    const keysFile = file('keys.json', [
      { name: 'crawler', role: 'reader', sha256: hashApiKey('ngk_reader_key') },
      { name: 'importer', role: 'editor', sha256: hashApiKey('ngk_editor_key') },
    ]);
    const app = createTestApp(db, { AUTH_API_KEYS_FILE: keysFile, AUTH_ANONYMOUS_READS: 'false' });
    const read = await post(app, { query: '{ people { totalCount } }' }, { 'x-api-key': 'ngk_reader_key' });
    expect(read).toMatchObject({ status: 200, body: { data: { people: { totalCount: 0 } } } });
    const mutation = {
      query: 'mutation { upsertPerson(input: {key: "person/imported", name: "Imported"}) { key } }',
    };
    expect((await post(app, mutation, { 'x-api-key': 'ngk_reader_key' })).status).toBe(403);
    expect((await post(app, mutation, { 'x-api-key': 'ngk_editor_key' })).body.data).toEqual({
      upsertPerson: { key: 'person/imported' },
    });
    expect(await count("MATCH (p:Person {key: 'person/imported'}) RETURN count(p)")).toBe(1);
  });

  it('verify tokens against a JWKS file, refusing secret-signed ones', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwksFile = file('jwks.json', {
      keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }],
    });
    const app = createTestApp(db, { AUTH_JWKS_FILE: jwksFile });
    const token = await new SignJWT({ role: 'editor' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('newsgraph')
      .setAudience('newsgraph')
      .setExpirationTime('5m')
      .sign(privateKey);
    const gql = graphqlClient(app, { token });
    expect(
      (await gql('mutation { upsertPerson(input: {key: "person/jwks", name: "J"}) { key } }')).errors,
    ).toBeUndefined();
    const secretSigned = graphqlClient(app);
    expect((await secretSigned('{ __typename }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('persisted operations', () => {
  it('run registered operations by hash and refuse any other document', async () => {
    const store = file('operations.json', { abc123: '{ people { totalCount } }' });
    const app = createTestApp(db, { PERSISTED_OPERATIONS_FILE: store });
    const registered = await post(app, {
      extensions: { persistedQuery: { version: 1, sha256Hash: 'abc123' } },
    });
    expect(registered.body.data.people.totalCount).toBeGreaterThanOrEqual(0);
    const arbitrary = await post(app, { query: '{ people { totalCount } }' });
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await post(app, { extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } });
    expect(unknown.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('production settings', () => {
  it('hide the schema: no introspection, no field suggestions, no GraphiQL', async () => {
    const production = createTestApp(db, { NODE_ENV: 'production' });
    const development = createTestApp(db);
    const typo = { query: '{ entity(key: "x") { nam } }' };
    expect((await post(development, typo)).body.errors[0].message).toContain('Did you mean "name"?');
    const hidden = await post(production, typo);
    expect(hidden.body.errors[0].message).not.toContain('Did you mean');
    expect(hidden.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const page = async (app: ReturnType<typeof createTestApp>) =>
      (await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })).text();
    expect(await page(development)).toContain('GraphiQL');
    expect(await page(production)).not.toContain('GraphiQL');
  });
});

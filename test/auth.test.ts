import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashApiKey, mintToken } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { type Any, createTestApp, graphqlClient, tokenFor, useTestGraph } from './helpers.js';

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
  return { status: response.status, headers: response.headers, body: (await response.json()) as Any };
}

/** A token for `role` signed with an ES256 key known by id `k1`, as an identity provider would sign it. */
const es256Token = (privateKey: CryptoKey, role: string) =>
  new SignJWT({ role })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('newsgraph')
    .setAudience('newsgraph')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

describe('roles before arguments', () => {
  it.each([
    ['a reader', 'reader', 'mutation { deleteNode(id: "not an id") }', 403, 'FORBIDDEN'],
    ['a reader', 'reader', '{ paths(from: "x", to: "x", limit: 0) { length } }', 403, 'FORBIDDEN'],
    ['nobody', null, 'mutation { deleteNode(id: "not an id") }', 401, 'UNAUTHENTICATED'],
  ])(
    'refuse %s a field beyond its role before looking at its arguments',
    async (_who, role, query, status, code) => {
      const app = createTestApp(db);
      const headers: Record<string, string> = role
        ? { authorization: `Bearer ${await tokenFor(role as 'reader')}` }
        : {};
      const result = await post(app, { query }, headers);
      expect(result.status).toBe(status);
      expect(result.body.errors?.[0]?.extensions?.code).toBe(code);
    },
  );
});

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
    const token = await es256Token(privateKey, 'editor');
    const gql = graphqlClient(app, { token });
    expect(
      (await gql('mutation { upsertPerson(input: {key: "person/jwks", name: "J"}) { key } }')).errors,
    ).toBeUndefined();
    const secretSigned = graphqlClient(app);
    expect((await secretSigned('{ __typename }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('remote keys', () => {
  it('answer SERVICE_UNAVAILABLE (503, Retry-After), not 401, while the JWKS URL cannot be reached', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await es256Token(privateKey, 'reader');
    // Nothing listens on port 1 of this machine.
    const app = createTestApp(db, { AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json' });
    const { status, headers, body } = await post(
      app,
      { query: '{ __typename }' },
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('5');
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('token lifetimes', () => {
  const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
  const now = () => Math.floor(Date.now() / 1000);
  /** A token signed with the test secret, with exactly the time claims given. */
  const signed = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ role: 'editor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('newsgraph')
      .setAudience('newsgraph');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(secret);
  };
  const ask = async (token: string, env: Record<string, string> = {}) => {
    const { status, body } = await post(
      createTestApp(db, env),
      { query: '{ __typename }' },
      { authorization: `Bearer ${token}` },
    );
    return { status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message };
  };

  it('refuses a signed token without exp', async () => {
    expect(await ask(await signed({ iat: now() }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'token claim is not valid: missing required "exp" claim',
    });
  });

  it('refuses a token that would live longer than AUTH_MAX_TTL', async () => {
    const yearLong = await signed({ iat: now(), exp: now() + 365 * 86_400 });
    expect(await ask(yearLong)).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'token lives 31536000 s, longer than this server accepts (AUTH_MAX_TTL: 86400 s)',
    });
    const hour = await signed({ iat: now(), exp: now() + 3600 });
    expect((await ask(hour)).status).toBe(200);
    expect((await ask(hour, { AUTH_MAX_TTL: '600' })).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a signed token without iat', async () => {
    expect(await ask(await signed({ exp: now() + 600 }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'token claim is not valid: missing required "iat" claim',
    });
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    expect(await ask(await signed({ iat: now() + 600, exp: now() + 1200 }))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'token is issued in the future (iat)',
    });
    expect((await ask(await signed({ iat: now() + 2, exp: now() + 600 }))).status).toBe(200);
  });

  it('mints no token longer-lived than AUTH_MAX_TTL', async () => {
    const config = loadConfig({ ...process.env, AUTH_MAX_TTL: '3600' });
    await expect(mintToken(config, { role: 'reader', ttlSeconds: 7200 })).rejects.toThrow(
      'a token may live at most 3600 s (AUTH_MAX_TTL); asked for 7200 s',
    );
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof createTestApp>, origin: string) =>
    app.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
  const fromPage = (app: ReturnType<typeof createTestApp>, origin: string) =>
    app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('allows no other origin by default in production, and does not reflect it', async () => {
    const production = createTestApp(db, { NODE_ENV: 'production' });
    for (const origin of ['https://evil.example', 'http://localhost:5173']) {
      const answer = await fromPage(production, origin);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      expect((await preflight(production, origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows exactly the origins in CORS_ORIGINS', async () => {
    const app = createTestApp(db, {
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://app.example.org, https://desk.example.org',
    });
    const allowed = await preflight(app, 'https://desk.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://desk.example.org');
    // Tokens travel in headers: no cookies, so no credentials mode.
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const answer = await fromPage(app, 'https://app.example.org');
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    // A shared cache must not hand one origin's answer to another.
    expect(answer.headers.get('vary')).toContain('Origin');
    expect((await fromPage(app, 'https://evil.example')).headers.get('vary')).toContain('Origin');
    for (const other of ['https://app.example.org.evil.example', 'https://evil.example', 'null']) {
      expect((await fromPage(app, other)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows pages served from this machine in development', async () => {
    const development = createTestApp(db, { NODE_ENV: 'development' });
    const allowedOrigin = async (origin: string) =>
      (await fromPage(development, origin)).headers.get('access-control-allow-origin');
    for (const local of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      expect(await allowedOrigin(local)).toBe(local);
    }
    expect(await allowedOrigin('http://localhost.evil.example')).toBeNull();
  });

  it('refuses to start with a CORS_ORIGINS entry that is not an origin', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.org/path' })).toThrow(
      'CORS_ORIGINS="https://app.example.org/path": must be origins such as https://app.example.org',
    );
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

import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.js';
import { attachWebSocket } from '../src/http/websocket.js';
import { createLogger } from '../src/logger.js';
import { type Any, createTestApp, graphqlClient, SOURCE_KEY, tokenFor, useArticleGraph } from './helpers.js';

const { db } = useArticleGraph();
const env = { AUTH_ANONYMOUS_READS: 'false', SUBSCRIPTIONS_PER_CLIENT: '1' };
const app = createTestApp(db, env);
const server = createServer(app);
const closeSockets = attachWebSocket(
  server,
  app,
  loadConfig({ ...process.env, ...env }),
  createLogger('silent'),
);
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await closeSockets();
  await new Promise((resolve) => server.close(resolve));
});

/** Opens a graphql-ws connection; `token` goes in connectionParams as a browser would send it. */
function connect(token?: string) {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/** The first result of an operation over `client` (a subscription's first event). */
function first(client: ReturnType<typeof connect>, query: string): Promise<Any> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query },
      {
        next: (value) => {
          stop();
          resolve(value as Any);
        },
        error: reject,
        complete: () => {},
      },
    );
  });
}

describe('subscriptions over WebSocket (graphql-ws)', () => {
  it('delivers a new statement to a subscriber authenticated by connectionParams', async () => {
    const client = connect(await tokenFor('reader'));
    const event = first(client, 'subscription { statementAdded { text speaker { name } } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const written = await graphqlClient(app)(
      'mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }',
      {
        input: {
          kind: 'PARAPHRASE',
          text: 'said over a socket',
          speaker: 'person/david-babayan',
          evidence: [{ source: SOURCE_KEY, start: 10, end: 20 }],
        },
      },
    );
    expect(written.errors).toBeUndefined();
    expect((await event).data.statementAdded).toEqual({
      text: 'said over a socket',
      speaker: { name: 'David Babayan' },
    });
    await client.dispose();
  });

  it('refuses a bad operation with a typed error of its own, keeping the socket and its other operations', async () => {
    const client = connect(await tokenFor('reader'));
    const refusal = (query: string, variables?: Any) =>
      new Promise<Any[]>((resolve) => {
        client.subscribe(
          { query, variables },
          { next: () => {}, error: (e) => resolve(e as Any[]), complete: () => {} },
        );
      });
    const syntax = await refusal('subscription { statementAdded { text }');
    expect(syntax[0]?.extensions.code).toBe('BAD_USER_INPUT');
    let deep: Any = { leaf: 1 };
    for (let i = 0; i < 200; i++) deep = { deep };
    const tooDeep = await refusal('query ($v: JSON) { entity(key: "person/david-babayan") { name } }', {
      v: deep,
    });
    expect(tooDeep[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'variables' });
    const answered = await first(client, '{ entity(key: "person/david-babayan") { name } }');
    expect(answered.data.entity.name).toBe('David Babayan');
    await client.dispose();

    const forged = connect('not-a-token');
    const unauthenticated = await new Promise<Any[]>((resolve) => {
      forged.subscribe(
        { query: '{ entity(key: "person/david-babayan") { name } }' },
        { next: () => {}, error: (e) => resolve(e as Any[]), complete: () => {} },
      );
    });
    expect(unauthenticated[0]?.extensions.code).toBe('UNAUTHENTICATED');
    await forged.dispose();
  });

  it('applies the same auth, limits and masking as HTTP: anonymous refused, cap per client, queries answered', async () => {
    const anonymous = connect();
    const refused = await first(anonymous, 'subscription { statementAdded { text } }');
    expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await anonymous.dispose();

    const reader = connect(await tokenFor('reader'));
    const query = await first(reader, '{ entity(key: "person/david-babayan") { name } }');
    expect(query.data.entity.name).toBe('David Babayan');
    // SUBSCRIPTIONS_PER_CLIENT is 1 here: the second open subscription of the same subject is refused.
    const open = reader.subscribe(
      { query: 'subscription { statementAdded { text } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await first(connect(await tokenFor('reader')), 'subscription { statementAdded { text } }');
    expect(second.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    open();
    await reader.dispose();
  });

  it('runs only persisted operations when so configured, and closes a socket sent a message over LIMIT_BODY_BYTES', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-ws-'));
    const store = path.join(dir, 'operations.json');
    fs.writeFileSync(store, JSON.stringify({ babayan: '{ entity(key: "person/david-babayan") { name } }' }));
    const strict = { PERSISTED_OPERATIONS_FILE: store, LIMIT_BODY_BYTES: '2000' };
    const strictApp = createTestApp(db, strict);
    const strictServer = createServer(strictApp);
    const close = attachWebSocket(
      strictServer,
      strictApp,
      loadConfig({ ...process.env, ...strict }),
      createLogger('silent'),
    );
    await new Promise<void>((resolve) => strictServer.listen(0, '127.0.0.1', resolve));
    const strictUrl = `ws://127.0.0.1:${(strictServer.address() as AddressInfo).port}/graphql`;
    const client = createClient({ url: strictUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const outcome = (payload: Any) =>
      new Promise<Any>((resolve) => {
        client.subscribe(payload as never, {
          next: resolve,
          error: (e) => resolve({ errors: e }),
          complete: () => {},
        });
      });
    const arbitrary = await outcome({ query: '{ entity(key: "person/david-babayan") { name } }' });
    expect(arbitrary.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(arbitrary.errors[0].message).toMatch(/PersistedQueryOnly/);
    const persisted = await outcome({
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'babayan' } },
    });
    expect(persisted.data.entity.name).toBe('David Babayan');
    await client.dispose();

    const raw = new WebSocket(strictUrl, 'graphql-transport-ws');
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(5000) } }));
    expect(await closed).toBe(1009); // Message Too Big
    await close();
    await new Promise((resolve) => strictServer.close(resolve));
  });
});

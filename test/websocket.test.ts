import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
});

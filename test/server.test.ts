import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, isAlive, stopLocal } from '../src/db/local.js';
import { until } from './helpers.js';

const dir = process.env.NEO4J_LOCAL_DIR || '.neo4j';
const instance = 'e2e-server';

/** Runs `npm start`'s command as a separate process, the way a user does. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('newsgraph ready at')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  ready.catch(() => {}); // awaited only by tests that expect a start
  return { child, exited, ready, output: () => output };
}

describe('the server process', () => {
  let running: ChildProcess | undefined;
  afterAll(async () => {
    running?.kill('SIGKILL');
    await stopLocal(dir, instance); // a Neo4j the killed server leaves behind
    fs.rmSync(path.join(dir, 'instances', instance), { recursive: true, force: true });
  });

  it('starts, answers GraphQL, health and readiness, and on SIGTERM completes open subscriptions and stops Neo4j', async () => {
    const port = await freePort();
    const server = startServer({
      PORT: String(port),
      // Long enough that a subscription holding the server open would show: it must not wait this out.
      SHUTDOWN_GRACE: '120',
      NEO4J_LOCAL_INSTANCE: instance,
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '64m',
    });
    running = server.child;
    await server.ready;
    expect(server.output()).toMatch(
      /newsgraph ready at http:\/\/localhost:\d+\/graphql \(started in \d+ ms\)/,
    );

    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    // The explorer, with nothing built beforehand.
    const explorer = await fetch(`${base}/`);
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).toContain('<title>newsgraph explorer</title>');
    expect((await fetch(`${base}/explorer/app.js`)).status).toBe(200);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(key: "person/david-babayan") { name } }' }),
    });
    // A fresh instance starts empty, so the server seeded the article graph.
    expect(server.output()).toContain('empty database seeded with the article graph');
    expect(await response.json()).toEqual({ data: { entity: { name: 'David Babayan' } } });

    const statePath = path.join(dir, 'instances', instance, 'server.json');
    const neo4jPid = fs.existsSync(statePath)
      ? (JSON.parse(fs.readFileSync(statePath, 'utf8')).pid as number)
      : 0;
    const subscription = JSON.stringify({ query: 'subscription { statementAdded { text } }' });
    const sse = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: subscription,
    });
    const sseText = sse.text();
    const socket = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const closed = new Promise<number>((resolve) =>
      socket.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    socket.subscribe(
      { query: 'subscription { statementAdded { text } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const stopping = Date.now();
    server.child.kill('SIGTERM');
    expect(await sseText).toMatch(/event: complete/);
    expect(await closed).toBe(1001); // Going Away
    expect(await server.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(60_000);
    expect(server.output()).toContain('"msg":"stopped"');
    if (neo4jPid) expect(isAlive(neo4jPid)).toBe(false);
  }, 240_000);

  it('restarts its local Neo4j after a SIGKILL, and exits with 1 when restarts keep failing', async () => {
    const port = await freePort();
    const boltPort = await freePort();
    const server = startServer({
      PORT: String(port),
      NEO4J_LOCAL_INSTANCE: instance,
      NEO4J_LOCAL_PORT: String(boltPort),
      NEO4J_LOCAL_RESTARTS: '2',
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '64m',
    });
    running = server.child;
    await server.ready;
    const neo4jPid = () =>
      JSON.parse(fs.readFileSync(path.join(dir, 'instances', instance, 'server.json'), 'utf8')).pid as number;
    const ready = async () => (await fetch(`http://127.0.0.1:${port}/ready`)).status;

    const first = neo4jPid();
    process.kill(first, 'SIGKILL');
    await until(() => server.output().includes('local Neo4j restarted'), 90_000, 'Neo4j was restarted');
    await until(async () => (await ready()) === 200, 30_000, '/ready answered 200');
    expect(server.output()).toContain(`local Neo4j (pid ${first}) exited unexpectedly: killed by SIGKILL`);
    const second = neo4jPid();
    expect(second).not.toBe(first);

    // Killed again, with its port taken before the first restart (due a second after the exit).
    process.kill(second, 'SIGKILL');
    await until(() => !isAlive(second), 10_000, 'Neo4j died');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(boltPort, '127.0.0.1', resolve));
    try {
      expect(await server.exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(server.output()).toMatch(
      new RegExp(
        `"level":60,.*"msg":"giving up: local Neo4j could not be restarted: 2 attempts failed, the last: Port ${boltPort} on 127.0.0.1 is already in use`,
      ),
    );
  }, 180_000);

  it('refuses to start with one line naming a bad variable', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe(
      'newsgraph could not start: Invalid configuration: PORT="eighty": must be a port number',
    );
  });
});

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/db/database.js';
import { findJava, isAlive, Neo4jStartError, startFailureCause, startLocal } from '../src/db/local.js';

// The jars the run already resolved; each test gets its own instance folder beside them.
const dir = process.env.NEO4J_LOCAL_DIR || '.neo4j';
const noJavaEnv = { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'no-java-')) };

describe('the local Neo4j server', () => {
  afterAll(() => fs.rmSync(path.join(dir, 'instances', 'lifecycle'), { recursive: true, force: true }));

  it('fails with one line naming the cause when Java is missing', async () => {
    expect(() => findJava(noJavaEnv)).toThrow(Neo4jStartError);
    const error = await startLocal({ dir, instance: 'no-java', env: noJavaEnv }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Neo4jStartError);
    expect((error as Error).message).toMatch(/^Java not found: the local Neo4j needs Java 17 or newer/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('fails with one line naming the port when the Bolt port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const error = await startLocal({ dir, instance: 'port-taken', port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Neo4jStartError);
      expect((error as Error).message).toBe(
        `Port ${port} on 127.0.0.1 is already in use: stop what listens there or set NEO4J_LOCAL_PORT to another port`,
      );
    } finally {
      squatter.close();
    }
  });

  it('reads the cause of a failed start from what Neo4j printed', () => {
    expect(startFailureCause(['java.net.BindException: Address already in use'], 7687)).toBe(
      'port 7687 on 127.0.0.1 is already in use',
    );
    const log = [
      '2026-01-01 ERROR Failed to start Neo4j on localhost:7687.',
      'java.lang.RuntimeException: Error starting Neo4j database server',
      '\tat org.neo4j.Foo.bar(Foo.java:1)',
      'Caused by: org.neo4j.kernel.impl.store.UnderlyingStorageException: Store is corrupt',
    ];
    expect(startFailureCause(log, 7687, '/srv/neo4j/data')).toBe(
      'its data cannot be read (damaged, or from another Neo4j version): ' +
        'org.neo4j.kernel.impl.store.UnderlyingStorageException: Store is corrupt; delete /srv/neo4j/data to start afresh',
    );
    expect(startFailureCause(['ERROR Invalid memory configuration'], 7687)).toBe(
      'ERROR Invalid memory configuration',
    );
  });

  it('starts, answers Bolt, refuses LOAD CSV of files and URLs, and leaves no java process behind when stopped', async () => {
    const server = await startLocal({ dir, instance: 'lifecycle', heap: '512m', pageCache: '64m' });
    expect(server.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(isAlive(server.pid)).toBe(true);
    // LOAD CSV's import folder is an empty one of this instance's.
    expect(fs.readdirSync(path.join(dir, 'instances', 'lifecycle', 'import'))).toEqual([]);
    const driver = createDriver(server);
    try {
      for (const url of ['file:///etc/hostname', `http://127.0.0.1:${server.port}/`]) {
        const error = await driver.executeQuery(`LOAD CSV FROM '${url}' AS line RETURN line`).catch((e) => e);
        expect(error.code).toBe('Neo.ClientError.Statement.ExternalResourceFailed');
      }
    } finally {
      await driver.close();
    }
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  }, 120_000);
});

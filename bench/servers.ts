/**
 * The systems under test, as the benchmark reaches them: one request of a workload for each (path,
 * headers, body), how to read its answer back into the canonical shape, and how to start each as its own
 * process. newsgraph runs twice: as configured (response cache on) and with its cache off, so the table
 * shows what the layer itself costs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Neo4jHandle } from '../src/db/provider.js';
import type { Workload } from './workloads.js';

export const SYSTEMS = ['newsgraph', 'peer', 'floor'] as const;
export type System = (typeof SYSTEMS)[number];

export const SERVERS = ['newsgraph', 'uncached', 'peer', 'floor'] as const;
export type ServerName = (typeof SERVERS)[number];
/** Which system a timed server runs. */
export const systemOf = (server: ServerName): System => (server === 'uncached' ? 'newsgraph' : server);

export interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The HTTP request that asks `server` for the workload's answer with these parameters. */
export function requestFor(
  server: System,
  workload: Workload,
  params: Record<string, unknown>,
  editorToken: string,
): BenchRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (server === 'floor') return { path: `/${workload.name}`, headers, body: JSON.stringify(params) };
  const operation = workload[server];
  if (server === 'newsgraph' && workload.write) headers.authorization = `Bearer ${editorToken}`;
  return {
    path: '/graphql',
    headers,
    body: JSON.stringify({ query: operation.query, variables: operation.variables(params) }),
  };
}

/** The canonical shape of a server's JSON answer; throws on errors, so a failing server is never timed. */
export function canonicalAnswer(server: System, workload: Workload, json: unknown): unknown {
  const { data, errors } = json as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (errors?.length || data === undefined) {
    throw new Error(`${server} ${workload.name}: ${errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  if (server === 'floor') return workload.floorCanonical ? workload.floorCanonical(data) : data;
  return workload[server].canonical(data);
}

/**
 * Environment of a newsgraph server process for the benchmark: production settings, quiet logs, and the
 * depth limit raised just enough for W3 (13 levels deep), which the default (12) refuses as a public
 * endpoint should. W3's 20 × 10 × 5 nested pages (11,220 nodes) stay under the default LIMIT_NODES.
 */
export function newsgraphEnv(handle: Neo4jHandle, jwtSecret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    LIMIT_DEPTH: '14',
    NEWSGRAPH_SEED: 'false',
    AUTH_JWT_SECRET: jwtSecret,
    NEO4J_URI: handle.uri,
    NEO4J_USER: handle.user,
    NEO4J_PASSWORD: handle.password,
    ...(handle.database ? { NEO4J_DATABASE: handle.database } : {}),
  };
}

const SCRIPTS: Record<System, string> = {
  newsgraph: fileURLToPath(new URL('../src/server.ts', import.meta.url)),
  peer: fileURLToPath(new URL('./peer.ts', import.meta.url)),
  floor: fileURLToPath(new URL('./floor.ts', import.meta.url)),
};

export interface RunningServer {
  name: ServerName;
  url: string;
  pid: number;
  /** Resident memory of the server process now, in bytes (Linux). */
  rss(): number;
  stop(): Promise<void>;
}

/** Starts a server in its own process on `port`, and waits until it answers HTTP. */
export async function startServer(
  name: ServerName,
  port: number,
  env: Record<string, string>,
): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPTS[systemOf(name)]], {
    env: {
      ...process.env,
      ...env,
      ...(name === 'uncached' ? { RESPONSE_CACHE_TTL: '0' } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`${name} server exited with code ${code} before it was ready`)),
    ),
  );
  const ready = (async () => {
    for (let waited = 0; waited < 120_000; waited += 200) {
      const up = await fetch(`${url}/health`).then(
        () => true,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} server did not answer on ${url} within 120 s`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    rss: () => {
      const status = readProcStatus(pid);
      const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readProcStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

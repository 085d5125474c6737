/**
 * `npm run bench -- [--entities 100000] [--small 10000] [--duration 5] [--runs 5] [--warmup 3]
 *   [--connections 8,32] [--workloads W1,W6,W8a,…] [--check-only] [--out bench/RESULTS.md]`
 *
 * newsgraph against the peer (`@neo4j/graphql` 7) and the floor (one hand-written Cypher per request) on
 * the same synthetic graph: loads it once (local instance `bench-medium`, or NEO4J_URI), checks that all
 * three give the same answers, then times each workload with autocannon — servers in their own processes,
 * runs alternating between them after a warm-up — and writes the figures to bench/RESULTS.md. Then the
 * same for W1 and W2 on a small graph (instance `bench-small`) against the medium one, to show how
 * latency grows with the graph (`--small 0` leaves that out; with NEO4J_URI both graphs are loaded into
 * that one database in turn). `--check-only` stops after the check and prints the Cypher queries per
 * request of each system. A benchmark that prints figures, not a test.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { mintToken } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/local.js';
import { exitWithError } from '../src/fatal.js';
import { checkWorkloads, type QueryCounts } from './check.js';
import { prepareGraph, removeBenchWrites } from './graph.js';
import { type Measured, renderResults, type Sample } from './report.js';
import {
  newsgraphEnv,
  type RunningServer,
  requestFor,
  SERVERS,
  type ServerName,
  SYSTEMS,
  type System,
  startServer,
  systemOf,
} from './servers.js';
import { WORKLOADS, type Workload } from './workloads.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** The Cypher queries per request of each system, per workload, as a Markdown table (for --check-only). */
function queriesTable(workloads: readonly Workload[], queries: Map<string, QueryCounts>): string {
  const rows = workloads.map((w) => {
    const q = queries.get(w.name);
    return `| ${w.name} | ${SYSTEMS.map((s) => q?.[s].toFixed(1) ?? '–').join(' | ')} | ${w.title} |`;
  });
  return [
    `| workload | ${SYSTEMS.map((s) => `${s} queries/request`).join(' | ')} | what it asks |`,
    `| --- | ${SYSTEMS.map(() => '---:').join(' | ')} | --- |`,
    ...rows,
    '',
  ].join('\n');
}

/** One autocannon run of a workload against a server; `next` numbers its requests across runs. */
async function measure(
  server: RunningServer,
  workload: Workload,
  options: { connections: number; duration: number; entities: number; run: string; token: string },
  next: { i: number },
): Promise<Sample> {
  let failed = 0;
  let peakRss = server.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.rss());
  }, 250);
  try {
    const result = await autocannon({
      url: server.url,
      connections: options.connections,
      duration: options.duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const { path, headers, body } = requestFor(
              systemOf(server.name),
              workload,
              workload.params(next.i++, options.entities, options.run),
              options.token,
            );
            return { ...request, path, headers, body };
          },
          onResponse: (_status, body) => {
            if (body.includes('"errors"')) failed++;
          },
        },
      ],
    });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: failed + result.non2xx + result.errors + result.timeouts,
      rssBytes: peakRss,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Warm-up, then `runs` rounds in which every server gets one timed run, in rotating order. */
async function alternate(
  servers: RunningServer[],
  workload: Workload,
  options: { connections: number; duration: number; warmup: number; runs: number; entities: number[] },
  common: { run: string; token: string },
  sequences: Map<string, { i: number }>,
) {
  const samples = new Map<RunningServer, Sample[]>(servers.map((s) => [s, []]));
  const sequence = (server: RunningServer) => {
    const key = `${server.url}|${workload.name}`;
    return sequences.get(key) ?? sequences.set(key, { i: 0 }).get(key) ?? { i: 0 };
  };
  const settings = (k: number, duration: number) => ({
    ...common,
    connections: options.connections,
    duration,
    entities: options.entities[k] as number,
  });
  for (const [k, server] of servers.entries())
    await measure(server, workload, settings(k, options.warmup), sequence(server));
  for (let round = 0; round < options.runs; round++) {
    for (let j = 0; j < servers.length; j++) {
      const k = (round + j) % servers.length;
      const server = servers[k] as RunningServer;
      const sample = await measure(server, workload, settings(k, options.duration), sequence(server));
      samples.get(server)?.push(sample);
      log(
        `  ${workload.name} c=${options.connections} ${server.name}: ${sample.rps.toFixed(0)} req/s, ` +
          `p50 ${sample.p50} ms, p99 ${sample.p99} ms${sample.errors ? `, ${sample.errors} ERRORS` : ''}`,
      );
    }
  }
  return servers.map((s) => samples.get(s) ?? []);
}

async function main() {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '100000' },
      small: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '5' },
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8,32' },
      workloads: { type: 'string', default: WORKLOADS.map((w) => w.name).join(',') },
      'check-only': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/RESULTS.md' },
    },
  });
  const entities = Number(values.entities);
  const small = Number(values.small);
  const connections = values.connections.split(',').map(Number);
  const chosen = values.workloads.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !WORKLOADS.some((w) => w.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `--workloads: no workload ${unknown.join(', ')}; there are ${WORKLOADS.map((w) => w.name).join(', ')}`,
    );
  }
  const workloads = WORKLOADS.filter((w) => chosen.includes(w.name));
  const timing = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
  };
  const run = Date.now().toString(36);
  const jwtSecret = randomBytes(32).toString('hex');

  const medium = await prepareGraph('bench-medium', entities);
  const started: RunningServer[] = [];
  try {
    const env = newsgraphEnv(medium.handle, jwtSecret);
    const token = await mintToken(loadConfig(env), {
      role: 'editor',
      ttlSeconds: 6 * 3600,
      subject: 'bench',
    });
    log('Checking that newsgraph, the peer and the floor give the same answers…');
    const queries = await checkWorkloads({
      handle: medium.handle,
      workloads,
      entities,
      run,
      jwtSecret,
      editorToken: token,
      samples: 20,
    });
    log('Same answers on every workload.');
    if (values['check-only']) {
      process.stdout.write(queriesTable(workloads, queries));
      return;
    }
    log('Starting the servers…');
    const servers: RunningServer[] = [];
    for (const name of SERVERS) {
      const server = await startServer(name, await freePort(), env);
      servers.push(server);
      started.push(server);
    }
    const sequences = new Map<string, { i: number }>();
    const measured: Measured[] = [];
    for (const workload of workloads) {
      for (const c of connections) {
        const samples = await alternate(
          servers,
          workload,
          { ...timing, connections: c, entities: servers.map(() => entities) },
          { run, token },
          sequences,
        );
        measured.push({
          workload,
          connections: c,
          samples: Object.fromEntries(SERVERS.map((name, k) => [name, samples[k] ?? []])) as Record<
            ServerName,
            Sample[]
          >,
          queries: queries.get(workload.name) as Record<System, number>,
        });
      }
    }

    const scale: { workload: Workload; small: Sample[]; medium: Sample[] }[] = [];
    let smallGraph = { nodes: 0, relationships: 0 };
    if (small > 0) {
      log(`Scale: W1 and W2 on the small graph (${small} entities) against the medium one…`);
      await removeBenchWrites(medium.db);
      const graph = await prepareGraph('bench-small', small);
      smallGraph = graph;
      try {
        // Cache off on both: this compares what the database work costs on each graph.
        const onSmall = await startServer(
          'uncached',
          await freePort(),
          newsgraphEnv(graph.handle, jwtSecret),
        );
        started.push(onSmall);
        const pair = [onSmall, servers[SERVERS.indexOf('uncached')] as RunningServer];
        for (const workload of workloads.filter((w) => w.name === 'W1' || w.name === 'W2')) {
          const [s, m] = await alternate(
            pair,
            workload,
            // A longer warm-up: the small graph's server and Neo4j start cold, the medium ones are warm.
            {
              ...timing,
              warmup: timing.warmup * 4,
              connections: connections[0] ?? 8,
              entities: [small, entities],
            },
            { run, token },
            sequences,
          );
          scale.push({ workload, small: s ?? [], medium: m ?? [] });
        }
      } finally {
        await graph.close();
      }
    }

    const markdown = renderResults({
      measured,
      scale,
      graphs: {
        medium: { entities, nodes: medium.nodes, relationships: medium.relationships },
        small: { entities: small, nodes: smallGraph.nodes, relationships: smallGraph.relationships },
      },
      timing,
      neo4j: medium.handle.provider,
    });
    writeFileSync(values.out, markdown);
    process.stdout.write(markdown);
    log(`Written to ${values.out}.`);
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await medium.close();
  }
}

try {
  await main();
} catch (error) {
  exitWithError('bench', error);
}

/** bench/RESULTS.md from the measured runs: medians, ratios, the targets, and the machine. */
import os from 'node:os';
import { SERVERS, type ServerName, type System } from './servers.js';
import type { Workload } from './workloads.js';

/** One timed autocannon run. */
export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssBytes: number;
}

export interface Measured {
  workload: Workload;
  connections: number;
  samples: Record<ServerName, Sample[]>;
  queries: Record<System, number>;
}

interface Graph {
  entities: number;
  nodes: number;
  relationships: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const med = (samples: Sample[], field: 'rps' | 'p50' | 'p99') => median(samples.map((s) => s[field]));
const int = (n: number) => Math.round(n).toLocaleString('en');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const mb = (samples: Sample[]) => Math.round(Math.max(0, ...samples.map((s) => s.rssBytes)) / 2 ** 20);
const errors = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.errors, 0);

/** Which shapes newsgraph reads in one query per root field, and what the others cost (the same on every run). */
const FALLBACKS = [
  '## What one query reads, and what falls back to the loaders',
  '',
  'A root list, `entity(key:)` or `node(id:)` reads its whole selection in one Cypher query: nested pages',
  'with their own arguments, `totalCount`, and the links shown on listed statements and entities, in',
  'nested subqueries of its own query (`src/queries/reads.ts`). Other shapes fall back to the per-request',
  'loaders, one batched query per level whatever the lengths of the lists: fields of a linked entity',
  'beyond its key, name and type, links of the node at the far end of an affiliation or a participation,',
  "anything below a link (a statement's speaker, a search hit's entity), `nodes(ids:)`, and a mutation's",
  'answer (W5: its statements in one transaction of four queries).',
];

/** The Markdown report. */
export function renderResults(input: {
  measured: Measured[];
  scale: { workload: Workload; small: Sample[]; medium: Sample[] }[];
  graphs: { medium: Graph; small: Graph };
  timing: { duration: number; warmup: number; runs: number };
  neo4j: string;
}): string {
  const { measured, scale, graphs, timing } = input;
  const cpus = os.cpus();
  const lines: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); run it again to reproduce. newsgraph against the peer,',
    '`@neo4j/graphql` 7 served by graphql-yoga, and the floor, one hand-written Cypher query per request',
    'behind a bare `node:http` handler, on the same Neo4j and graph. All three answered the same 20 requests',
    'of every workload identically before anything was timed (W7: a level the node limit cuts is compared',
    'by its size, since which of its nodes are kept is not defined). newsgraph runs twice: as configured, with',
    'its response cache for anonymous reads (5 s, cleared by every write), and with the cache off',
    '("uncached"), which is what the GraphQL layer itself costs on every request the cache cannot answer.',
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM,`,
    `  ${os.type()} ${os.release()}, Node ${process.version}; Neo4j 5.26 Community (${input.neo4j}), the`,
    '  servers and autocannon all on this machine, so they share its cores.',
    `- Graph: synthetic, ${int(graphs.medium.entities)} entities = ${int(graphs.medium.nodes)} nodes and`,
    `  ${int(graphs.medium.relationships)} relationships (\`npm run seed:synthetic -- --entities ${graphs.medium.entities}\`).`,
    `- Method: per workload and connection count, a ${timing.warmup} s warm-up of each server, then ${timing.runs} rounds`,
    `  of ${timing.duration} s runs, the servers taking turns in rotating order; medians of the runs. Latency is`,
    '  per request, in milliseconds. Memory is the peak resident set of each server process during the runs.',
    '  Queries per request are counted at the driver over the 20 checked requests (newsgraph uncached).',
    '',
    '## Throughput',
    '',
    '| workload | conn. | newsgraph req/s | uncached | peer | floor | newsgraph / peer | uncached / peer | newsgraph / floor | uncached / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rps = (m: Measured, s: ServerName) => med(m.samples[s], 'rps');
  for (const m of measured) {
    lines.push(
      `| ${m.workload.name} | ${m.connections} | ${int(rps(m, 'newsgraph'))} | ${int(rps(m, 'uncached'))} | ` +
        `${int(rps(m, 'peer'))} | ${int(rps(m, 'floor'))} | ${ratio(rps(m, 'newsgraph'), rps(m, 'peer'))} | ` +
        `${ratio(rps(m, 'uncached'), rps(m, 'peer'))} | ${ratio(rps(m, 'newsgraph'), rps(m, 'floor'))} | ` +
        `${ratio(rps(m, 'uncached'), rps(m, 'floor'))} |`,
    );
  }
  const each = (m: Measured, field: 'p50' | 'p99') =>
    SERVERS.map((s) => String(med(m.samples[s], field))).join(' · ');
  lines.push(
    '',
    '## Latency (ms)',
    '',
    '| workload | conn. | p50 newsgraph · uncached · peer · floor | p99 newsgraph · uncached · peer · floor |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const m of measured)
    lines.push(`| ${m.workload.name} | ${m.connections} | ${each(m, 'p50')} | ${each(m, 'p99')} |`);
  lines.push(
    '',
    '## Cypher queries per request and server memory',
    '',
    '| workload | queries/request newsgraph · peer · floor | peak RSS MB newsgraph · uncached · peer · floor | failed requests |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const m of measured.filter((x, i, all) => all.findIndex((y) => y.workload === x.workload) === i)) {
    const all = measured.filter((x) => x.workload === m.workload);
    const samples = (s: ServerName) => all.flatMap((x) => x.samples[s]);
    const q = (s: System) => m.queries[s].toFixed(1);
    lines.push(
      `| ${m.workload.name} | ${q('newsgraph')} · ${q('peer')} · ${q('floor')} | ` +
        `${SERVERS.map((s) => mb(samples(s))).join(' · ')} | ` +
        `${SERVERS.reduce((sum, s) => sum + errors(samples(s)), 0)} |`,
    );
  }
  lines.push('', ...FALLBACKS, '', '## Workloads', '');
  for (const m of measured.filter((x, i, all) => all.findIndex((y) => y.workload === x.workload) === i))
    lines.push(`- ${m.workload.name}: ${m.workload.title}.`);
  if (scale.length > 0) {
    lines.push(
      '',
      '## Scale',
      '',
      `newsgraph with its cache off on the small graph (${int(graphs.small.entities)} entities, ${int(graphs.small.nodes)} nodes) and the medium one`,
      `(${int(graphs.medium.entities)} entities, ${int(graphs.medium.nodes)} nodes), alternating, ${measured[0]?.connections ?? 8} connections;`,
      'the W1 entities are drawn at the same relative positions of each graph.',
      '',
      '| workload | small p50 · p99 ms | medium p50 · p99 ms | medium / small p50 | medium / small req/s |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const s of scale) {
      lines.push(
        `| ${s.workload.name} | ${med(s.small, 'p50')} · ${med(s.small, 'p99')} | ${med(s.medium, 'p50')} · ${med(s.medium, 'p99')} | ` +
          `${ratio(med(s.medium, 'p50'), med(s.small, 'p50'))} | ${ratio(med(s.medium, 'rps'), med(s.small, 'rps'))} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run bench:live -- [--subscribers 1000] [--rate 50] [--duration 20] [--grace 2] [--out bench/LIVE.md]`
 *
 * Live updates across two API instances: two newsgraph processes (A, B) over one Neo4j (local instance
 * `bench-live`, reused if `npm run db:start` started it, given the article graph by the first server
 * start; or NEO4J_URI) and one Redis,
 * `--subscribers` SSE subscriptions to `statementAdded` split evenly between them, each on its own
 * socket, and a writer adding `--rate` statements a second for `--duration` seconds, alternately through
 * A and B, without waiting for one answer before sending the next. Measures the delivery latency of every
 * (subscriber, event), the events delivered per second, whether every subscriber got every statement
 * exactly once (counted `--grace` seconds after the last write), and each API's resident memory per open
 * subscription; prints the figures with the issue's targets, met or not, and writes them to
 * bench/LIVE.md. A benchmark that prints figures, not a test.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, type ClientRequest, request } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { mintToken } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { createDriver, deleteInBatches } from '../src/db/database.js';
import { freePort } from '../src/db/local.js';
import { type Neo4jHandle, startNeo4j } from '../src/db/provider.js';
import { exitWithError } from '../src/fatal.js';
import { type RedisServer, startRedis } from '../test/redis.js';
import { newsgraphEnv, type RunningServer, startServer } from './servers.js';

const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

/** The issue's targets. */
const TARGETS = { p50Ms: 20, p99Ms: 100, bytesPerSubscription: 50 * 1024 };
/** Every statement the bench writes starts so; they are deleted before and after each run. */
const PREFIX = 'bench-live';
/**
 * The newsroom the writer reports from: sources and speakers of its own, created before the run, each
 * statement with the next source and speaker. Writing every statement to one source and a handful of
 * people would time the locks on those few nodes (every new statement's relationships lock both
 * ends), not the live updates.
 */
const NEWSROOM = 40;
const SOURCE_TEXT = readFileSync(
  new URL('../seed/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms.txt', import.meta.url),
  'utf8',
);
const sourceKey = (n: number) => `source/${PREFIX}-${n}`;
const speakerKey = (n: number) => `person/${PREFIX}-${n}`;
const SUBSCRIPTION = JSON.stringify({ query: 'subscription { statementAdded { id text } }' });
const ADD = 'mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }';
/**
 * Each API's cap on concurrent Neo4j queries: two processes sharing one Neo4j must together stay below
 * the local server's 64 Bolt threads (see GATE_DEFAULTS), which the default of 40 each would not.
 */
const NEO4J_MAX_CONCURRENT = 30;
/** Quiet time before the APIs' RSS is read: for in-flight work to end, then after a forced collection. */
const SETTLE_MS = 2_000;
/** How long every subscriber has to receive the probe writes before the run gives up. */
const PROBE_TIMEOUT_MS = 30_000;
/**
 * After the grace period, missing events are waited for while they still come in (one at least every
 * QUIET_MS), at most LATE_WAIT_MS more: what never arrives then is lost, not late.
 */
const QUIET_MS = 5_000;
const LATE_WAIT_MS = 60_000;

interface Options {
  subscribers: number;
  rate: number;
  duration: number;
  graceMs: number;
  out: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '50' },
      duration: { type: 'string', default: '20' },
      grace: { type: 'string', default: '2' },
      out: { type: 'string', default: 'bench/LIVE.md' },
    },
  });
  const options = {
    subscribers: Number(values.subscribers),
    rate: Number(values.rate),
    duration: Number(values.duration),
    graceMs: Number(values.grace) * 1000,
    out: values.out,
  };
  for (const name of ['subscribers', 'rate', 'duration'] as const) {
    if (!(options[name] > 0)) throw new Error(`--${name} must be a positive number`);
  }
  return options;
}

/** Every statement, source and speaker a bench run wrote (by prefix), so that counts start from zero. */
function removeBenchStatements(handle: Neo4jHandle) {
  const driver = createDriver(handle);
  return deleteInBatches(
    driver,
    handle.database,
    `MATCH (n) WHERE (n:Statement AND n.text STARTS WITH '${PREFIX} ')
       OR n.key STARTS WITH '${sourceKey(0).slice(0, -1)}' OR n.key STARTS WITH '${speakerKey(0).slice(0, -1)}'`,
    2000,
  ).finally(() => driver.close());
}

/**
 * POSTs a JSON body over `agent` and resolves with the status and the whole answer. A kept-alive socket
 * the server closed just as it was reused fails with ECONNRESET before the request reached the server:
 * that one is sent again, once, on a new socket (as Node's documentation advises).
 */
function post(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string> = {},
  retry = true,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && error.code === 'ECONNRESET') {
        resolve(post(agent, url, body, headers, false));
      } else reject(error);
    });
    req.end(body);
  });
}

/** What every subscriber received of the run's writes: counts, first arrival times, errors. */
class Tally {
  /** Per (subscriber, write): how many times it arrived (saturating at 255). */
  readonly counts: Uint8Array;
  /** Per (subscriber, write): when it first arrived (performance.now()). */
  readonly firstAt: Float64Array;
  /** Deliveries after `lateAfter` (set once the grace period is over). */
  late = 0;
  lateAfter = Number.POSITIVE_INFINITY;
  /** When the latest delivery arrived. */
  lastAt = 0;
  /** Events that were neither a write of this run nor a probe. */
  foreign = 0;
  /** Events that came as errors, by message. */
  readonly errors = new Map<string, number>();

  constructor(
    subscribers: number,
    readonly writes: number,
  ) {
    this.counts = new Uint8Array(subscribers * writes);
    this.firstAt = new Float64Array(subscribers * writes);
  }

  /** Subscriber `subscriber` received the statement of write `write` at `at`. */
  record(subscriber: number, write: number, at: number) {
    const cell = subscriber * this.writes + write;
    const count = this.counts[cell] ?? 0;
    if (count === 0) this.firstAt[cell] = at;
    if (count < 255) this.counts[cell] = count + 1;
    if (at > this.lateAfter) this.late++;
    this.lastAt = Math.max(this.lastAt, at);
  }

  /** A subscriber received an error event. */
  error(message: string) {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }

  /**
   * Deliveries so far (duplicates included); (subscriber, write) pairs missing, of the writes that
   * succeeded (`ok`), and extra arrivals; deliveries of writes that failed (committed all the same).
   */
  summary(ok: Uint8Array) {
    let delivered = 0;
    let lost = 0;
    let duplicated = 0;
    let ofFailed = 0;
    for (let cell = 0; cell < this.counts.length; cell++) {
      const count = this.counts[cell] as number;
      delivered += count;
      if (!ok[cell % this.writes]) ofFailed += count;
      if (count === 0 && ok[cell % this.writes]) lost++;
      if (count > 1) duplicated += count - 1;
    }
    return { delivered, lost, duplicated, ofFailed };
  }
}

interface Subscriber {
  /** Events received so far, of any kind: a write's, a probe's, an error. */
  events: number;
  /** Why the stream ended before we closed it, if it did. */
  ended?: string;
  close(): void;
}

/**
 * Opens one SSE subscription on its own socket; resolves once the server answered with a stream. Its
 * events go to `tally` under index `index`: a write of run `run` by number, an error by its message.
 */
function subscribe(agent: Agent, url: string, index: number, run: string, tally: Tally) {
  const write = new RegExp(`"text":"${PREFIX} ${run} (\\d+)"`);
  const probe = `"text":"${PREFIX} ${run} probe`;
  return new Promise<Subscriber>((resolve, reject) => {
    let closing = false;
    const subscriber: Subscriber = { events: 0, close: () => {} };
    const onEvent = (data: string, at: number) => {
      subscriber.events++;
      if (data.includes('"errors"')) {
        const { errors } = JSON.parse(data) as { errors: { message: string }[] };
        for (const error of errors) tally.error(error.message);
        return;
      }
      const n = write.exec(data)?.[1];
      if (n !== undefined) tally.record(index, Number(n), at);
      else if (!data.includes(probe)) tally.foreign++;
    };
    const req: ClientRequest = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      },
      (res) => {
        res.setEncoding('utf8');
        if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('text/event-stream')) {
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => reject(new Error(`subscription refused (${res.statusCode}): ${text}`)));
          return;
        }
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = now();
          buffer += chunk;
          for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (block.startsWith('event: next\n')) onEvent(block.slice(block.indexOf('data: ') + 6), at);
            else if (block.startsWith('event: complete')) subscriber.ended = 'the server completed it';
          }
        });
        res.on('close', () => {
          if (!closing) subscriber.ended ??= 'the server closed the stream';
        });
        subscriber.close = () => {
          closing = true;
          req.destroy();
        };
        resolve(subscriber);
      },
    );
    req.on('error', (error) => {
      if (closing) return;
      subscriber.ended ??= error.message;
      reject(error);
    });
    req.end(SUBSCRIPTION);
  });
}

/** Opens `count` subscriptions split evenly between the servers, at most 50 being opened at once. */
async function subscribeAll(
  agent: Agent,
  servers: RunningServer[],
  count: number,
  run: string,
  tally: Tally,
): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  for (let first = 0; first < count; first += 50) {
    const batch = Array.from({ length: Math.min(50, count - first) }, (_, k) => first + k);
    subscribers.push(
      ...(await Promise.all(
        batch.map((i) => subscribe(agent, (servers[i % servers.length] as RunningServer).url, i, run, tally)),
      )),
    );
  }
  return subscribers;
}

/** Adds statements: each new (its key derives from source, span and speaker), numbered in its text. */
class Writer {
  /** Statements written so far, across phases, so that every span differs. */
  private sequence = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  /** Writes that failed, by message. */
  readonly errors = new Map<string, number>();

  constructor(
    private readonly token: string,
    private readonly run: string,
  ) {}

  /** Adds the statement whose text ends in `label` through `server`; resolves with whether it succeeded. */
  async write(server: RunningServer, label: string): Promise<boolean> {
    const i = this.sequence++;
    const start = Math.floor(i / NEWSROOM) % 4000;
    const input = {
      kind: 'PARAPHRASE',
      text: `${PREFIX} ${this.run} ${label}`,
      speaker: speakerKey(i % NEWSROOM),
      evidence: [{ source: sourceKey((i + 1) % NEWSROOM), start, end: start + 5 }],
    };
    const body = JSON.stringify({ query: ADD, variables: { input } });
    try {
      const { status, text } = await post(this.agent, server.url, body, {
        authorization: `Bearer ${this.token}`,
      });
      const { errors } = JSON.parse(text) as { errors?: { message: string }[] };
      if (status === 200 && !errors?.length) return true;
      return this.failed(errors?.map((e) => e.message).join('; ') ?? text);
    } catch (error) {
      return this.failed((error as Error).message);
    }
  }

  /** Creates the newsroom's sources and speakers through `server`, one mutation at a time. */
  async newsroom(server: RunningServer): Promise<void> {
    for (let n = 0; n < NEWSROOM; n++) {
      const input = (kind: string, value: object) =>
        JSON.stringify({ query: kind, variables: { input: value } });
      for (const body of [
        input('mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key } }', {
          key: speakerKey(n),
          name: `Bench Speaker ${n}`,
        }),
        input('mutation ($input: AddSourceInput!) { addSource(input: $input) { key } }', {
          key: sourceKey(n),
          title: `Bench source ${n}`,
          text: SOURCE_TEXT,
        }),
      ]) {
        const { status, text } = await post(this.agent, server.url, body, {
          authorization: `Bearer ${this.token}`,
        });
        if (status !== 200 || text.includes('"errors"')) throw new Error(`newsroom: ${text}`);
      }
    }
  }

  /** Counts a failed write; false, for `write` to return. */
  private failed(message: string) {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
    return false;
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * One probe write through each server; resolves once every subscriber has heard of each, as the
 * statement or as an error event (either shows it is listening), with the error events by message.
 */
async function probe(writer: Writer, servers: RunningServer[], subscribers: Subscriber[], tally: Tally) {
  const expected = subscribers.map((s) => s.events + servers.length);
  const behind = () => subscribers.filter((s, i) => s.events < (expected[i] as number)).length;
  for (const [k, server] of servers.entries()) await writer.write(server, `probe ${k}`);
  if (writer.errors.size > 0) throw new Error(`the probe writes failed: ${listed(writer.errors)}`);
  const deadline = now() + PROBE_TIMEOUT_MS;
  while (behind() > 0) {
    if (now() > deadline) {
      throw new Error(
        `${behind()} subscribers did not hear of the probe writes within ${PROBE_TIMEOUT_MS} ms`,
      );
    }
    await sleep(50);
  }
  const errors = new Map(tally.errors);
  tally.errors.clear();
  return errors;
}

/**
 * The run's writes at a steady rate, alternately through each server, each sent on time whether or not
 * earlier ones have answered; records when each was sent, when its answer arrived, and whether it
 * succeeded.
 */
async function writeSteadily(writer: Writer, servers: RunningServer[], writes: number, rate: number) {
  const sent = new Float64Array(writes);
  const answered = new Float64Array(writes);
  const ok = new Uint8Array(writes);
  const started = now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < writes; n++) {
    const wait = started + (n * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    sent[n] = now();
    pending.push(
      writer.write(servers[n % servers.length] as RunningServer, String(n)).then((succeeded) => {
        answered[n] = now();
        ok[n] = succeeded ? 1 : 0;
      }),
    );
  }
  const sendingMs = now() - started;
  await Promise.all(pending);
  return { sent, answered, ok, sendingMs };
}

/**
 * Waits until every subscriber has every write that succeeded, as long as events keep coming (one in
 * QUIET_MS at least) and for LATE_WAIT_MS at most.
 */
async function waitForLate(tally: Tally, ok: Uint8Array) {
  const deadline = now() + LATE_WAIT_MS;
  let { delivered, lost } = tally.summary(ok);
  let lastArrival = now();
  while (lost > 0 && now() < deadline && now() - lastArrival < QUIET_MS) {
    await sleep(250);
    const summary = tally.summary(ok);
    if (summary.delivered > delivered) lastArrival = now();
    ({ delivered, lost } = summary);
  }
}

/** Forces a full garbage collection in a Node process listening for an inspector on `port`. */
async function collectGarbage(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? '');
  await once(socket, 'open');
  socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
  await once(socket, 'message');
  socket.close();
}

/**
 * Each server's RSS once settled: after SETTLE_MS of quiet, a forced full collection, then the lowest
 * of readings every half second for SETTLE_MS more (freed pages return to the system gradually).
 */
async function settledRss(servers: RunningServer[], inspectPorts: number[]): Promise<number[]> {
  await sleep(SETTLE_MS);
  await Promise.all(inspectPorts.map(collectGarbage));
  const lowest = servers.map((s) => s.rss());
  for (let waited = 0; waited < SETTLE_MS; waited += 500) {
    await sleep(500);
    for (const [k, server] of servers.entries()) lowest[k] = Math.min(lowest[k] as number, server.rss());
  }
  return lowest;
}

/** CPU seconds a process has used so far (user + system, from /proc). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's busy and total CPU time so far, in jiffies (from /proc/stat). */
function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The share of the machine's CPU time between two readings that was busy, in percent. */
const busyPercent = (before: { busy: number; total: number }, after: { busy: number; total: number }) =>
  ((after.busy - before.busy) / (after.total - before.total)) * 100;

/** The p-th percentile (nearest rank) of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/**
 * Per first delivery of a write that succeeded: its time less the write's sending time, and less its
 * answer's arrival.
 */
function latencies(tally: Tally, sent: Float64Array, answered: Float64Array, ok: Uint8Array) {
  const fromSent: number[] = [];
  const fromAnswer: number[] = [];
  for (let cell = 0; cell < tally.counts.length; cell++) {
    const n = cell % tally.writes;
    if (tally.counts[cell] === 0 || !ok[n]) continue;
    const at = tally.firstAt[cell] as number;
    fromSent.push(at - (sent[n] as number));
    fromAnswer.push(at - (answered[n] as number));
  }
  const sort = (values: number[]) => Float64Array.from(values).sort();
  return { fromSent: sort(fromSent), fromAnswer: sort(fromAnswer) };
}

interface InstanceFigures {
  name: string;
  subscribers: number;
  rssIdle: number;
  rssOpen: number;
  rssEnd: number;
  cpuPercent: number;
}

interface Figures {
  options: Options;
  command: string;
  neo4j: string;
  writes: number;
  /** Writes that answered without error. */
  succeeded: number;
  sendingMs: number;
  /** From the first write's sending to the last delivery. */
  deliveringMs: number;
  roundTrip: Float64Array;
  fromSent: Float64Array;
  fromAnswer: Float64Array;
  delivered: number;
  expected: number;
  lostAtGrace: number;
  late: number;
  lost: number;
  duplicated: number;
  /** Deliveries of writes that answered with an error (they committed all the same). */
  ofFailed: number;
  foreign: number;
  eventErrors: Map<string, number>;
  /** Error events in place of the probe writes, one per (subscriber, probe). */
  probeErrors: Map<string, number>;
  writeErrors: Map<string, number>;
  ended: Map<string, number>;
  instances: InstanceFigures[];
  machineBusyPercent: number;
  /** The machine's busy share before the writes, subscribers open and idle: the load from elsewhere. */
  quietBusyPercent: number;
  generatorCpuPercent: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
const count = (n: number) => n.toLocaleString('en-US');
const listed = (map: Map<string, number>) =>
  [...map].map(([message, n]) => `${count(n)} × “${message}”`).join('; ') || 'none';

/** The commit the working tree is at, and whether it has changes of its own. */
function codeVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return `commit ${commit}${changed ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'an unknown version (no git)';
  }
}

/** The figures as Markdown: setup, verdicts, per-instance table, and what each interval measures. */
function render(f: Figures): string {
  const { options } = f;
  const cpus = os.cpus();
  const p = (values: Float64Array, q: number) => percentile(values, q);
  const perSubscription = (i: InstanceFigures) => (i.rssOpen - i.rssIdle) / i.subscribers;
  const lines = [
    '# Live updates across two instances',
    '',
    'Written by `npm run bench:live` (bench/live.ts); run it again to reproduce. Two newsgraph processes',
    '(A, B) over one Neo4j and one Redis; SSE subscribers to `subscription { statementAdded { id text } }`',
    'split evenly between them, each on its own socket; a writer adding statements (`addStatement`) at a',
    'steady rate, alternately through A and B, each sent on schedule whether or not earlier ones had',
    `answered. Each statement is new, from a newsroom of ${NEWSROOM} sources (each holding the article’s text)`,
    `and ${NEWSROOM} speakers, created before the run, taken in turn: writing them all to one source and five`,
    'people timed the locks on those nodes (at 50 writes/s most writes failed, waiting for them).',
    '',
    `- Command: \`${f.command}\`, on ${codeVersion()}`,
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    `  Neo4j 5.26 Community (${f.neo4j}), Redis, both APIs and the load generator (subscribers and`,
    '  writer, one Node process) all share these cores, and the figures include that: during the writes',
    `  the machine was ${f.machineBusyPercent.toFixed(0)}% busy (${f.quietBusyPercent.toFixed(0)}% in the ${(2 * SETTLE_MS) / 1000} s before them, everything open but idle: other`,
    `  work on the machine), the load generator used ${f.generatorCpuPercent.toFixed(0)}% of a core.`,
    `- ${count(options.subscribers)} subscribers (${f.instances.map((i) => `${i.subscribers} on ${i.name}`).join(', ')}),`,
    `  ${options.rate} writes/s for ${options.duration} s = ${count(f.writes)} statements, sent in ${(f.sendingMs / 1000).toFixed(1)} s;`,
    `  counted ${options.graceMs / 1000} s after the last write answered. The APIs ran with NODE_ENV=production,`,
    '  LOG_LEVEL=warn, REDIS_URL set, SUBSCRIPTIONS_PER_CLIENT=100000 (every subscriber connects from',
    '  127.0.0.1, one anonymous client to the per-client cap, default 20) and',
    `  NEO4J_MAX_CONCURRENT=${NEO4J_MAX_CONCURRENT} (two processes sharing one Neo4j must together stay below the local`,
    '  server’s 64 Bolt threads; the default, 40 each, would not), and `--inspect` on a loopback port (for',
    '  the memory readings, below). Everything else at its default.',
    '',
    '## Against the targets',
    '',
    '| figure | measured | target | verdict |',
    '| --- | ---: | ---: | --- |',
    `| delivery latency p50 (write sent → event received) | ${ms(p(f.fromSent, 50))} | ≤ ${TARGETS.p50Ms} ms | ${verdict(p(f.fromSent, 50) <= TARGETS.p50Ms)} |`,
    `| delivery latency p99 (write sent → event received) | ${ms(p(f.fromSent, 99))} | ≤ ${TARGETS.p99Ms} ms | ${verdict(p(f.fromSent, 99) <= TARGETS.p99Ms)} |`,
    `| lost deliveries (of the ${count(f.succeeded)} writes that succeeded) | ${count(f.lost)} | 0 | ${verdict(f.lost === 0)} |`,
    `| duplicated deliveries | ${count(f.duplicated)} | 0 | ${verdict(f.duplicated === 0)} |`,
    ...f.instances.map(
      (i) =>
        `| API memory per open subscription, ${i.name} | ${kb(perSubscription(i))} | < ${TARGETS.bytesPerSubscription / 1024} KB | ${verdict(perSubscription(i) < TARGETS.bytesPerSubscription)} |`,
    ),
    '',
    '## Delivery',
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| write sent → event received: p50 / p95 / p99 / max | ${[50, 95, 99, 100].map((q) => ms(p(f.fromSent, q))).join(' / ')} |`,
    `| write answered → event received: p50 / p99 | ${ms(p(f.fromAnswer, 50))} / ${ms(p(f.fromAnswer, 99))} |`,
    `| write round trip (sent → answered, failed ones too): p50 / p99 | ${ms(p(f.roundTrip, 50))} / ${ms(p(f.roundTrip, 99))} |`,
    `| events delivered per second (deliveries / ${options.duration} s) | ${count(Math.round(f.delivered / options.duration))} |`,
    `| events delivered per second (deliveries / ${(f.deliveringMs / 1000).toFixed(1)} s, first write sent → last event received) | ${count(Math.round(f.delivered / (f.deliveringMs / 1000)))} |`,
    `| writes that succeeded / failed | ${count(f.succeeded)} / ${count(f.writes - f.succeeded)} |`,
    `| deliveries expected (subscribers × writes that succeeded) / received | ${count(f.expected)} / ${count(f.delivered)} |`,
    `| of those received, of writes that failed (committed all the same) | ${count(f.ofFailed)} |`,
    `| missing when counted (after the ${options.graceMs / 1000} s grace) | ${count(f.lostAtGrace)} |`,
    `| of those, arrived later / never (waited while one came every ${QUIET_MS / 1000} s, ${LATE_WAIT_MS / 1000} s at most) | ${count(f.late)} / ${count(f.lost)} |`,
    `| duplicated | ${count(f.duplicated)} |`,
    `| events of no write of this run | ${count(f.foreign)} |`,
    `| error events received (each a delivery lost) | ${listed(f.eventErrors)} |`,
    `| error events in place of the ${f.instances.length} probe writes, before the run | ${listed(f.probeErrors)} |`,
    `| failed writes | ${listed(f.writeErrors)} |`,
    `| subscriptions the server ended | ${listed(f.ended)} |`,
    '',
    '## Per instance',
    '',
    '| instance | subscribers | RSS idle | RSS with them open | RSS after the writes | per subscription | CPU during the writes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...f.instances.map(
      (i) =>
        `| ${i.name} | ${i.subscribers} | ${mb(i.rssIdle)} | ${mb(i.rssOpen)} | ${mb(i.rssEnd)} | ${kb(perSubscription(i))} | ${i.cpuPercent.toFixed(0)}% of a core |`,
    ),
    '',
    '## What the figures measure',
    '',
    '- Every time is `performance.now()` in the load generator, which both writes and subscribes: one',
    '  monotonic clock, no clock skew. An event’s arrival is taken when the chunk holding it is read off',
    '  its socket, so it also includes any wait in the load generator’s own event loop.',
    '- **write sent → event received**: from just before the mutation’s request is written to the socket',
    '  until a subscriber reads the event; one figure per (subscriber, statement), first arrival. The',
    '  commit happens somewhere inside the write’s round trip, so this is an upper bound of commit →',
    '  subscriber: it also contains the request’s way in and the mutation’s work up to its commit.',
    '- **write answered → event received**: the same arrival less the moment the mutation’s answer had',
    '  arrived at the writer. The server announces the change after the commit and before it answers, so',
    '  this may be negative (the event overtook the answer); commit → subscriber lies between the two.',
    '- **write round trip**: the mutation alone, sent → answered, under the same load.',
    '- **lost / duplicated**: for every subscriber and every statement whose write succeeded, how many',
    '  times it arrived; 0 counts are lost (an error event in its place is lost too: it does not say which',
    '  statement it stands for), each count beyond 1 is a duplicate. Before the timed writes, one probe',
    '  statement through each instance had reached every subscriber, as the statement or as an error',
    '  event, so all were listening.',
    '- **memory per subscription**: each API process’s resident set (VmRSS) after a warm-up (one',
    '  subscription per instance and a write, closed again) with no subscriber open, against the same',
    '  with its subscribers open and the probe writes delivered; the difference over its subscriber count.',
    `  Each reading: ${SETTLE_MS / 1000} s of quiet, a full garbage collection forced through the process’s`,
    '  inspector (the APIs run with `--inspect` on a loopback port for this), then the lowest RSS read',
    `  every half second for ${SETTLE_MS / 1000} s more. With few subscribers the figure is noise.`,
    '',
  ];
  return lines.join('\n');
}

async function main() {
  const options = parseOptions();
  const writes = Math.round(options.rate * options.duration);
  const run = Date.now().toString(36);
  const jwtSecret = randomBytes(32).toString('hex');

  const handle = await startNeo4j({ instance: 'bench-live', reuseRunning: true, log });
  let redis: RedisServer | undefined;
  const servers: RunningServer[] = [];
  /** Each server's inspector (loopback only), through which the bench collects its garbage. */
  const inspectPorts: number[] = [];
  const subscriberAgent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  let writer: Writer | undefined;
  let subscribers: Subscriber[] = [];
  try {
    await removeBenchStatements(handle);
    redis = await startRedis();
    const env = {
      ...newsgraphEnv(handle, jwtSecret),
      NEWSGRAPH_SEED: 'true',
      REDIS_URL: redis.url,
      SUBSCRIPTIONS_PER_CLIENT: '100000',
      NEO4J_MAX_CONCURRENT: String(NEO4J_MAX_CONCURRENT),
    };
    // One after the other: the first seeds an empty database, the second finds it seeded.
    for (const name of ['A', 'B']) {
      log(`Starting API ${name}…`);
      const inspectPort = await freePort();
      const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim();
      servers.push(await startServer('newsgraph', await freePort(), { ...env, NODE_OPTIONS: nodeOptions }));
      inspectPorts.push(inspectPort);
    }
    const token = await mintToken(loadConfig(env), {
      role: 'editor',
      ttlSeconds: 3600,
      subject: 'bench-writer',
    });
    writer = new Writer(token, run);
    log(`Creating the newsroom: ${NEWSROOM} sources and speakers…`);
    await writer.newsroom(servers[0] as RunningServer);

    log('Warming up: one subscription per instance and a write through each…');
    const warmupTally = new Tally(0, 0);
    const warmup = await subscribeAll(subscriberAgent, servers, servers.length, run, warmupTally);
    const warmupErrors = await probe(writer, servers, warmup, warmupTally);
    if (warmupErrors.size > 0) throw new Error(`warm-up: error events ${listed(warmupErrors)}`);
    for (const s of warmup) s.close();
    const rssIdle = await settledRss(servers, inspectPorts);

    log(`Opening ${options.subscribers} subscriptions…`);
    const tally = new Tally(options.subscribers, writes);
    subscribers = await subscribeAll(subscriberAgent, servers, options.subscribers, run, tally);
    const probeErrors = await probe(writer, servers, subscribers, tally);
    const quietBefore = machineCpu();
    const rssOpen = await settledRss(servers, inspectPorts);
    const quiet = busyPercent(quietBefore, machineCpu());

    log(`Writing ${writes} statements at ${options.rate}/s…`);
    const cpuBefore = servers.map((s) => cpuSeconds(s.pid));
    const machineBefore = machineCpu();
    const generatorBefore = process.cpuUsage();
    const started = now();
    const { sent, answered, ok, sendingMs } = await writeSteadily(writer, servers, writes, options.rate);
    await sleep(options.graceMs);
    const elapsed = (now() - started) / 1000;
    const generatorCpu = process.cpuUsage(generatorBefore);
    const machineAfter = machineCpu();
    const cpuAfter = servers.map((s) => cpuSeconds(s.pid));
    const atGrace = tally.summary(ok);
    if (atGrace.lost > 0) {
      log(`${atGrace.lost} deliveries missing; waiting for late ones…`);
      tally.lateAfter = now();
      await waitForLate(tally, ok);
    }
    const final = tally.summary(ok);
    const succeeded = ok.reduce((a, b) => a + b, 0);
    const rssEnd = servers.map((s) => s.rss());

    const ended = new Map<string, number>();
    for (const s of subscribers) if (s.ended) ended.set(s.ended, (ended.get(s.ended) ?? 0) + 1);
    const figures: Figures = {
      options,
      command: `npm run bench:live -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
      neo4j: handle.provider,
      writes,
      succeeded,
      sendingMs,
      deliveringMs: tally.lastAt - (sent[0] as number),
      roundTrip: Float64Array.from(sent, (at, n) => (answered[n] as number) - at).sort(),
      ...latencies(tally, sent, answered, ok),
      delivered: final.delivered,
      expected: options.subscribers * succeeded,
      lostAtGrace: atGrace.lost,
      late: tally.late,
      lost: final.lost,
      duplicated: final.duplicated,
      ofFailed: final.ofFailed,
      foreign: tally.foreign,
      eventErrors: tally.errors,
      probeErrors,
      writeErrors: writer.errors,
      ended,
      instances: servers.map((_, k) => ({
        name: k === 0 ? 'A' : 'B',
        subscribers:
          Math.floor(options.subscribers / servers.length) +
          (k < options.subscribers % servers.length ? 1 : 0),
        rssIdle: rssIdle[k] as number,
        rssOpen: rssOpen[k] as number,
        rssEnd: rssEnd[k] as number,
        cpuPercent: (((cpuAfter[k] as number) - (cpuBefore[k] as number)) / elapsed) * 100,
      })),
      machineBusyPercent: busyPercent(machineBefore, machineAfter),
      quietBusyPercent: quiet,
      generatorCpuPercent: ((generatorCpu.user + generatorCpu.system) / 1e6 / elapsed) * 100,
    };
    const markdown = render(figures);
    writeFileSync(options.out, markdown);
    process.stdout.write(markdown);
    log(`Written to ${options.out}.`);
  } finally {
    for (const s of subscribers) s.close();
    subscriberAgent.destroy();
    writer?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
    await removeBenchStatements(handle);
    await handle.stop();
  }
}

try {
  await main();
} catch (error) {
  exitWithError('bench:live', error);
}

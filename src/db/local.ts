/**
 * The local Neo4j: Neo4j Community 5.26 assembled from its Maven artifacts (neo4j/pom.xml) and run as a
 * child process on a loopback port. Used when no NEO4J_URI is configured and no Docker engine answers.
 *
 * Layout under the local directory (default `.neo4j/`, git-ignored):
 *   lib/                       the jars, resolved once by `mvn dependency:copy-dependencies`
 *   instances/<name>/          one server each: `dev` for `npm start`, `test` for the test suite
 *     conf/neo4j.conf          generated on every start
 *     data/ logs/ run/         Neo4j's own folders
 *     password                 the generated password (auth stays on, even on loopback)
 *     server.json              pid and port of the running server, for reuse, status and stop
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { type Supervised, type SupervisorOptions, supervise } from './supervisor.js';

/** A local Neo4j that could not be provisioned or started; `message` is one line naming the cause. */
export class Neo4jStartError extends Error {
  override name = 'Neo4jStartError';
  constructor(
    message: string,
    /** The last lines Neo4j printed, when it got as far as printing anything. */
    readonly logTail: string[] = [],
  ) {
    super(message);
  }
}

export interface LocalNeo4jOptions {
  /** Root folder for jars and instances (`NEO4J_LOCAL_DIR`, default `.neo4j`). */
  dir: string;
  /** Instance name: separate data, port and password per name. */
  instance: string;
  /** Bolt port on 127.0.0.1; a free one is picked when absent. */
  port?: number;
  heap?: string;
  pageCache?: string;
  /** Neo4j's Bolt worker threads (`server.bolt.thread_pool_max_size`), 64 by default. */
  boltThreads?: number;
  timeoutMs?: number;
  /** Leave the server running after this process exits (`npm run db:start`). */
  detached?: boolean;
  /** Restart the server when it exits without being stopped (not with `detached`: that one is not ours). */
  supervise?: SupervisorOptions;
  /** Environment used to find Java and Maven (JAVA_HOME, PATH). */
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  user: string;
  password: string;
  /** The running server's process; a new one after each restart. */
  readonly pid: number;
  port: number;
  /** Stops the server and waits until its process has exited. */
  stop(): Promise<void>;
}

interface ServerState {
  pid: number;
  port: number;
  startedAt: string;
}

const POM = fileURLToPath(new URL('../../neo4j/pom.xml', import.meta.url));
const USER = 'neo4j';
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

// The options Neo4j's own launcher passes to the JVM (server.jvm.additional in the packaged neo4j.conf).
const LAUNCHER_JVM_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+AlwaysPreTouch',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

/** The folders and files of one local instance. */
export function instancePaths(dir: string, instance: string) {
  const root = path.resolve(dir);
  const home = path.join(root, 'instances', instance);
  return {
    root,
    lib: path.join(root, 'lib'),
    libComplete: path.join(root, 'lib', '.complete'),
    home,
    conf: path.join(home, 'conf'),
    data: path.join(home, 'data'),
    logs: path.join(home, 'logs'),
    run: path.join(home, 'run'),
    import: path.join(home, 'import'),
    consoleLog: path.join(home, 'logs', 'console.log'),
    password: path.join(home, 'password'),
    state: path.join(home, 'server.json'),
  };
}
type Paths = ReturnType<typeof instancePaths>;

/** Finds a Java 17+ runtime (JAVA_HOME first, then PATH) or throws naming what is missing. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined, 'java'];
  for (const java of candidates) {
    if (!java) continue;
    const result = spawnSync(java, ['-version'], { env, encoding: 'utf8' });
    if (result.error) continue;
    const major = Number(/version "(?:1\.)?(\d+)/.exec(result.stderr)?.[1] ?? 0);
    if (major >= 17) return java;
    throw new Neo4jStartError(
      `Java ${major || '(unknown version)'} found at ${java}, but Neo4j 5.26 needs Java 17 or newer: install OpenJDK 17 or set JAVA_HOME`,
    );
  }
  throw new Neo4jStartError(
    'Java not found: the local Neo4j needs Java 17 or newer (checked JAVA_HOME and PATH); install OpenJDK 17, or set NEO4J_URI to use another Neo4j',
  );
}

/** Resolves the Neo4j jars with Maven once; later calls return at once. */
async function provisionJars(paths: Paths, env: NodeJS.ProcessEnv, log: (m: string) => void) {
  if (fs.existsSync(paths.libComplete)) return;
  if (spawnSync('mvn', ['-v'], { env }).error) {
    throw new Neo4jStartError(
      'Maven not found: it is needed once to download Neo4j 5.26 from Maven Central; install Maven, or set NEO4J_URI to use another Neo4j',
    );
  }
  log(`Downloading Neo4j 5.26 jars with Maven into ${paths.lib} (first start only)…`);
  fs.rmSync(paths.lib, { recursive: true, force: true });
  const args = ['-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${paths.lib}`];
  const tail: string[] = [];
  let downloaded = 0;
  const code = await new Promise<number>((resolve, reject) => {
    const mvn = spawn('mvn', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      if (line.startsWith('Downloaded from') && ++downloaded % 25 === 0)
        log(`  ${downloaded} files downloaded…`);
    };
    for (const stream of [mvn.stdout, mvn.stderr]) {
      let buffered = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (buffered + chunk).split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    mvn.on('error', reject).on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    const reason = tail.find((l) => l.startsWith('[ERROR]')) ?? `mvn exited with code ${code}`;
    throw new Neo4jStartError(`Could not download Neo4j with Maven: ${reason}`, tail);
  }
  fs.writeFileSync(paths.libComplete, `${new Date().toISOString()}\n`);
  log(`Neo4j jars ready (${fs.readdirSync(paths.lib).length - 1} jars, ${downloaded} files downloaded).`);
}

/** A free TCP port on 127.0.0.1, as the OS hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Throws a one-line error when something already listens on the port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Neo4jStartError(
              `Port ${port} on 127.0.0.1 is already in use: stop what listens there or set NEO4J_LOCAL_PORT to another port`,
            )
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function writeConfig(paths: Paths, port: number, pageCache: string, boltThreads: number) {
  fs.mkdirSync(paths.conf, { recursive: true });
  const settings = {
    'server.directories.data': paths.data,
    'server.directories.logs': paths.logs,
    'server.directories.run': paths.run,
    'server.default_listen_address': '127.0.0.1',
    'server.bolt.listen_address': `127.0.0.1:${port}`,
    'server.bolt.advertised_address': `127.0.0.1:${port}`,
    'server.http.enabled': 'false',
    'server.https.enabled': 'false',
    'server.memory.pagecache.size': pageCache,
    'dbms.security.auth_enabled': 'true',
    'dbms.usage_report.enabled': 'false',
    // Defence in depth behind the analyst Cypher's plan check: LOAD CSV may read no file and fetch no
    // URL, and its import folder is an empty one of this instance's.
    'dbms.security.allow_csv_import_from_file_urls': 'false',
    'server.directories.import': paths.import,
    'internal.dbms.cypher_ip_blocklist': '0.0.0.0/0,::/0',
    // No one transaction (an analyst's collect() of millions, say) may take the heap from everyone.
    'db.memory.transaction.max': '256m',
    'db.transaction.timeout': '60s',
    'db.lock.acquisition.timeout': '20s',
    // Two cores: keep Bolt's worker pool small so Neo4j does not thrash the CPU it shares with Node.
    'server.bolt.thread_pool_max_size': String(boltThreads),
    'server.bolt.thread_pool_min_size': String(Math.min(5, boltThreads)),
    // Netty's graceful shutdown otherwise idles 2 × 5 s after the databases have already stopped.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period': '0',
    'internal.server.bolt.connection_shutdown_wait_time': '1s',
  };
  const body = Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  fs.writeFileSync(
    path.join(paths.conf, 'neo4j.conf'),
    `# Generated by newsgraph on every start.\n${body}\n`,
  );
}

function runAdmin(
  java: string,
  paths: Paths,
  env: NodeJS.ProcessEnv,
  args: string[],
): SpawnSyncReturns<string> {
  return spawnSync(java, ['-cp', `${paths.lib}/*`, 'org.neo4j.server.startup.Neo4jAdminCommand', ...args], {
    env: { ...env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf },
    encoding: 'utf8',
  });
}

/** The instance's password, generated and set before its first start (it cannot be set afterwards). */
function ensurePassword(java: string, paths: Paths, env: NodeJS.ProcessEnv): string {
  if (fs.existsSync(paths.password)) return fs.readFileSync(paths.password, 'utf8').trim();
  if (fs.existsSync(path.join(paths.data, 'databases'))) {
    throw new Neo4jStartError(
      `The local Neo4j data in ${paths.data} has no password file beside it: delete ${paths.home} to start afresh`,
    );
  }
  // Hex: a password starting with "-" would be read as an option by neo4j-admin.
  const password = randomBytes(18).toString('hex');
  const result = runAdmin(java, paths, env, ['dbms', 'set-initial-password', password]);
  if (result.status !== 0) {
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    throw new Neo4jStartError(`Could not set the local Neo4j password: ${lines[0]}`, lines.slice(0, 15));
  }
  fs.writeFileSync(paths.password, `${password}\n`, { mode: 0o600 });
  return password;
}

function readState(paths: Paths): ServerState | undefined {
  try {
    return JSON.parse(fs.readFileSync(paths.state, 'utf8')) as ServerState;
  } catch {
    return undefined;
  }
}

/** True when `pid` is a Neo4j server of this instance (and not some process that reused the pid). */
function isOurServer(pid: number, paths: Paths): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(ENTRY_POINT) && cmdline.includes(`--home-dir=${paths.home}`);
  } catch {
    return false;
  }
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server with SIGTERM (Neo4j shuts down cleanly on it); SIGKILL only if it hangs. */
async function stopPid(pid: number, paths: Paths, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  if (readState(paths)?.pid === pid) fs.rmSync(paths.state, { force: true });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function logTail(paths: Paths, lines = 15): string[] {
  try {
    return fs.readFileSync(paths.consoleLog, 'utf8').trimEnd().split('\n').slice(-lines);
  } catch {
    return [];
  }
}

/** One line saying why Neo4j stopped, read from what it printed. */
export function startFailureCause(log: string[], port: number, dataDir = 'the data folder'): string {
  const text = log.join('\n');
  if (/Address already in use|BindException/.test(text)) return `port ${port} on 127.0.0.1 is already in use`;
  if (/UnsupportedClassVersionError/.test(text))
    return 'the Java runtime is too old for Neo4j 5.26 (needs 17+)';
  if (/Could not reserve enough space|OutOfMemoryError/.test(text))
    return 'not enough memory for the JVM heap';
  const causes = log.filter((l) => /^Caused by: |ERROR|Exception: /.test(l));
  const last =
    causes
      .at(-1)
      ?.replace(/^Caused by: /, '')
      .trim() ?? 'see the Neo4j log';
  if (/storemigration|UnderlyingStorageException|store is corrupt|metadata store/i.test(text)) {
    return `its data cannot be read (damaged, or from another Neo4j version): ${last}; delete ${dataDir} to start afresh`;
  }
  return last;
}

/** Status of an instance without starting anything: the running server's pid and uri, if any. */
export function localStatus(dir: string, instance: string) {
  const paths = instancePaths(dir, instance);
  const state = readState(paths);
  const running = state !== undefined && isOurServer(state.pid, paths);
  return {
    paths,
    running,
    pid: running ? state.pid : undefined,
    uri: running ? `bolt://127.0.0.1:${state.port}` : undefined,
  };
}

/** Stops a running instance (the `db:stop` command, or a server left over from a killed run). */
export async function stopLocal(dir: string, instance: string): Promise<boolean> {
  const { paths, running, pid } = localStatus(dir, instance);
  if (!running || pid === undefined) return false;
  await stopPid(pid, paths);
  return true;
}

/** Connects to an instance already running (started by `npm run db:start`), or returns undefined. */
export function attachLocal(dir: string, instance: string): LocalNeo4j | undefined {
  const { paths, running, pid } = localStatus(dir, instance);
  const state = readState(paths);
  if (!running || pid === undefined || !state) return undefined;
  return {
    uri: `bolt://127.0.0.1:${state.port}`,
    user: USER,
    password: fs.readFileSync(paths.password, 'utf8').trim(),
    pid,
    port: state.port,
    // Not ours to stop: whoever ran db:start stops it with db:stop.
    stop: async () => {},
  };
}

/**
 * Starts the instance and resolves once Bolt accepts an authenticated connection. A server of the same
 * instance left over from an earlier run is stopped first. Unless `detached`, the server is stopped when
 * this process exits, however it exits, and with `supervise` it is restarted when it exits by itself.
 */
export async function startLocal(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const paths = instancePaths(options.dir, options.instance);
  await stopLocal(options.dir, options.instance);

  const java = findJava(env);
  await provisionJars(paths, env, log);
  const port = options.port ?? (await freePort());
  await assertPortFree(port);
  for (const dir of [paths.data, paths.logs, paths.run, paths.import]) fs.mkdirSync(dir, { recursive: true });
  writeConfig(paths, port, options.pageCache ?? '512m', options.boltThreads ?? 64);
  const password = ensurePassword(java, paths, env);

  const launchOptions = { ...options, java, env, paths, port, password };
  const first = await launch(launchOptions);
  const uri = `bolt://127.0.0.1:${port}`;
  if (options.detached || !options.supervise) {
    return { uri, user: USER, password, pid: first.pid, port, stop: first.stop };
  }
  // Same port on every restart, so the driver's connections to it recover by themselves.
  const supervisor = supervise(
    first,
    async (signal) => {
      await assertPortFree(port);
      return launch(launchOptions, signal);
    },
    { ...options.supervise, name: 'local Neo4j' },
  );
  return {
    uri,
    user: USER,
    password,
    get pid() {
      return supervisor.current.pid;
    },
    port,
    stop: () => supervisor.stop(),
  };
}

/**
 * Spawns the configured server and resolves once Bolt accepts an authenticated connection; when it
 * exits first or never answers, stops it and throws a Neo4jStartError naming the cause. Aborting
 * `signal` stops a start in progress.
 */
async function launch(
  options: LocalNeo4jOptions & {
    java: string;
    env: NodeJS.ProcessEnv;
    paths: Paths;
    port: number;
    password: string;
  },
  signal?: AbortSignal,
): Promise<Supervised> {
  const { java, env, paths, port, password } = options;
  const heap = options.heap ?? '1g';
  const out = fs.openSync(paths.consoleLog, 'w');
  const child = spawn(
    java,
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      ...LAUNCHER_JVM_OPTIONS,
      // A JVM out of heap is in no state to serve: exit, and let the supervisor start it afresh.
      '-XX:+ExitOnOutOfMemoryError',
      '-cp',
      `${paths.lib}/*`,
      ENTRY_POINT,
      `--home-dir=${paths.home}`,
      `--config-dir=${paths.conf}`,
      '--console-mode',
    ],
    // Its own process group, so a Ctrl-C in the terminal reaches only us and we stop Neo4j in order.
    { env, stdio: ['ignore', out, out], detached: true },
  );
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Neo4jStartError(`Could not start ${java}`);
  fs.writeFileSync(paths.state, JSON.stringify({ pid, port, startedAt: new Date().toISOString() }));

  // How it exited, read from its log at once: a restart overwrites the log.
  let exitedHow: string | undefined;
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, exitSignal) => {
      exitedHow = exitSignal
        ? `killed by ${exitSignal}`
        : `${startFailureCause(logTail(paths, 200), port, paths.data)} (exit code ${code})`;
      resolve(exitedHow);
    }),
  );
  // Last resort for crashes and process.exit(): Neo4j shuts down by itself on SIGTERM.
  const killOnExit = () => {
    if (exitedHow === undefined) child.kill('SIGTERM');
  };
  if (options.detached) child.unref();
  else {
    process.on('exit', killOnExit);
    void exited.then(() => process.off('exit', killOnExit));
  }
  signal?.addEventListener('abort', killOnExit, { once: true });

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exitedHow === undefined) await stopPid(pid, paths);
  };
  const fail = async (reason: string) => {
    const tail = logTail(paths);
    await stop();
    throw new Neo4jStartError(`Local Neo4j did not start: ${reason} (log: ${paths.consoleLog})`, tail);
  };

  const uri = `bolt://127.0.0.1:${port}`;
  const driver = neo4j.driver(uri, neo4j.auth.basic(USER, password), { connectionTimeout: 2000 });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  try {
    for (;;) {
      if (signal?.aborted) return await fail('stopped while starting');
      if (exitedHow !== undefined) return await fail(exitedHow);
      if (Date.now() > deadline)
        return await fail(`no Bolt connection within ${options.timeoutMs ?? 120_000} ms`);
      try {
        await driver.verifyConnectivity();
        break;
      } catch {
        await sleep(250);
      }
    }
  } finally {
    await driver.close();
  }
  return { pid, exited, stop };
}

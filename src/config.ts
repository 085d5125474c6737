import { z } from 'zod';

/** Load shedding in front of Neo4j (db/gate.ts). */
export interface GateLimits {
  /** Queries running at once (`NEO4J_MAX_CONCURRENT`). */
  maxConcurrent: number;
  /** Queries waiting for a slot at once (`NEO4J_QUEUE`). */
  queue: number;
  /** How long one query may wait for a slot (`NEO4J_QUEUE_TIMEOUT`). */
  waitMs: number;
}

/**
 * Why these defaults: a running query holds one pooled driver connection (maxConnectionPoolSize 50 in
 * createDriver) and one Neo4j Bolt worker thread (64 on the local server, server.bolt.thread_pool_max_size
 * in local.ts; with none free Neo4j refuses). 40 stays below both, so a query never waits out the pool's
 * 5 s acquisition timeout nor meets a refusal, and what bypasses the gate (connectivity checks, batch
 * deletes, another tool on the same Neo4j) still finds a connection and a thread. Processes sharing one
 * Neo4j should together stay below its thread count. The queue holds a burst of two and a half times the
 * slots, which at tens of milliseconds a query drains well within the wait; the wait is bounded like the
 * driver's own timeouts, so a client hears back within about 5 s.
 */
export const GATE_DEFAULTS: GateLimits = { maxConcurrent: 40, queue: 100, waitMs: 5_000 };

/**
 * Analysts' Cypher runs up to its timeout (10 s): four at once leave the other 36 slots to everyone
 * else, however many `cypher` fields a request aliases.
 */
export const CYPHER_GATE_DEFAULTS: GateLimits = { maxConcurrent: 4, queue: 8, waitMs: 5_000 };

/** Thrown when an environment variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** True for an origin exactly as a browser sends it: http(s)://host[:port], nothing more. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.origin === value && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(4000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must look like bolt://host:7687 or neo4j://host:7687')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  /** Where the local Neo4j keeps its jars, data and logs when no NEO4J_URI is given. */
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j'),
  /** Name of the local Neo4j instance (own data folder and port); tests use their own. */
  NEO4J_LOCAL_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and -')
    .default('dev'),
  /** Bolt port of the local Neo4j; a free port when unset. */
  NEO4J_LOCAL_PORT: port.optional(),
  /** JVM heap (-Xms/-Xmx) and page cache of the local Neo4j, sized for a 2-core machine by default. */
  NEO4J_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 2g')
    .default('1g'),
  NEO4J_LOCAL_PAGECACHE: z
    .string()
    .regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 2g')
    .default('512m'),
  /** Seconds to wait for a local Neo4j to accept connections. */
  NEO4J_START_TIMEOUT: z.coerce.number().int().positive().default(120),
  /** Failed restarts in a row after which the server gives up on a local Neo4j that died (0: no restarts). */
  NEO4J_LOCAL_RESTARTS: z.coerce.number().int().nonnegative().default(5),
  /** Load shedding (db/gate.ts): Neo4j queries at once, queries waiting, seconds one may wait. */
  NEO4J_MAX_CONCURRENT: z.coerce.number().int().positive().default(GATE_DEFAULTS.maxConcurrent),
  NEO4J_QUEUE: z.coerce.number().int().nonnegative().default(GATE_DEFAULTS.queue),
  NEO4J_QUEUE_TIMEOUT: z.coerce
    .number()
    .positive()
    .default(GATE_DEFAULTS.waitMs / 1000),
  /** HS256 secret for bearer tokens (at least 32 characters); in development one is generated. */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Public keys for bearer tokens, instead of a secret: a JWKS file, or a URL serving one. */
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url({ message: 'must be a URL' }).optional(),
  AUTH_ISSUER: z.string().min(1).default('newsgraph'),
  AUTH_AUDIENCE: z.string().min(1).default('newsgraph'),
  /** Longest lifetime (exp − iat, in seconds) of a token this server accepts; a day by default. */
  AUTH_MAX_TTL: z.coerce.number().int().positive().default(86_400),
  /** JSON file of API keys for services: [{ "name", "role", "sha256" }] (the key's hex SHA-256). */
  AUTH_API_KEYS_FILE: z.string().min(1).optional(),
  /** Readers need no credentials while this is on. */
  AUTH_ANONYMOUS_READS: flag.default(true),
  /** Query limits: nesting depth, aliases, lexical tokens, directives, and the objects it can return. */
  LIMIT_DEPTH: z.coerce.number().int().positive().default(12),
  LIMIT_ALIASES: z.coerce.number().int().positive().default(15),
  LIMIT_TOKENS: z.coerce.number().int().positive().default(2000),
  LIMIT_DIRECTIVES: z.coerce.number().int().positive().default(10),
  LIMIT_NODES: z.coerce.number().int().positive().default(50_000),
  /** Largest request body accepted, in bytes. */
  LIMIT_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  /** JSON file mapping operation hashes to documents: when set, only those operations run. */
  PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
  /** Schema introspection and field suggestions; off in production unless turned on. */
  INTROSPECTION: flag.optional(),
  /** Seconds one transaction may run before Neo4j stops it (the client gets TIMEOUT). */
  QUERY_TIMEOUT: z.coerce.number().positive().default(15),
  /** Analysts' read-only Cypher: seconds before it is stopped, and the most rows it returns. */
  CYPHER_TIMEOUT: z.coerce.number().positive().default(10),
  CYPHER_ROW_CAP: z.coerce.number().int().positive().default(1000),
  /** Analysts' Cypher queries running at once in this process (the rest wait briefly, then 503). */
  CYPHER_MAX_CONCURRENT: z.coerce.number().int().positive().default(CYPHER_GATE_DEFAULTS.maxConcurrent),
  /** Bytes of rows, nodes and relationships one cypher answer may carry before it is cut. */
  CYPHER_MAX_BYTES: z.coerce.number().int().positive().default(5_000_000),
  /**
   * Seconds an anonymous read's response may be served from the in-process cache (0 turns it off). Writes
   * through this server clear it at once; this bounds staleness for writes made elsewhere.
   */
  RESPONSE_CACHE_TTL: z.coerce.number().nonnegative().default(5),
  RESPONSE_CACHE_ENTRIES: z.coerce.number().int().positive().default(500),
  /** Seed the article graph at start-up when the database is empty. */
  NEWSGRAPH_SEED: flag.default(true),
  /**
   * Origins (scheme://host[:port], comma-separated) whose pages may call the API from a browser. None
   * by default; development also allows pages served from this machine.
   */
  CORS_ORIGINS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isOrigin, 'must be origins such as https://app.example.org')))
    .default([]),
  /** GET /metrics in Prometheus format; on by default, like /health, for the operator's scraper. */
  METRICS: flag.default(true),
  /** When set, /metrics answers only `Authorization: Bearer <this>` (for a port the public can reach). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Redis (redis://host:port) through which instances share subscription events and cache
   * invalidations; without it both stay in this process.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must look like redis://host:6379')
    .optional(),
  /** Subscriptions one client (a token's subject, or an address when anonymous) may hold open. */
  SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().positive().default(20),
  /**
   * Behind a proxy or load balancer: an anonymous client's address is the first of X-Forwarded-For
   * (which the proxy must set) instead of the connection's, which is the proxy's.
   */
  TRUST_PROXY: flag.default(false),
  /** Seconds to let in-flight requests finish on SIGTERM/SIGINT. */
  SHUTDOWN_GRACE: z.coerce.number().int().nonnegative().default(10),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    neo4j: {
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      localDir: env.NEO4J_LOCAL_DIR,
      localInstance: env.NEO4J_LOCAL_INSTANCE,
      localPort: env.NEO4J_LOCAL_PORT,
      localHeap: env.NEO4J_LOCAL_HEAP,
      localPageCache: env.NEO4J_LOCAL_PAGECACHE,
      startTimeoutMs: env.NEO4J_START_TIMEOUT * 1000,
      localRestarts: env.NEO4J_LOCAL_RESTARTS,
      gate: {
        maxConcurrent: env.NEO4J_MAX_CONCURRENT,
        queue: env.NEO4J_QUEUE,
        waitMs: env.NEO4J_QUEUE_TIMEOUT * 1000,
      },
      cypherGate: { ...CYPHER_GATE_DEFAULTS, maxConcurrent: env.CYPHER_MAX_CONCURRENT },
    },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      jwksFile: env.AUTH_JWKS_FILE,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      maxTtlSeconds: env.AUTH_MAX_TTL,
      apiKeysFile: env.AUTH_API_KEYS_FILE,
      anonymousReads: env.AUTH_ANONYMOUS_READS,
    },
    limits: {
      depth: env.LIMIT_DEPTH,
      aliases: env.LIMIT_ALIASES,
      tokens: env.LIMIT_TOKENS,
      directives: env.LIMIT_DIRECTIVES,
      nodes: env.LIMIT_NODES,
      bodyBytes: env.LIMIT_BODY_BYTES,
    },
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE,
    introspection: env.INTROSPECTION ?? env.NODE_ENV !== 'production',
    responseCache: { ttlMs: env.RESPONSE_CACHE_TTL * 1000, maxEntries: env.RESPONSE_CACHE_ENTRIES },
    seedOnStart: env.NEWSGRAPH_SEED,
    queryTimeoutMs: env.QUERY_TIMEOUT * 1000,
    cypher: {
      timeoutMs: env.CYPHER_TIMEOUT * 1000,
      rowCap: env.CYPHER_ROW_CAP,
      maxBytes: env.CYPHER_MAX_BYTES,
    },
    graphiql: env.NODE_ENV !== 'production',
    corsOrigins: env.CORS_ORIGINS,
    metrics: { enabled: env.METRICS, token: env.METRICS_TOKEN },
    live: { redisUrl: env.REDIS_URL, perClient: env.SUBSCRIPTIONS_PER_CLIENT, trustProxy: env.TRUST_PROXY },
    shutdownGraceMs: env.SHUTDOWN_GRACE * 1000,
  };
}

/** Reads and validates configuration from environment variables; throws ConfigError naming each bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(present[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  if (parsed.data.NEO4J_URI && parsed.data.NEO4J_PASSWORD === undefined) {
    throw new ConfigError('Invalid configuration: NEO4J_PASSWORD must be set when NEO4J_URI is set');
  }
  return toConfig(parsed.data);
}

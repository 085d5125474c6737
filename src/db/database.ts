import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { CYPHER_GATE_DEFAULTS } from '../config.js';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toParams, toPlain } from './convert.js';
import { Gate } from './gate.js';
import type { Neo4jHandle } from './provider.js';

export type Row = Record<string, unknown>;
type Params = Record<string, unknown>;

/** The bookmarks of a window that wrote nothing: one shared empty list. */
const NO_BOOKMARKS: readonly string[] = Object.freeze([]);

/** How long a closing session may take to confirm before its gate slot is freed anyway. */
const SESSION_CLOSE_WAIT_MS = 5_000;

/** Runs one Cypher statement inside a write transaction; rows come back as plain values. */
export type TxRun = (name: string, cypher: string, params?: Params) => Promise<Row[]>;

/**
 * Told of every statement once Neo4j has answered or failed it: its name, milliseconds from sending it to
 * having its rows (not the wait for a gate slot), and whether it succeeded. The http layer feeds metrics
 * with it, so this layer needs no metrics library.
 */
export type QueryObserver = (name: string, ms: number, ok: boolean) => void;

/** Creates a driver tuned to fail fast when Neo4j is down, instead of the driver's 30–60 s defaults. */
export function createDriver(handle: Pick<Neo4jHandle, 'uri' | 'user' | 'password'>): Driver {
  return neo4j.driver(handle.uri, neo4j.auth.basic(handle.user, handle.password), {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => {} },
  });
}

/**
 * A window on Neo4j for one request (or one command): every query carries a name, goes through here,
 * and is counted, so tests can prove how many queries an operation costs and logs can say which ran.
 */
export class Database {
  /** Queries run so far through this instance. */
  queryCount = 0;
  /** Sessions open through this window; `cancelAll` closes them. */
  private readonly open = new Set<Session>();
  /** Set by `cancelAll`: the request is over, and no new session opens. */
  private ended = false;
  /**
   * The bookmarks every new session waits for (Neo4j starts its transactions once it has the
   * transactions they name): the request's own, then those of this window's commits. Undefined when
   * there are none, the common case, which allocates nothing.
   */
  private chain: string[] | undefined;
  /** Set once a write of this window has committed. */
  private wrote = false;

  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    private readonly logger?: Logger,
    private readonly txTimeoutMs = 15_000,
    /** The process's cap on concurrent queries, shared by every window over this driver. */
    readonly gate = new Gate(),
    /** A smaller cap for analysts' own Cypher, so that a few of them cannot fill `gate`. */
    readonly cypherGate = new Gate(CYPHER_GATE_DEFAULTS),
    private readonly onQuery?: QueryObserver,
    /** Bookmarks (from earlier writes, maybe through another instance) that this window's reads wait for. */
    bookmarks?: string[],
  ) {
    this.chain = bookmarks?.length ? bookmarks : undefined;
  }

  /**
   * A fresh counter over the same driver, for one request; logger and observer carry over unless given.
   * Its sessions wait for `bookmarks`, if any.
   */
  forRequest(logger?: Logger, onQuery?: QueryObserver, bookmarks?: string[]): Database {
    return new Database(
      this.driver,
      this.database,
      logger ?? this.logger,
      this.txTimeoutMs,
      this.gate,
      this.cypherGate,
      onQuery ?? this.onQuery,
      bookmarks,
    );
  }

  /**
   * The bookmarks of this window's committed writes, to hand back to the client: a later request that
   * sends them reads those writes, whichever instance and cluster member serves it. Empty if it wrote
   * nothing. They cover the bookmarks the request brought, which its writes waited for.
   */
  get bookmarks(): readonly string[] {
    return this.wrote && this.chain ? this.chain : NO_BOOKMARKS;
  }

  /**
   * Runs a read query as an auto-commit transaction in READ mode: one network write per query where a
   * managed transaction takes three (BEGIN, COMMIT, reset), which measured ~10% of a request's time.
   * Errors Neo4j marks retriable (a leader switch, a lost connection) are tried again, twice at most.
   */
  async read(name: string, cypher: string, params: Params = {}): Promise<Row[]> {
    this.count(name);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withSession('READ', (session) =>
          this.timed(name, async () => {
            const result = await session.run(cypher, toParams(params) as Params, {
              timeout: this.txTimeoutMs,
              metadata: { app: 'newsgraph', query: name },
            });
            return result.records.map((r) => toPlain(r.toObject()) as Row);
          }),
        );
      } catch (error) {
        if (attempt >= 3 || !neo4j.isRetryableError(error as Error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** Runs `work` in one write transaction: all of it commits, or nothing does. */
  async write<T>(name: string, work: (run: TxRun) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', async (session) => {
      // withSession calls this right after opening the session, so it waits for exactly these.
      const waitedFor = this.chain;
      const result = await session.executeWrite(
        (tx: ManagedTransaction) =>
          work((queryName, cypher, params = {}) => {
            const fullName = `${name}.${queryName}`;
            this.count(fullName);
            return this.timed(fullName, async () => {
              const result = await tx.run(cypher, toParams(params) as Params);
              return result.records.map((r) => toPlain(r.toObject()) as Row);
            });
          }),
        { timeout: this.txTimeoutMs, metadata: { app: 'newsgraph', query: name } },
      );
      // The commit's bookmark covers those the session waited for, so it replaces them; bookmarks that
      // a concurrent write of this window added meanwhile stay.
      const others = this.chain?.filter((bookmark) => !waitedFor?.includes(bookmark)) ?? [];
      this.chain = [...others, ...session.lastBookmarks()];
      this.wrote = true;
      return result;
    });
  }

  /**
   * Runs `work` in a session of this window, closed when `work` settles. Every session goes through
   * here, so that `cancelAll` can reach it, and holds a slot of the gate while open (never open
   * another session inside `work`: under full load it would wait for a slot its caller holds).
   */
  withSession<T>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      // A request that has ended (see cancelAll) starts nothing more: its answer is already gone.
      if (this.ended) throw userError('SERVICE_UNAVAILABLE', 'the request has ended');
      const session = this.driver.session({
        database: this.database,
        defaultAccessMode: neo4j.session[mode],
        bookmarks: this.chain,
      });
      this.open.add(session);
      try {
        return await work(session);
      } finally {
        this.open.delete(session);
        // A connection stuck mid-answer may never confirm the close: the slot is freed all the same.
        let wait: NodeJS.Timeout | undefined;
        await Promise.race([
          session.close(),
          new Promise((resolve) => {
            wait = setTimeout(resolve, SESSION_CLOSE_WAIT_MS).unref();
          }),
        ]);
        clearTimeout(wait);
      }
    });
  }

  /**
   * Closes every session still open, once the request that owns this window has its answer or its
   * client went away: closing a session resets its connection, which stops a running query in Neo4j
   * at once instead of at its timeout. A write still in flight rolls back, all of it.
   */
  async cancelAll(): Promise<void> {
    this.ended = true;
    const open = [...this.open];
    this.open.clear();
    await Promise.allSettled(open.map((session) => session.close()));
  }

  private count(name: string) {
    this.queryCount++;
    this.logger?.debug({ query: name }, 'cypher');
  }

  /** Runs one statement and tells the observer, if any, how long it took and whether it failed. */
  private async timed(name: string, run: () => Promise<Row[]>): Promise<Row[]> {
    if (!this.onQuery) return run();
    const started = performance.now();
    try {
      const rows = await run();
      this.onQuery(name, performance.now() - started, true);
      return rows;
    } catch (error) {
      this.onQuery(name, performance.now() - started, false);
      throw error;
    }
  }
}

/**
 * Detach-deletes the nodes that `match` (a fixed pattern binding `n`, never input) finds, `batch` per
 * transaction, so that no transaction outgrows Neo4j's memory limit however many there are.
 */
export async function deleteInBatches(
  driver: Driver,
  database: string | undefined,
  match: string,
  batch: number,
) {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
  const session = driver.session({ database });
  try {
    await session.run(`${match} CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS`, {
      batch: neo4j.int(batch),
    });
  } finally {
    await session.close();
  }
}

/** Deletes every node and relationship (constraints and indexes stay), in batches that fit in memory. */
export function clearGraph(driver: Driver, database?: string): Promise<void> {
  return deleteInBatches(driver, database, 'MATCH (n)', 10_000);
}

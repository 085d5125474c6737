/**
 * Load shedding in front of Neo4j: at most `maxConcurrent` queries of this process run at once; the
 * next ones wait in a short first-come queue, each for a bounded time, and beyond that are refused with
 * SERVICE_UNAVAILABLE (HTTP 503, Retry-After) — before Neo4j runs out of Bolt threads and refuses them
 * itself, after the driver has spent seconds retrying.
 */
import { userError } from '../errors.js';

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

const busy = (reason: string) =>
  userError('SERVICE_UNAVAILABLE', `The server is busy (${reason}); try again shortly`);

/** A cap on concurrent queries with a bounded queue (see above); one per process, shared by requests. */
export class Gate {
  private active = 0;
  /** Waiting queries, oldest first: each is handed a slot by calling it. */
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limits: GateLimits = GATE_DEFAULTS) {}

  /** Queries running now and queries waiting for a slot. */
  get load() {
    return { running: this.active, waiting: this.waiting.length };
  }

  /** Runs `work` in a slot, waiting for one if need be; throws SERVICE_UNAVAILABLE when none comes. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queue) {
      return Promise.reject(busy('too many database queries are waiting'));
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(busy(`no database slot within ${this.limits.waitMs} ms`));
      }, this.limits.waitMs);
      this.waiting.push(grant);
    });
  }

  private release() {
    // The slot passes straight to the oldest waiting query, so `active` stays the same.
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

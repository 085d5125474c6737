/**
 * Load shedding in front of Neo4j: at most `maxConcurrent` queries of this process run at once; the
 * next ones wait in a short first-come queue, each for a bounded time, and beyond that are refused with
 * SERVICE_UNAVAILABLE (HTTP 503, Retry-After) — before Neo4j runs out of Bolt threads and refuses them
 * itself, after the driver has spent seconds retrying.
 */
import { GATE_DEFAULTS, type GateLimits } from '../config.js';
import { userError } from '../errors.js';

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

/**
 * Keeps a child server running: when it exits without being asked to, it is started again after a
 * delay that doubles with each failed attempt, and after too many failures in a row the supervisor
 * gives up and says why. Used for the local Neo4j (./local.ts); knows nothing Neo4j-specific.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** A running process as the supervisor sees it. */
export interface Supervised {
  pid: number;
  /** Resolves when the process exits, with how ("killed by SIGKILL", "… (exit code 1)"). */
  exited: Promise<string>;
  /** Stops the process and waits until it has exited. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Consecutive failed restarts before giving up (default 5). */
  maxRestarts?: number;
  /**
   * How long a restarted process must stay up to count as a success (default 60 s): one that starts and
   * soon dies again (a crash loop) counts as one more failed attempt, so the loop ends in a give-up.
   */
  stableMs?: number;
  /** Wait before the first restart, doubled after each failed one up to `maxDelayMs` (1 s and 30 s). */
  delayMs?: number;
  maxDelayMs?: number;
  /** One line per event: the exit and its cause, each attempt, each failure and its cause. */
  log?: (message: string) => void;
  /** The process is running again. */
  onRestart?: (restart: { pid: number; attempts: number; downMs: number }) => void;
  /** Restarts kept failing and the process stays down; the error names the last cause. */
  onGiveUp: (error: Error) => void;
}

/**
 * Watches `first` and restarts it with `start` whenever it exits before `stop()`. `start` gets a signal
 * that aborts when the supervisor is stopped, so a restart in progress does not outlive it.
 */
export function supervise(
  first: Supervised,
  start: (signal: AbortSignal) => Promise<Supervised>,
  options: SupervisorOptions & { name: string },
) {
  const {
    name,
    maxRestarts = 5,
    stableMs = 60_000,
    delayMs = 1_000,
    maxDelayMs = 30_000,
    log = () => {},
  } = options;
  const stopping = new AbortController();
  let current = first;
  let restarting: Promise<void> | undefined;
  /** When the current process was restarted, and after how many attempts in a row. */
  let restartedAt = Number.NEGATIVE_INFINITY;
  let attemptsSoFar = 0;

  const watch = (child: Supervised) => {
    void child.exited.then((how) => {
      if (!stopping.signal.aborted) restarting = restart(child, how);
    });
  };

  async function restart(dead: Supervised, how: string) {
    const downSince = Date.now();
    log(`${name} (pid ${dead.pid}) exited unexpectedly: ${how}`);
    let lastError: Error | undefined = Date.now() - restartedAt < stableMs ? new Error(how) : undefined;
    for (let attempt = lastError ? attemptsSoFar + 1 : 1; attempt <= maxRestarts; attempt++) {
      const delay = Math.min(delayMs * 2 ** (attempt - 1), maxDelayMs);
      log(`${name}: restart ${attempt} of at most ${maxRestarts} in ${delay} ms`);
      try {
        await sleep(delay, undefined, { signal: stopping.signal });
        current = await start(stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return;
        lastError = error as Error;
        log(`${name}: restart ${attempt} failed: ${lastError.message}`);
        continue;
      }
      restartedAt = Date.now();
      attemptsSoFar = attempt;
      const downMs = restartedAt - downSince;
      log(`${name} restarted (pid ${current.pid}) after ${downMs} ms down`);
      options.onRestart?.({ pid: current.pid, attempts: attempt, downMs });
      watch(current);
      return;
    }
    options.onGiveUp(
      new Error(
        `${name} could not be restarted: ${maxRestarts} attempts failed, the last: ${lastError?.message}`,
      ),
    );
  }

  watch(first);
  return {
    /** The process running now (or the last one, once it has given up). */
    get current() {
      return current;
    },
    /** Stops supervising and the process, including one being restarted. */
    async stop() {
      stopping.abort();
      await restarting;
      await current.stop();
    },
  };
}

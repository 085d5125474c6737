import { describe, expect, it } from 'vitest';
import { type Supervised, supervise } from '../src/db/supervisor.js';
import { until } from './helpers.js';

/** A stand-in process: `die` makes it exit as if killed. */
function fakeProcess(pid: number) {
  let die: (how: string) => void = () => {};
  const exited = new Promise<string>((resolve) => {
    die = resolve;
  });
  const process: Supervised & { die: typeof die; stopped: boolean } = {
    pid,
    exited,
    die,
    stopped: false,
    async stop() {
      process.stopped = true;
      die('stopped');
    },
  };
  return process;
}

describe('the supervisor', () => {
  it('waits twice as long after each failed restart, up to maxDelayMs, then gives up naming the last cause', async () => {
    const log: string[] = [];
    const first = fakeProcess(1);
    let attempts = 0;
    const gaveUp = new Promise<Error>((onGiveUp) =>
      supervise(
        first,
        async () => {
          attempts++;
          throw new Error(`no luck ${attempts}`);
        },
        { name: 'server', delayMs: 10, maxDelayMs: 40, maxRestarts: 5, log: (m) => log.push(m), onGiveUp },
      ),
    );
    first.die('exit code 137');
    expect((await gaveUp).message).toBe(
      'server could not be restarted: 5 attempts failed, the last: no luck 5',
    );
    expect(log.filter((m) => m.includes(' in '))).toEqual([
      'server: restart 1 of at most 5 in 10 ms',
      'server: restart 2 of at most 5 in 20 ms',
      'server: restart 3 of at most 5 in 40 ms',
      'server: restart 4 of at most 5 in 40 ms',
      'server: restart 5 of at most 5 in 40 ms',
    ]);
    expect(log[0]).toBe('server (pid 1) exited unexpectedly: exit code 137');
  });

  it('starts counting afresh after a successful restart, and restarts nothing once stopped', async () => {
    const processes = [fakeProcess(1), fakeProcess(2), fakeProcess(3)];
    const restarted: number[] = [];
    let next = 1;
    const supervisor = supervise(processes[0] as Supervised, async () => processes[next++] as Supervised, {
      name: 'server',
      delayMs: 1,
      stableMs: 0,
      onRestart: ({ pid, attempts }) => restarted.push(pid * 10 + attempts),
      onGiveUp: () => {},
    });
    processes[0]?.die('killed by SIGKILL');
    await until(() => supervisor.current.pid === 2, 1000, 'the second process ran');
    processes[1]?.die('killed by SIGKILL');
    await until(() => supervisor.current.pid === 3, 1000, 'the third process ran');
    expect(restarted).toEqual([21, 31]); // pid 2 and pid 3, each at its first attempt

    await supervisor.stop();
    expect(processes[2]?.stopped).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(next).toBe(3);
  });

  it('gives up on a crash loop: a restarted process that dies again within a minute counts as a failed attempt', async () => {
    let pid = 1;
    const first = fakeProcess(pid);
    const gaveUp = new Promise<Error>((onGiveUp) =>
      supervise(
        first,
        async () => {
          const next = fakeProcess(++pid);
          setTimeout(() => next.die('exit code 1'), 5);
          return next;
        },
        { name: 'server', delayMs: 1, maxRestarts: 3, onGiveUp },
      ),
    );
    first.die('killed by SIGKILL');
    expect((await gaveUp).message).toBe(
      'server could not be restarted: 3 attempts failed, the last: exit code 1',
    );
    expect(pid).toBe(4); // three restarts, each dead again at once
  });
});

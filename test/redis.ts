/**
 * A real redis-server (Debian's package, which `npm test`'s pretest installs) on a free loopback port,
 * for the tests and benchmarks of the live bus: started, stopped and started again on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../src/db/local.js';

export interface RedisServer {
  url: string;
  /** Stops the server (SIGTERM, no persistence) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open, nothing answers; `resume` thaws it. */
  pause(): void;
  resume(): void;
}

/** Starts a redis-server that keeps nothing on disk; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = server;
      let output = '';
      server.stdout?.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      });
      server.once('error', (error) =>
        reject(
          new Error(`redis-server could not start (is it installed? npm test installs it): ${error.message}`),
        ),
      );
      server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs the pretest step on a PATH with no Java, Maven, Redis, Chromium or Docker (Redis and Chromium,
 * if asked), as a user who is not root (or as root, with an apt-get that only writes down how it was called).
 */
function pretestOnBareMachine(
  env: Record<string, string> = {},
  { root = false, redis = false, chromium = false } = {},
) {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-machine-'));
  fs.writeFileSync(path.join(bin, 'id'), `#!/bin/sh\necho ${root ? 0 : 1000}\n`, { mode: 0o755 });
  if (redis) fs.writeFileSync(path.join(bin, 'redis-server'), '#!/bin/sh\n', { mode: 0o755 });
  if (chromium) fs.writeFileSync(path.join(bin, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
  const calls = path.join(bin, 'apt-get.calls');
  fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\necho "$@" >> ${calls}\n`, { mode: 0o755 });
  const run = spawnSync('/bin/bash', ['scripts/pretest.sh'], {
    env: { PATH: bin, ...env },
    encoding: 'utf8',
  });
  return { ...run, aptGet: fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [] };
}

describe('the pretest step', () => {
  it('names the exact install command when Java, Maven, Redis and Chromium are missing and it cannot install them', () => {
    const run = pretestOnBareMachine();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends openjdk-17-jre-headless maven redis-server chromium',
    );
  });

  it('installs Java, Maven, Redis and Chromium with apt-get when it runs as root', () => {
    const run = pretestOnBareMachine({}, { root: true });
    expect(run.status).toBe(0);
    expect(run.aptGet).toEqual([
      'update -q',
      'install -y -q --no-install-recommends openjdk-17-jre-headless maven redis-server chromium',
    ]);
  });

  it('needs only Redis when NEO4J_URI names a server and chromium is installed', () => {
    const run = pretestOnBareMachine({ NEO4J_URI: 'bolt://db.example:7687' }, { chromium: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sudo apt-get install -y --no-install-recommends redis-server\n');
  });

  it("needs only Chromium, for the explorer's browser tests, when the rest is there", () => {
    const run = pretestOnBareMachine({ NEO4J_URI: 'bolt://db.example:7687' }, { redis: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sudo apt-get install -y --no-install-recommends chromium\n');
  });

  it('needs nothing more when NEO4J_URI names a server and redis-server and chromium are installed', () => {
    const run = pretestOnBareMachine(
      { NEO4J_URI: 'bolt://db.example:7687' },
      { redis: true, chromium: true },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});

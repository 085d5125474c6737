import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../../src/ingest/extract.js';
import { ExtractionThread } from '../../../src/ingest/thread.js';
import { lookup } from './fixtures.js';
import { SET_DIR } from './goldset.js';

const thread = new ExtractionThread();
afterAll(() => thread.close());

const ARTICLES = fs
  .readdirSync(path.join(SET_DIR, 'articles'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(SET_DIR, 'articles', f), 'utf8'));

/** The longest pause of this thread's event loop while `work` runs, in ms. */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

// Long articles, read twice on purpose, on a machine that may be busy: seconds each.
describe('the extraction thread', { timeout: 60_000 }, () => {
  it('gives what extract gives, asking this thread for the lookup', async () => {
    const text = ARTICLES[0] as string;
    const asked: string[][] = [];
    const counting = (surfaces: readonly string[]) => {
      asked.push([...surfaces]);
      return lookup(surfaces);
    };
    const here = await extract({ text, published: '2024-03-13', lookup });
    const there = await thread.extract({ text, published: '2024-03-13', lookup: counting });
    expect(there).toEqual(here);
    expect(asked).toHaveLength(1);
  });

  it('leaves the event loop free while a long article is read', async () => {
    const text = ARTICLES.join('\n\n').repeat(6).slice(0, 60_000);
    await thread.extract({ text: 'Warm-up.', published: null, lookup });
    const onThread = await longestPause(() => thread.extract({ text, published: null, lookup }));
    const here = await longestPause(() => extract({ text, published: null, lookup }));
    // Reading it here stops the loop for the whole extraction (seconds); there, for a message's worth.
    expect(here).toBeGreaterThan(500);
    expect(onThread).toBeLessThan(here / 5);
  });

  it("fails an extraction whose lookup fails, with the lookup's error, and goes on with the next", async () => {
    const broken = () => Promise.reject(new Error('the graph is away'));
    await expect(
      thread.extract({ text: ARTICLES[1] as string, published: null, lookup: broken }),
    ).rejects.toThrow('the graph is away');
    const next = await thread.extract({ text: ARTICLES[1] as string, published: null, lookup });
    expect(next.statements.length).toBeGreaterThan(0);
  });

  it('starts a new worker after one was stopped', async () => {
    await thread.close();
    const again = await thread.extract({ text: ARTICLES[2] as string, published: null, lookup });
    expect(again.entities.length).toBeGreaterThan(0);
  });
});

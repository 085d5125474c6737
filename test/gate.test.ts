import { describe, expect, it } from 'vitest';
import { Gate } from '../src/db/gate.js';

/** A query that runs until `finish` is called. */
function pending() {
  let finish: (value: string) => void = () => {};
  const done = new Promise<string>((resolve) => {
    finish = resolve;
  });
  return { work: () => done, finish };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ran',
    (e: { extensions?: unknown }) => e.extensions,
  );

describe('the gate in front of Neo4j', () => {
  it('runs at most maxConcurrent queries and hands each freed slot to the oldest waiting one', async () => {
    const gate = new Gate({ maxConcurrent: 2, queue: 10, waitMs: 60_000 });
    const queries = Array.from({ length: 4 }, pending);
    const order: number[] = [];
    const results = queries.map((q, i) =>
      gate.run(() => {
        order.push(i);
        return q.work();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    expect(order).toEqual([0, 1]);

    queries[1]?.finish('one');
    expect(await results[1]).toBe('one');
    expect(order).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });

    for (const q of queries) q.finish('done');
    await Promise.all(results);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a query beyond the queue at once with SERVICE_UNAVAILABLE, HTTP 503 and Retry-After', async () => {
    const gate = new Gate({ maxConcurrent: 1, queue: 1, waitMs: 60_000 });
    const running = pending();
    const first = gate.run(running.work);
    const queued = gate.run(async () => 'queued');
    expect(await refusal(gate.run(async () => 'never'))).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503, headers: { 'Retry-After': '5' } },
    });
    running.finish('first');
    expect([await first, await queued]).toEqual(['first', 'queued']);
  });

  it('refuses a query that waited waitMs without a slot, and forgets it', async () => {
    const gate = new Gate({ maxConcurrent: 1, queue: 5, waitMs: 50 });
    const running = pending();
    const first = gate.run(running.work);
    const waited = gate.run(async () => 'never');
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    await expect(waited).rejects.toThrow(
      'The server is busy (no database slot within 50 ms); try again shortly',
    );
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    running.finish('first');
    await first;
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a query that fails', async () => {
    const gate = new Gate({ maxConcurrent: 1, queue: 0, waitMs: 1 });
    await expect(gate.run(async () => Promise.reject(new Error('Neo4j said no')))).rejects.toThrow(
      'Neo4j said no',
    );
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});

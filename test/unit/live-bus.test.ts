import { describe, expect, it } from 'vitest';
import { createLocalBus, Interrupted, MAX_QUEUED } from '../../src/live/bus.js';

const added = (n: number) => ({
  statementAdded: {
    key: `statement/${n}`,
    kind: 'PARAPHRASE',
    speaker: 'person/a',
    onBehalfOf: [],
    addressedTo: [],
    about: [],
    dateEarliest: null,
    dateLatest: null,
    record: {
      label: 'Statement' as const,
      key: `statement/${n}`,
      kind: 'PARAPHRASE' as const,
      text: `${n}`,
      date: null,
    },
  },
});

describe('the live bus', () => {
  it('delivers announced events in order, with the bookmarks of their write', async () => {
    const bus = createLocalBus();
    const events = await bus.listen('statementAdded');
    await bus.announce([added(1), added(2)], ['FB:one']);
    expect((await events.next()).value).toMatchObject({ key: 'statement/1', bookmarks: ['FB:one'] });
    expect((await events.next()).value).toMatchObject({ key: 'statement/2' });
  });

  it('ends a subscription whose reader falls behind with an interruption, instead of queueing without end', async () => {
    const bus = createLocalBus();
    const slow = await bus.listen('statementAdded');
    const other = await bus.listen('statementAdded');
    for (let n = 0; n < MAX_QUEUED + 50; n++) await bus.announce([added(n)], []);
    const received: unknown[] = [];
    for await (const event of slow) received.push(event);
    expect(received).toHaveLength(MAX_QUEUED + 1);
    expect(received.at(-1)).toBeInstanceOf(Interrupted);
    expect((received.at(-1) as Interrupted).error.message).toMatch(/fell behind/);
    expect(bus.open).toBe(0);
    await other.return?.();
  });

  it('keeps only what the filter accepts', async () => {
    const bus = createLocalBus();
    const odd = await bus.listen('statementAdded', undefined, (e) => Number(e.key.split('/')[1]) % 2 === 1);
    await bus.announce([added(1), added(2), added(3)], []);
    expect((await odd.next()).value).toMatchObject({ key: 'statement/1' });
    expect((await odd.next()).value).toMatchObject({ key: 'statement/3' });
  });

  it('completes open subscriptions and refuses new ones once drained', async () => {
    const bus = createLocalBus();
    const open = await bus.listen('nodeChanged', 'person/a');
    bus.drain();
    expect(await open.next()).toEqual({ value: undefined, done: true });
    await expect(bus.listen('statementAdded')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});

/**
 * The live bus: how a committed write reaches subscribers and caches, in this process or, with
 * REDIS_URL, in every instance. Writers `announce` their changes after commit; subscriptions `listen`
 * to one topic; response caches hear `onWrite`. Over Redis, every instance (the writer too) hears a
 * change once, from Redis, so each subscriber gets each event exactly once.
 *
 * When the connection to Redis drops, open subscriptions end with SERVICE_UNAVAILABLE (a retry hint in
 * `extensions.retryAfterMs`) rather than staying open and silently missing events; new ones are refused
 * until it is back. Writes never wait for Redis: a change announced while it is down is lost, which the
 * subscribers were told, and the caches of other instances fall back to their TTL.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Repeater } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Change, NodeChanged, StatementAdded } from './changes.js';

/** What each topic carries. */
export interface Topics {
  statementAdded: StatementAdded;
  nodeChanged: NodeChanged;
}
export type Topic = keyof Topics;

/** How long a client should wait before subscribing again after an interruption. */
export const RETRY_AFTER_MS = 1_000;

/**
 * The last item of a subscription whose events stopped flowing: its resolver throws `error`, so the
 * client gets a typed error event (an error thrown from the stream itself would reach it masked).
 */
export class Interrupted {
  readonly error = userError('SERVICE_UNAVAILABLE', 'live updates were interrupted; subscribe again', {
    retryAfterMs: RETRY_AFTER_MS,
  });
}

/** How long start-up waits for Redis before giving up. */
const REDIS_READY_MS = 5_000;

/** Channels are prefixed, so that one Redis can serve other applications too. */
const channel = (topic: string, id?: string) => `newsgraph:${topic}${id === undefined ? '' : `:${id}`}`;
const INVALIDATE = channel('write');

export interface LiveBus {
  /**
   * Tells every instance of a committed write and its changes; call only after the commit. Resolves
   * once Redis has taken them (so a client that has the write's answer finds every cache emptied), or
   * at once if it is away: a write never fails or waits for want of Redis.
   */
  announce(changes: readonly Change[]): Promise<void>;
  /**
   * The events of one topic (of one node, for nodeChanged) from now on, ending with an Interrupted if
   * they stop flowing; refused while they cannot flow.
   */
  listen<T extends Topic>(topic: T, id?: string): AsyncIterableIterator<Topics[T] | Interrupted>;
  /** Calls `listener` whenever any instance announced a write; returns the way to stop. */
  onWrite(listener: () => void): () => void;
  /** Subscriptions open now (metrics, tests). */
  readonly open: number;
  /** Ends every open subscription as complete (server shutdown) and closes the connections. */
  close(): Promise<void>;
}

/** What a bus needs of its transport: dispatch, listen, and whether events flow now. */
interface Transport {
  target: EventTarget;
  available: () => boolean;
  /** Resolves once what was dispatched so far has left this process. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

/** A bus within this process: the embedded default, nothing to install. */
export function createLocalBus(): LiveBus {
  return createBus({
    target: new EventTarget(),
    available: () => true,
    flush: async () => {},
    close: async () => {},
  });
}

/** A bus over Redis pub/sub, once both connections are ready (rejects if Redis does not answer). */
export async function createRedisBus(url: string, logger: Logger): Promise<LiveBus> {
  const options = {
    lazyConnect: true,
    // Reconnect for ever, at most every 2 s: the bus recovers whenever Redis is back.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
  };
  // Publishing never queues: a write must not wait on, or pile up behind, a Redis that is away.
  const publisher = new Redis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  // The bus subscribes again itself on reconnection (below), after whatever was queued meanwhile.
  const subscriber = new Redis(url, { ...options, autoResubscribe: false });
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: Error) => logger.debug({ err: error }, 'redis'));
  }
  try {
    await Promise.all([publisher, subscriber].map((client) => connectWithin(client, REDIS_READY_MS)));
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`Redis at ${url} did not answer: ${(error as Error).message}`);
  }
  let connected = true;
  // redis-event-target neither awaits nor catches its publishes: the adapter keeps them, so that
  // announce can wait for them, and keeps a failed one from becoming an unhandled rejection.
  let pending: Promise<unknown>[] = [];
  const publishClient = {
    publish: (name: string, message: string) => {
      const published = publisher.publish(name, message).catch((error: Error) => {
        logger.warn({ err: error, channel: name }, 'live event not published: Redis unavailable');
      });
      pending.push(published);
      return published;
    },
  } as unknown as Redis;
  // Likewise for its subscribes, which fail when the connection drops mid-way; the channels it listens
  // to are kept, to subscribe them all again whenever the connection is back.
  const channels = new Set<string>();
  const resubscribe = (names: string[]) => {
    if (names.length === 0) return;
    subscriber.subscribe(...names).catch((error: Error) => logger.debug({ err: error }, 'redis subscribe'));
  };
  const subscribeClient = {
    on: subscriber.on.bind(subscriber),
    subscribe: (name: string) => {
      channels.add(name);
      resubscribe([name]);
    },
    unsubscribe: (name: string) => {
      channels.delete(name);
      subscriber.unsubscribe(name).catch((error: Error) => logger.debug({ err: error }, 'redis unsubscribe'));
    },
  } as unknown as Redis;
  const target = createRedisEventTarget({ publishClient, subscribeClient }) as EventTarget;
  const bus = createBus({
    target,
    available: () => connected,
    flush: async () => {
      const flushing = pending;
      pending = [];
      await Promise.all(flushing);
    },
    close: async () => {
      publisher.disconnect();
      subscriber.disconnect();
    },
  });
  subscriber.on('close', () => {
    if (!connected) return;
    connected = false;
    logger.warn('Redis connection lost: open subscriptions end, caches fall back to their TTL');
    bus.interrupt();
  });
  subscriber.on('ready', () => {
    if (connected) return;
    resubscribe([...channels]);
    connected = true;
    logger.info('Redis connection back: live updates resume');
  });
  return bus;
}

function connectWithin(client: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    client.connect(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The bus over a transport; `interrupt` ends every open subscription with an error. */
function createBus(transport: Transport): LiveBus & { interrupt(): void } {
  const { target } = transport;
  /** How to end each open subscription: interrupted, or complete (shutdown). */
  const open = new Set<(interrupted: boolean) => void>();
  const dispatch = (name: string, detail: unknown) => target.dispatchEvent(new CustomEvent(name, { detail }));

  return {
    announce(changes) {
      for (const change of changes) {
        if ('statementAdded' in change) dispatch(channel('statementAdded'), change.statementAdded);
        else dispatch(channel('nodeChanged', change.nodeChanged.key), change.nodeChanged);
      }
      dispatch(INVALIDATE, null);
      return transport.flush();
    },

    listen(topic, id) {
      if (!transport.available()) {
        throw userError('SERVICE_UNAVAILABLE', 'live updates are unavailable; try again shortly', {
          retryAfterMs: RETRY_AFTER_MS,
        });
      }
      const name = channel(topic, id);
      // A Repeater of our own rather than yoga's createPubSub, which has no way to end a subscription.
      return new Repeater<Topics[typeof topic] | Interrupted>((push, stop) => {
        const listener = (event: Event) => void push((event as CustomEvent).detail);
        const end = (interrupted: boolean) => {
          if (interrupted) void push(new Interrupted());
          stop();
        };
        target.addEventListener(name, listener);
        open.add(end);
        void stop.then(() => {
          target.removeEventListener(name, listener);
          open.delete(end);
        });
      });
    },

    onWrite(listener) {
      target.addEventListener(INVALIDATE, listener);
      return () => target.removeEventListener(INVALIDATE, listener);
    },

    get open() {
      return open.size;
    },

    interrupt() {
      for (const end of [...open]) end(true);
    },

    async close() {
      for (const end of [...open]) end(false);
      await transport.close();
    },
  };
}

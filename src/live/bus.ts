/**
 * The live bus: how a committed write reaches subscribers and caches, in this process or, with
 * REDIS_URL, in every instance. Writers `announce` their changes after commit; subscriptions `listen`
 * to one topic; response caches hear `onWrite`. Over Redis, every instance (the writer too) hears a
 * change once, from Redis, so each subscriber gets each event once.
 *
 * A subscription never misses events silently: when the connection to Redis drops (or stops answering
 * pings), or when its subscriber reads too slowly to keep up, it ends with an Interrupted item (a
 * SERVICE_UNAVAILABLE error with a retry hint), and new ones are refused until Redis is back. Writes
 * never wait on Redis for long: a change announced while it is away is lost (its subscribers were told),
 * and the caches of other instances fall back to their TTL.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Announced, Change, NodeChanged, StatementAdded } from './changes.js';

/** What each topic carries. */
export interface Topics {
  statementAdded: Announced<StatementAdded>;
  nodeChanged: Announced<NodeChanged>;
}
export type Topic = keyof Topics;
/** Any event a subscription receives. */
export type LiveEvent = Topics[Topic];

/** How long a client should wait before subscribing again after an interruption. */
export const RETRY_AFTER_MS = 1_000;

/** Events one subscription may have waiting; past this its reader is too slow and it ends. */
export const MAX_QUEUED = 256;

/** How long start-up waits for Redis, and one command (publish, ping) at most. */
const REDIS_READY_MS = 5_000;
const REDIS_COMMAND_MS = 1_000;
/** How often the subscriber connection is pinged: a Redis that hangs without closing is noticed. */
const PING_EVERY_MS = 5_000;

const unavailable = (message: string) =>
  userError('SERVICE_UNAVAILABLE', message, { retryAfterMs: RETRY_AFTER_MS });

/**
 * The last item of a subscription whose events stopped flowing: its resolver throws `error`, so the
 * client gets a typed error event (an error thrown from the stream itself would reach it masked).
 */
export class Interrupted {
  readonly error: Error;
  constructor(why: string) {
    this.error = unavailable(`live updates were interrupted (${why}); subscribe again`);
  }
}

/** Channels are prefixed, so that one Redis can serve other applications too. */
const channel = (topic: string, id?: string) => `newsgraph:${topic}${id === undefined ? '' : `:${id}`}`;
const INVALIDATE = channel('write');

export interface LiveBus {
  /**
   * Tells every instance of a committed write and its changes; call only after the commit. Resolves
   * once Redis has taken them (at most about a second), or at once if it is away: a write never fails
   * for want of Redis.
   */
  announce(changes: readonly Change[], bookmarks: readonly string[]): Promise<void>;
  /**
   * The events of one topic (of one node, for nodeChanged) that `keep` accepts, from the moment it
   * resolves, ending with an Interrupted if they stop flowing; refused while they cannot flow.
   */
  listen<T extends Topic>(
    topic: T,
    id?: string,
    keep?: (event: Topics[T]) => boolean,
  ): Promise<AsyncIterableIterator<Topics[T] | Interrupted>>;
  /** Calls `listener` whenever any instance announced a write. */
  onWrite(listener: () => void): void;
  /** Subscriptions open now. */
  readonly open: number;
  /** Ends every open subscription as complete and refuses new ones (shutdown, first step). */
  drain(): void;
  /** Drains, then closes the connections (shutdown, once in-flight writes have announced). */
  close(): Promise<void>;
}

/** What a bus needs of its transport. */
interface Transport {
  target: EventTarget;
  /** Whether events flow now. */
  available: () => boolean;
  /** Resolves once the transport listens to this channel (Redis acknowledged SUBSCRIBE). */
  listening: (name: string) => Promise<void>;
  /** Resolves once what was dispatched so far has left this process. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

/** A bus within this process: the embedded default, nothing to install. */
export function createLocalBus(): LiveBus {
  return createBus({
    target: new EventTarget(),
    available: () => true,
    listening: async () => {},
    flush: async () => {},
    close: async () => {},
  });
}

/** A bus over Redis pub/sub, once both connections are ready (rejects if Redis does not answer). */
export async function createRedisBus(url: string, logger: Logger): Promise<LiveBus> {
  const options = {
    lazyConnect: true,
    commandTimeout: REDIS_COMMAND_MS,
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

  // redis-event-target neither awaits nor catches its commands: these adapters keep its publishes (for
  // announce to wait on) and its subscribes (for listen to wait on, and to subscribe again after a
  // reconnection), and keep a failed one from becoming an unhandled rejection.
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
  const channels = new Map<string, Promise<void>>();
  const subscribe = (name: string) =>
    subscriber.subscribe(name).then(
      () => {},
      (error: Error) => logger.debug({ err: error, channel: name }, 'redis subscribe'),
    );
  const subscribeClient = {
    on: subscriber.on.bind(subscriber),
    subscribe: (name: string) => channels.set(name, subscribe(name)),
    unsubscribe: (name: string) => {
      channels.delete(name);
      subscriber.unsubscribe(name).catch((error: Error) => logger.debug({ err: error }, 'redis unsubscribe'));
    },
  } as unknown as Redis;
  // A message that is not ours (another client on the channel) is dropped, never thrown in ioredis.
  const serializer = {
    stringify: JSON.stringify,
    parse: (message: string) => {
      try {
        return JSON.parse(message);
      } catch {
        return null;
      }
    },
  };
  const target = createRedisEventTarget({ publishClient, subscribeClient, serializer }) as EventTarget;

  let connected = true;
  const bus = createBus({
    target,
    available: () => connected && publisher.status === 'ready',
    listening: (name) => channels.get(name) ?? Promise.resolve(),
    flush: async () => {
      const flushing = pending;
      pending = [];
      await Promise.all(flushing);
    },
    close: async () => {
      clearInterval(pings);
      connected = false;
      publisher.disconnect();
      subscriber.disconnect();
    },
  });
  const lost = (why: string) => {
    if (!connected) return;
    connected = false;
    logger.warn(`Redis ${why}: open subscriptions end, caches fall back to their TTL`);
    bus.interrupt(`Redis ${why}`);
  };
  subscriber.on('close', () => lost('connection lost'));
  subscriber.on('ready', () => {
    if (connected) return;
    for (const name of channels.keys()) channels.set(name, subscribe(name));
    connected = true;
    logger.info('Redis connection back: live updates resume');
  });
  // A Redis that stops answering without closing the connection would otherwise never be noticed.
  const pings = setInterval(() => {
    if (subscriber.status !== 'ready') return;
    subscriber.ping().catch(() => {
      lost('stopped answering');
      subscriber.disconnect(true);
    });
  }, PING_EVERY_MS).unref();
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

/** One open subscription: the events of its channel, queued until its reader takes them. */
class Subscription<T> implements AsyncIterableIterator<T | Interrupted> {
  private readonly queue: (T | Interrupted)[] = [];
  private waiting: ((result: IteratorResult<T | Interrupted>) => void) | undefined;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  /** Queues an event; a reader MAX_QUEUED events behind is interrupted instead. */
  push(event: T): void {
    if (this.ended) return;
    if (this.queue.length >= MAX_QUEUED) this.end(new Interrupted('the subscriber fell behind'));
    else this.deliver(event);
  }

  /** Ends the subscription: after an Interrupted item when given, else as complete. */
  end(interrupted?: Interrupted): void {
    if (this.ended) return;
    if (interrupted) this.deliver(interrupted);
    this.ended = true;
    this.onEnd();
    if (this.waiting && this.queue.length === 0) this.settle({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T | Interrupted>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T | Interrupted>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private deliver(item: T | Interrupted) {
    if (this.waiting) this.settle({ value: item, done: false });
    else this.queue.push(item);
  }

  private settle(result: IteratorResult<T | Interrupted>) {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(result);
  }
}

/** The bus over a transport; `interrupt` ends every open subscription with an error. */
function createBus(transport: Transport): LiveBus & { interrupt(why: string): void } {
  const { target } = transport;
  const open = new Set<Subscription<unknown>>();
  let draining = false;
  const dispatch = (name: string, detail: unknown) => target.dispatchEvent(new CustomEvent(name, { detail }));

  const drain = () => {
    draining = true;
    for (const subscription of [...open]) subscription.end();
  };

  return {
    announce(changes, bookmarks) {
      // Caches first: a reader who got the write's answer must not be served what it replaced.
      dispatch(INVALIDATE, {});
      for (const change of changes) {
        if ('statementAdded' in change)
          dispatch(channel('statementAdded'), { ...change.statementAdded, bookmarks });
        else dispatch(channel('nodeChanged', change.nodeChanged.key), { ...change.nodeChanged, bookmarks });
      }
      return transport.flush();
    },

    async listen<T extends Topic>(topic: T, id?: string, keep: (event: Topics[T]) => boolean = () => true) {
      if (draining) throw unavailable('the server is shutting down');
      if (!transport.available()) throw unavailable('live updates are unavailable; try again shortly');
      const name = channel(topic, id);
      // Listening starts now, before the client learns it is subscribed, so that no event between the
      // two is missed; events without a payload (not ours) are dropped.
      const subscription: Subscription<Topics[T]> = new Subscription(() => {
        target.removeEventListener(name, listener);
        open.delete(subscription as Subscription<unknown>);
      });
      const listener = (event: Event) => {
        const detail = (event as CustomEvent).detail;
        if (detail !== null && typeof detail === 'object' && keep(detail as Topics[T]))
          subscription.push(detail as Topics[T]);
      };
      target.addEventListener(name, listener);
      open.add(subscription as Subscription<unknown>);
      await transport.listening(name);
      return subscription;
    },

    onWrite(listener) {
      target.addEventListener(INVALIDATE, () => listener());
    },

    get open() {
      return open.size;
    },

    interrupt(why) {
      for (const subscription of [...open]) subscription.end(new Interrupted(why));
    },

    drain,

    async close() {
      drain();
      await transport.close();
    },
  };
}

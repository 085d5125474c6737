/** A test client for subscriptions over Server-Sent Events (GraphQL over SSE, distinct connections). */
import type { createApp } from '../src/http/app.js';
import type { Any, GraphQLResponse } from './helpers.js';

type App = ReturnType<typeof createApp>;

export interface SseSubscription {
  /** The next `next` event's payload; throws if none comes within `ms`. */
  next(ms?: number): Promise<GraphQLResponse<Any>>;
  /** True once the server sent `complete` (or closed the stream). */
  readonly done: boolean;
  /** Comment lines (keep-alive pings) received so far. */
  readonly pings: number;
  /** The HTTP status of the stream's response. */
  readonly status: number;
  close(): Promise<void>;
}

/** Subscribes through `app.fetch` with `Accept: text/event-stream`, as a browser's EventSource would. */
export async function subscribe(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const events: GraphQLResponse<Any>[] = [];
  const waiting: ((event: GraphQLResponse<Any> | null) => void)[] = [];
  let done = false;
  let pings = 0;
  const deliver = (event: GraphQLResponse<Any> | null) => {
    const waiter = waiting.shift();
    if (waiter) waiter(event);
    else if (event) events.push(event);
  };
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A refusal before the stream starts is a plain JSON answer.
    deliver({ status: response.status, ...((await response.json()) as object) });
    done = true;
  } else {
    void (async () => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf('\n\n');
            if (block.startsWith(':')) pings++;
            const event = /^event: (\w+)/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === 'next' && data) deliver({ status: response.status, ...JSON.parse(data) });
            if (event === 'complete') done = true;
          }
        }
      } catch {
        // aborted by close()
      }
      done = true;
      while (waiting.length) deliver(null);
    })();
  }
  return {
    async next(ms = 10_000) {
      const queued = events.shift();
      if (queued) return queued;
      if (done) throw new Error('the subscription has ended');
      const event = await new Promise<GraphQLResponse<Any> | null>((resolve, reject) => {
        const waiter = (e: GraphQLResponse<Any> | null) => {
          clearTimeout(timer);
          resolve(e);
        };
        // A waiter that timed out leaves the line, so that the event it missed goes to the next one.
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`no event within ${ms} ms`));
        }, ms);
        waiting.push(waiter);
      });
      if (!event) throw new Error('the subscription has ended');
      return event;
    },
    get done() {
      return done;
    },
    get pings() {
      return pings;
    },
    status: response.status,
    async close() {
      abort.abort();
    },
  };
}

/**
 * Reads an SSE body until `found` holds for the text so far (throws after `ms`), then lets go of the
 * stream unless it has ended.
 */
export async function readUntil(
  body: ReadableStream<Uint8Array>,
  found: (text: string) => boolean,
  ms = 10_000,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const deadline = Date.now() + ms;
  while (!found(text)) {
    if (Date.now() > deadline) throw new Error(`not found within ${ms} ms in: ${text}`);
    const { value, done } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    text += decoder.decode(value, { stream: true });
  }
  if (!ended) await reader.cancel();
  return text;
}

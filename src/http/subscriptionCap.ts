import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { userError } from '../errors.js';
import type { Context } from '../schema/context.js';

/**
 * At most `perClient` open subscriptions per client (a token's subject, or the address of an anonymous
 * one): SSE and WebSocket count together, and one more is refused with TOO_MANY_REQUESTS until one
 * ends. Without a cap one client could hold the server's memory and sockets.
 */
export function useSubscriptionCap(perClient: number): Plugin<Context> {
  const open = new Map<string, number>();
  const release = (client: string) => {
    const left = (open.get(client) ?? 1) - 1;
    if (left > 0) open.set(client, left);
    else open.delete(client);
  };
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const { client } = args.contextValue;
      const count = open.get(client) ?? 0;
      if (count >= perClient) {
        setResultAndStopExecution({
          errors: [
            userError(
              'TOO_MANY_REQUESTS',
              `this client has ${count} subscriptions open, the most allowed (SUBSCRIPTIONS_PER_CLIENT); close one first`,
            ),
          ],
        });
        return;
      }
      open.set(client, count + 1);
      let released = false;
      const once = () => {
        if (released) return;
        released = true;
        release(client);
      };
      return {
        onSubscribeResult({ result }) {
          // A subscription refused by its resolver (an error result) never opened.
          if (!isAsyncIterable(result)) return once();
          // A client that left while the subscription was being set up never reads its stream, which
          // then never ends by itself: end it, or its place stays taken for good.
          const { signal } = (args.contextValue as Context & Partial<YogaInitialContext>).request ?? {};
          const abandon = () => {
            void result.return?.();
            once();
          };
          if (signal?.aborted) abandon();
          else signal?.addEventListener('abort', abandon, { once: true });
          return {
            onEnd: () => {
              signal?.removeEventListener('abort', abandon);
              once();
            },
          };
        },
        onSubscribeError: once,
      };
    },
  };
}

/**
 * Who holds a request's subscriptions: the token's subject, or for an anonymous client its address (with
 * `trustProxy`, the last address of X-Forwarded-For: the one the proxy in front added for the client it
 * saw; those before it are the client's own to choose).
 */
export function clientOf(
  viewer: { anonymous: boolean; subject: string },
  request: Request,
  address: string | undefined,
  trustProxy: boolean,
): string {
  if (!viewer.anonymous) return `subject:${viewer.subject}`;
  const forwarded = trustProxy
    ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim()
    : undefined;
  return `address:${forwarded || address || 'unknown'}`;
}

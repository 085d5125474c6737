import { isAsyncIterable, type Plugin } from 'graphql-yoga';
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
          return { onEnd: once };
        },
        onSubscribeError: once,
      };
    },
  };
}

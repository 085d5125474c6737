import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Each request's id: a sane incoming `x-request-id`, or a new one; the context reads it from here. */
export function createRequestIds() {
  const ids = new WeakMap<Request, string>();
  return {
    of: (request: Request) => ids.get(request) ?? randomUUID(),
    /** Assigns the id before anything else runs, and returns it as the `x-request-id` header. */
    plugin: (): Plugin<Context> => ({
      onRequest({ request }) {
        const incoming = request.headers.get('x-request-id');
        ids.set(request, incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID());
      },
      onResponse({ request, response }) {
        const id = ids.get(request);
        if (id) response.headers.set('x-request-id', id);
      },
    }),
  };
}

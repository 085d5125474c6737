import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Database } from '../db/database.js';
import type { Context } from '../schema/context.js';

/**
 * When a request ends — answered, failed, or its client went away — every Neo4j query it still has
 * running is stopped. graphql-js answers as soon as one field's error reaches the root, while that
 * field's siblings keep going: without this, their transactions (an analyst's 10-second Cypher, say)
 * would run on in Neo4j until their own timeout, for nobody.
 */
export function useCancelOnEnd(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const { db, request } = args.contextValue as Context & YogaInitialContext;
      return { onExecuteDone: cancelWhenDone(db, request) };
    },
  };
}

/**
 * Stops `db`'s queries if the client of `request` goes away; the returned function stops what is left
 * once the request has its answer (and stops listening).
 */
export function cancelWhenDone(db: Database, request: Request): () => void {
  const cancel = () => void db.cancelAll();
  request.signal.addEventListener('abort', cancel, { once: true });
  return () => {
    request.signal.removeEventListener('abort', cancel);
    cancel();
  };
}

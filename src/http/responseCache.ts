/**
 * A response cache for anonymous reads. The result of a query operation, keyed by its document, operation
 * name and variables, is served again until either
 *   - any mutation finishes in this process, or any instance announces a write on the live bus (with
 *     REDIS_URL, every instance hears every other's): every entry is dropped, because one write can
 *     change any list (a new statement moves a person's page, a count, a ranking), so there is never a
 *     stale read after a write made through this server or, while Redis is up, through another; or
 *   - `ttlMs` passes: the bound on staleness for writes no instance announced (a seed or import run
 *     against the same database, or any write while Redis is down).
 * Only anonymous requests are cached (everyone anonymous sees the same answers; bookmarks, which ask for
 * a graph that includes given writes, need credentials); results with errors never are. A read that was
 * running while a write finished is not stored, since it may have read the graph before the write.
 */
import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.js';

export interface ResponseCacheOptions {
  /** How long an entry may be served. */
  ttlMs: number;
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** Told of every lookup, hit or miss (metrics); lookups are anonymous queries only. */
  onLookup?: (hit: boolean) => void;
  /** Subscribes to the writes of every instance (the live bus): each one empties the cache. */
  onAnyWrite?: (listener: () => void) => unknown;
}

interface Entry {
  result: unknown;
  expires: number;
}

/** The envelop plugin; one cache per app (per process), never per request. */
export function useResponseCache({
  ttlMs,
  maxEntries,
  onLookup,
  onAnyWrite,
}: ResponseCacheOptions): Plugin<Context> {
  const entries = new Map<string, Entry>();
  // Bumped when a write finishes; a read started under an older generation is not stored.
  let generation = 0;
  const forget = () => {
    generation++;
    entries.clear();
  };
  onAnyWrite?.(forget);
  // Parsed documents are reused by the parser cache, so an id per document object keys them cheaply.
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const documentId = (document: DocumentNode) => {
    const known = documentIds.get(document);
    if (known !== undefined) return known;
    documentIds.set(document, nextDocumentId);
    return nextDocumentId++;
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation === 'mutation') {
        return { onExecuteDone: forget };
      }
      if (operation !== 'query' || !args.contextValue.viewer.anonymous) return;
      const key = JSON.stringify([
        documentId(args.document),
        args.operationName ?? null,
        args.variableValues ?? {},
      ]);
      const hit = entries.get(key);
      const fresh = hit !== undefined && hit.expires > Date.now();
      onLookup?.(fresh);
      if (hit && fresh) {
        // Re-insert: Map order is the recency order.
        entries.delete(key);
        entries.set(key, hit);
        setResultAndStopExecution(hit.result as Parameters<typeof setResultAndStopExecution>[0]);
        return;
      }
      const startedIn = generation;
      return {
        onExecuteDone({ result }) {
          if (generation !== startedIn || Symbol.asyncIterator in result || result.errors?.length) return;
          entries.delete(key);
          entries.set(key, { result, expires: Date.now() + ttlMs });
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        },
      };
    },
  };
}

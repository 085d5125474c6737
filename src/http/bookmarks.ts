/**
 * Read your writes across instances. An operation that wrote answers with the Neo4j bookmarks of its
 * commits, in `extensions.bookmarks` and in the `x-neo4j-bookmarks` header (comma-separated); a request
 * that sends them back in that header has every read wait until the Neo4j server it reaches has those
 * transactions. So a client that wrote through one instance reads its write through any other, even
 * from a cluster member that a `neo4j://` driver routes reads to.
 */
import { handleStreamOrSingleExecutionResult, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import { unauthenticated, type Viewer } from '../auth/auth.js';
import { badInput } from '../errors.js';
import type { Context } from '../schema/context.js';

/** Both ways: the bookmarks a request brings, and those of the writes its answer made. */
export const BOOKMARKS_HEADER = 'x-neo4j-bookmarks';

/** Bookmarks one request may wait for: a client keeps the latest answer's, usually one. */
const MAX_BOOKMARKS = 16;
/**
 * One bookmark as Neo4j writes them: "FB:" and base64 since 4.0 (FB:kcwQ3zCqs63QR/aTm1lckAZDh8kEGpA= on
 * 5.26), with room for the longer ones of several databases. Neo4j checks the content itself.
 */
const BOOKMARK = /^[A-Za-z0-9:+/=]{1,256}$/;
/** Like a bad token, a bad header is answered 400 whatever the client accepts: it is no GraphQL error. */
const BAD_HEADER = { http: { status: 400 } };

/**
 * The bookmarks `request` brings in its `x-neo4j-bookmarks` header (undefined without one); a header
 * that is not a short list of bookmarks is BAD_USER_INPUT, HTTP 400. Empty list elements are ignored,
 * as HTTP lists allow. Only a client with credentials may send them: a well-formed bookmark of a
 * transaction that never happened makes Neo4j hold every read for its bookmark timeout (30 s), which
 * an anonymous client could use to tie up the server (UNAUTHENTICATED, 401).
 */
export function bookmarksOf(request: Request, viewer: Viewer): string[] | undefined {
  const header = request.headers.get(BOOKMARKS_HEADER);
  if (header === null) return undefined;
  if (viewer.anonymous) throw unauthenticated(`${BOOKMARKS_HEADER} needs credentials`);
  const bookmarks = header
    .split(',')
    .map((bookmark) => bookmark.trim())
    .filter((bookmark) => bookmark !== '');
  if (bookmarks.length > MAX_BOOKMARKS)
    throw badInput(`${BOOKMARKS_HEADER}: more than ${MAX_BOOKMARKS} bookmarks`, BAD_HEADER);
  if (!bookmarks.every((bookmark) => BOOKMARK.test(bookmark)))
    throw badInput(`${BOOKMARKS_HEADER}: not a comma-separated list of Neo4j bookmarks`, BAD_HEADER);
  return bookmarks;
}

/** Hands the bookmarks of an operation that wrote back to its client, in the result and the header. */
export function useBookmarks(): Plugin<Context> {
  const written = new WeakMap<Request, readonly string[]>();
  return {
    onExecute({ args }) {
      const { db, request } = args.contextValue as Context & YogaInitialContext;
      return {
        onExecuteDone(payload) {
          const bookmarks = db.bookmarks;
          if (bookmarks.length === 0) return;
          written.set(request, bookmarks);
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            setResult({ ...result, extensions: { ...result.extensions, bookmarks } });
          });
        },
      };
    },
    onResponse({ request, response }) {
      const bookmarks = written.get(request);
      if (bookmarks) response.headers.set(BOOKMARKS_HEADER, bookmarks.join(','));
    },
  };
}

import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';

/** The explorer's sources: a browser program of its own that only speaks GraphQL over HTTP. */
const WEB = new URL('../../web/', import.meta.url);

/** Nothing but this origin: no CDN, no external font, no inline script or style. */
export const EXPLORER_CSP =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'self'";

/**
 * GraphiQL's editor (Monaco) writes its colours into <style> elements it creates at run time and
 * loads its icon fonts from data: URLs inside its own stylesheet, so its page also allows inline
 * styles and data: fonts; nothing is fetched from anywhere but this origin either way.
 */
export const GRAPHIQL_CSP = `${EXPLORER_CSP}; style-src 'self' 'unsafe-inline'; font-src 'self' data:`;

const JAVASCRIPT = 'text/javascript; charset=utf-8';

const GRAPHIQL_START = '/graphiql/start.js';
const EXPLORER_PATHS = new Set([
  '/',
  '/explorer/app.js',
  '/explorer/style.css',
  '/favicon.svg',
  GRAPHIQL_START,
]);

interface Asset {
  body: string;
  type: string;
}

/**
 * Bundled once per process, in memory, from the npm packages installed: `npm start` serves the page
 * with no build step to remember, no bundle in git to go stale, and esbuild takes about a second.
 */
let explorerAssets: Promise<Map<string, Asset>> | undefined;

function bundleExplorer(): Promise<Map<string, Asset>> {
  explorerAssets ??= (async () => {
    const result = await build({
      entryPoints: {
        app: fileURLToPath(new URL('main.ts', WEB)),
        'graphiql-start': fileURLToPath(new URL('graphiql-start.ts', WEB)),
      },
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      outdir: '/',
    });
    const bundled = (name: string) => {
      const file = result.outputFiles.find((output) => output.path === `/${name}.js`);
      if (!file) throw new Error(`esbuild produced no ${name}.js for the explorer`);
      return { body: file.text, type: JAVASCRIPT };
    };
    const read = (file: string) => fs.readFile(new URL(file, WEB), 'utf8');
    return new Map<string, Asset>([
      ['/', { body: await read('index.html'), type: 'text/html; charset=utf-8' }],
      ['/explorer/app.js', bundled('app')],
      ['/explorer/style.css', { body: await read('style.css'), type: 'text/css; charset=utf-8' }],
      ['/favicon.svg', { body: await read('favicon.svg'), type: 'image/svg+xml' }],
      [GRAPHIQL_START, bundled('graphiql-start')],
    ]);
  })();
  // A failed build is tried again by the next request, not remembered.
  explorerAssets.catch(() => {
    explorerAssets = undefined;
  });
  return explorerAssets;
}

/** GraphiQL's own files from @graphql-yoga/render-graphiql (9 MB, loaded when first asked for). */
let graphiqlAssets: Promise<Map<string, Asset>> | undefined;

function loadGraphiQL(): Promise<Map<string, Asset>> {
  graphiqlAssets ??= import('@graphql-yoga/render-graphiql/graphiql').then(
    ({ js, css, editorWorkerService, jsonWorker, graphqlWorker }) =>
      new Map<string, Asset>([
        ['/graphiql/graphiql.js', { body: js, type: JAVASCRIPT }],
        ['/graphiql/graphiql.css', { body: css, type: 'text/css; charset=utf-8' }],
        ['/graphiql/editorWorkerService.js', { body: editorWorkerService, type: JAVASCRIPT }],
        ['/graphiql/json.js', { body: jsonWorker, type: JAVASCRIPT }],
        ['/graphiql/graphql.js', { body: graphqlWorker, type: JAVASCRIPT }],
      ]),
  );
  return graphiqlAssets;
}

/**
 * GraphiQL's page (yoga's `renderGraphiQL`): no inline script, so it runs under a CSP without
 * 'unsafe-inline' for scripts; its options travel as a JSON data block that graphiql-start.js reads.
 */
export function renderOfflineGraphiQL(options?: GraphiQLOptions): string {
  const json = JSON.stringify({ ...options, title: undefined }).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>newsgraph · GraphiQL</title>
    <link rel="icon" href="/favicon.svg" />
    <link rel="stylesheet" href="/graphiql/graphiql.css" />
  </head>
  <body>
    <div id="root"></div>
    <script id="graphiql-options" type="application/json">${json}</script>
    <script src="/graphiql/graphiql.js"></script>
    <script src="/graphiql/start.js"></script>
  </body>
</html>`;
}

/**
 * The explorer at `/` and GraphiQL's assets, as static files from this server, each HTML page with
 * its Content-Security-Policy. `graphiql: false` (production) leaves GraphiQL's files unserved too;
 * `explorer: false` the explorer's (a server that runs only persisted operations would refuse the
 * explorer's own queries).
 */
export function useExplorer({
  graphiql,
  explorer,
  logger,
}: {
  graphiql: boolean;
  explorer: boolean;
  logger: Logger;
}): Plugin {
  if (explorer) {
    bundleExplorer().catch((error) => logger.error({ err: error }, 'the explorer could not be bundled'));
  }
  return {
    async onRequest({ url, request, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const path = url.pathname;
      const files =
        EXPLORER_PATHS.has(path) && explorer
          ? bundleExplorer
          : path.startsWith('/graphiql/')
            ? loadGraphiQL
            : undefined;
      if (!files || (!graphiql && path.startsWith('/graphiql/'))) return;
      let asset: Asset | undefined;
      try {
        asset = (await files()).get(path);
      } catch {
        endResponse(
          new Response('The explorer could not be built; the server log says why.', { status: 500 }),
        );
        return;
      }
      if (!asset) return;
      endResponse(
        new Response(asset.body, {
          headers: {
            'content-type': asset.type,
            'content-security-policy': EXPLORER_CSP,
            'x-content-type-options': 'nosniff',
            'cache-control': 'no-cache',
          },
        }),
      );
    },
    onResponse({ request, response }) {
      // yoga answers GET /graphql from a browser with GraphiQL's page (renderOfflineGraphiQL).
      if (
        response.headers.get('content-type')?.startsWith('text/html') &&
        new URL(request.url).pathname === '/graphql'
      ) {
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
      }
    },
  };
}
